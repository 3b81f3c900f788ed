import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guideOpensItself, NEW_SETUP, setupPending, setupProgress, stepAfter, stepBefore } from '@shared/setup/guide';
import { openApi } from '../electron/helpers';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'redaksi-setup-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const opd = { fullName: '', shortName: '', dateline: 'BLORA', logoMediaId: null as string | null };
const none = { postCount: 0, connectionCount: 0 };

describe('first-run guide rules', () => {
  it('reads progress from the data, not from clicks', () => {
    const ws = { setup: NEW_SETUP, opd, team: [] };
    expect(setupProgress(ws, none)).toEqual({ done: [], next: 'profile' });
    const filled = { setup: { ...NEW_SETUP, confirmed: ['targets' as const] }, opd: { ...opd, fullName: 'Dinas Kesehatan Kabupaten Blora', shortName: 'Dinkes Blora' }, team: [{ role: 'penulis' }] };
    // A team of writers only has nobody to approve: the team step is not done.
    expect(setupProgress(filled, none)).toEqual({ done: ['profile', 'targets'], next: 'brand' });
    const more = { ...filled, opd: { ...filled.opd, logoMediaId: 'logo1' }, team: [{ role: 'admin' }] };
    expect(setupProgress(more, { postCount: 1, connectionCount: 1 }).done).toEqual(['profile', 'brand', 'team', 'targets', 'channels', 'firstPost']);
    // A blank dateline undoes the profile step.
    expect(setupProgress({ ...more, opd: { ...more.opd, dateline: ' ' } }, none).next).toBe('profile');
  });

  it('waits only while new or started; a workspace from before the guide has nothing waiting', () => {
    expect(setupPending({ setup: NEW_SETUP })).toBe(true);
    expect(setupPending({ setup: { ...NEW_SETUP, status: 'started' } })).toBe(true);
    expect(setupPending({ setup: { ...NEW_SETUP, status: 'skipped' } })).toBe(false);
    expect(setupPending({ setup: { ...NEW_SETUP, status: 'done' } })).toBe(false);
    expect(setupPending({})).toBe(false);
    // It opens by itself on a folder nobody has set up, or one left halfway; a team made by a script is past the first run.
    expect(guideOpensItself({ setup: NEW_SETUP, team: [] })).toBe(true);
    expect(guideOpensItself({ setup: NEW_SETUP, team: [{ role: 'editor' }] })).toBe(false);
    expect(guideOpensItself({ setup: { ...NEW_SETUP, status: 'started' }, team: [{ role: 'admin' }] })).toBe(true);
    expect(guideOpensItself({ setup: { ...NEW_SETUP, status: 'skipped' }, team: [] })).toBe(false);
    expect(guideOpensItself({ team: [] })).toBe(false);
    expect(stepAfter('profile')).toBe('brand');
    expect(stepAfter('firstPost')).toBeNull();
    expect(stepBefore('profile')).toBeNull();
  });
});

describe('guide state in the workspace', () => {
  it('starts new in a fresh folder, is stored with settings, and survives a restart', async () => {
    const dir = tmp();
    const a = await openApi(dir);
    const ws = await a.call('settings.get', {});
    expect(ws.setup).toEqual(NEW_SETUP);
    const next = await a.call('settings.update', { baseRev: ws.rev, opd: { fullName: 'Dinas Kesehatan' }, setup: { status: 'started', step: 'brand', confirmed: ['profile'] } });
    expect(next.setup).toEqual({ status: 'started', step: 'brand', confirmed: ['profile'] });
    // Another settings change keeps the guide where it was.
    const later = await a.call('settings.update', { baseRev: next.rev, language: 'en' });
    expect(later.setup?.step).toBe('brand');
    const b = await openApi(dir);
    expect((await b.call('settings.get', {})).setup).toEqual({ status: 'started', step: 'brand', confirmed: ['profile'] });
    await expect(b.call('settings.update', { baseRev: later.rev, setup: { status: 'finished', step: 'brand', confirmed: [] } } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('does not open the guide on a workspace set up before it existed', async () => {
    const dir = tmp();
    const a = await openApi(dir);
    await a.call('settings.update', { baseRev: (await a.call('settings.get', {})).rev, opd: { fullName: 'Dinas Lama' } });
    // The settings file as an older Redaksi wrote it: no setup field.
    const file = path.join(dir, 'store', 'workspace.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const strip = (o: Record<string, unknown>) => {
      delete o.setup;
      for (const v of Object.values(o)) if (v && typeof v === 'object') strip(v as Record<string, unknown>);
    };
    strip(doc);
    writeFileSync(file, JSON.stringify(doc));
    const b = await openApi(dir);
    const ws = await b.call('settings.get', {});
    expect(ws.opd.fullName).toBe('Dinas Lama');
    expect(ws.setup).toBeUndefined();
    expect(setupPending(ws)).toBe(false);
  });
});
