/**
 * Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe (OWASP "CSV Injection"). Use on every cell of every CSV
 * Redaksi writes; serialise with papaparse, never by hand.
 */
export function csvSafeCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvSafeRow<T extends Record<string, unknown>>(row: T): Record<keyof T, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvSafeCell(v)])) as Record<
    keyof T,
    string | number | boolean | null
  >;
}
