/**
 * Dates and times as people type them in Indonesia (27/11/2026, 14.00),
 * read into the ISO forms the app stores (2026-11-27, 14:00), and back.
 * Pure, so the same rules hold in every date or time field.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** "27/11/2026", "27-11-2026", "27.11.2026", "2026-11-27" → "2026-11-27"; anything else → null. */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmy) return validDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return null;
}

/** "2026-11-27" → "27/11/2026" (day first, as in Indonesian and British English). */
export function formatDateInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** "14.00", "14:00", "1400", "9.5" → "14:00" / "09:05" (24-hour); anything else → null. */
export function parseTimeInput(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})(?:[.:](\d{1,2})|(\d{2}))?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? 0);
  return h <= 23 && min <= 59 ? `${pad(h)}:${pad(min)}` : null;
}

/** "14:00" → "14.00", the Indonesian way of writing the time. */
export function formatTimeInput(hhmm: string, lang: 'id' | 'en' = 'id'): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? `${m[1]}${lang === 'id' ? '.' : ':'}${m[2]}` : '';
}
