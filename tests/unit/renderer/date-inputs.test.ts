import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dates, months and times are picked in the app's language (DateField,
 * TimeField, MonthField in renderer/lib/DateField.tsx), never with the
 * browser's own pickers, which follow the computer's locale (11/27/2026,
 * 02:00 PM, "November 2026" in English on an English Windows).
 */
const root = path.resolve(__dirname, '../../../renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('no browser-locale date, month or time inputs in the UI', () => {
  it('finds none of <input type=date|month|time|datetime-local|week>', () => {
    const found = sources(root).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/type\s*[=:]\s*\{?\s*["'`](date|month|time|datetime-local|week)["'`]/g)].map((m) => `${path.relative(root, f)}: type="${m[1]}"`),
    );
    expect(found).toEqual([]);
  });

  it('would catch one', () => {
    expect(/type\s*[=:]\s*\{?\s*["'`](date|month|time|datetime-local|week)["'`]/.test('<input type="month" value={m} />')).toBe(true);
  });
});
