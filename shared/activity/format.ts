/**
 * Numbers for people in Indonesia: decimal comma ("0,5 jam"), dot for
 * thousands. Every export and screen figure with a fraction goes through here.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function formatDecimal(n: number, digits = 1, lang: 'id' | 'en' = 'id'): string {
  const key = `${lang}:${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(n);
}

/** Share as a percentage with no decimals, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
