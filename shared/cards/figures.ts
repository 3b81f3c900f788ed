/**
 * Key figures written the Indonesian way ("Rp12.345.678.900", "1.234.567",
 * "12,5 juta") and their short form ("Rp12,3 miliar") for a card where the
 * full figure cannot be drawn large enough. Formatting is ICU's compact
 * notation for id-ID (Intl.NumberFormat), so the words and decimal comma are
 * the standard ones.
 */

const FIGURE = /^(?<prefix>(?:Rp|IDR|US\$)\s?)?(?<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?<frac>\d+))?(?<rest>.*)$/su;

/** The value of a figure, or null when the text does not start with one. */
export function parseFigure(text: string): { prefix: string; value: number; rest: string } | null {
  const m = FIGURE.exec(text.trim());
  if (!m?.groups) return null;
  const value = Number(`${m.groups.int.replace(/\./g, '')}.${m.groups.frac ?? '0'}`);
  if (!Number.isFinite(value)) return null;
  return { prefix: m.groups.prefix ?? '', value, rest: m.groups.rest ?? '' };
}

// Three significant digits, cut rather than rounded up: a short form never overstates a budget.
const compact = new Intl.NumberFormat('id-ID', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3, roundingMode: 'trunc' });

/**
 * "Rp12.345.678.900" → "Rp12,3 miliar"; "4.250.000 jiwa" → "4,3 juta jiwa".
 * Null when there is nothing to shorten (below a million, or already short).
 */
export function shortFigure(text: string): string | null {
  const f = parseFigure(text);
  if (!f || f.value < 1_000_000) return null;
  const rest = f.rest.trim();
  // "Rp 4,2 M" already is a short form.
  if (/^(ribu|rb|juta|jt|miliar|M|triliun|T)\b/i.test(rest)) return null;
  const short = `${f.prefix}${compact.format(f.value)}${rest ? ` ${rest}` : ''}`;
  return short.length < text.trim().length ? short : null;
}
