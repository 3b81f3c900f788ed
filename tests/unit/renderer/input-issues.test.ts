import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorMessage, makeT } from '@ui/i18n/i18n';
import { openApi } from '../electron/helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-issues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message a screen shows for a refused call, in both languages. */
async function shown(fn: (api: Awaited<ReturnType<typeof openApi>>) => Promise<unknown>): Promise<{ id: string; en: string }> {
  const api = await openApi(dir);
  const err = await fn(api).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return { id: errorMessage(makeT('id'), err), en: errorMessage(makeT('en'), err) };
}

describe('input errors reach the UI in its language, never as schema text', () => {
  it('words a too-long field with its name and limit', async () => {
    const m = await shown(async (api) => api.call('settings.update', { baseRev: (await api.call('settings.get', {})).rev, opd: { fullName: 'x'.repeat(300) } }));
    expect(m.id).toBe('Isian tidak valid: Nama lengkap OPD terlalu panjang (paling banyak 200 karakter)');
    expect(m.en).toBe('Invalid input: Agency full name is too long (at most 200 characters)');
  });

  it('words an oversized file by its size, with the number in the language’s format', async () => {
    // A chart image over its 8 MB limit.
    const m = await shown((api) => api.call('activity.saveChart', { name: 'grafik', png: 'A'.repeat(12_000_000) }));
    expect(m.id).toBe('Isian tidak valid: berkas terlalu besar (paling besar 8 MB)');
    expect(m.en).toBe('Invalid input: the file is too large (at most 8 MB)');
  });

  it('words a wrong format and an empty field, and never shows a schema path', async () => {
    const pin = await shown(async (api) => {
      const ws = await api.call('settings.update', { baseRev: (await api.call('settings.get', {})).rev, team: [{ name: 'Rina', role: 'admin' }] });
      await api.call('session.signIn', { memberId: ws.team[0].id });
      return api.call('session.setPin', { memberId: ws.team[0].id, pin: '12a' });
    });
    expect(pin.id).toBe('Isian tidak valid: format PIN tidak sesuai');
    const empty = await shown(async (api) => api.call('settings.update', { baseRev: (await api.call('settings.get', {})).rev, team: [{ name: ' ', role: 'admin' }] }));
    expect(empty.id).toBe('Isian tidak valid: Nama belum diisi');
    expect(empty.en).toBe('Invalid input: Name is empty');
  });
});
