/**
 * Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe (OWASP "CSV Injection"). Beyond OWASP's list, since
 * spreadsheets differ: a formula character after leading spaces or line
 * breaks (some trim them), a leading line feed, and the full-width forms
 * ＝ ＋ － ＠ (some convert them to ASCII on entry). Use on every cell of
 * every CSV Redaksi writes; serialise with papaparse, never by hand.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

export function csvSafeCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const s = String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}
