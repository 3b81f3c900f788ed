import { describe, expect, it } from 'vitest';
import { openApi, tempDir } from './helpers';

describe('app.notify', () => {
  it('shows a desktop notification where the host has one, and says so when it has none', async () => {
    const { call, ctx } = await openApi(tempDir());
    expect(await call('app.notify', { title: 'Belum ada konten hari ini', body: 'Sudah lewat pukul 10.00' })).toEqual({ shown: false });
    const shown: { title: string; body: string }[] = [];
    ctx.services.notify = (n) => (shown.push(n), true);
    expect(await call('app.notify', { title: 'Belum ada konten hari ini', body: 'Sudah lewat pukul 10.00' })).toEqual({ shown: true });
    expect(shown).toEqual([{ title: 'Belum ada konten hari ini', body: 'Sudah lewat pukul 10.00' }]);
    await expect(call('app.notify', { title: '', body: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
