import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_DATABASE_KINDS, type HubDatabaseKind } from '../../../../electron/core/sync/hub/setup/kinds';
import { provision } from '../../../../electron/core/sync/hub/setup/provision';
import { rollupDatabase } from '../../../../shared/sync/topology';
import { adminCouch, startTestHub, type TestHub } from './hub-server';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub?.close());

describe('hub provisioning', () => {
  it('creates a database another feature registers with one entry (a regency rollup), once', async () => {
    const rollup: HubDatabaseKind = {
      id: 'rollup',
      scope: 'region',
      label: 'rekap kabupaten',
      database: rollupDatabase,
      security: (region) => ({ members: { names: [], roles: [`rollup-${region}-reader`] }, admins: { names: [], roles: [] } }),
      validate: null,
    };
    const couch = await adminCouch(hub);
    const kinds = [...HUB_DATABASE_KINDS, rollup];
    const first = await provision(couch, { scope: 'region', slug: 'blora', people: [], kinds });
    expect(first.steps.map((s) => `${s.action} ${s.subject}`)).toEqual(['unchanged basis data _users', 'created basis data rollup-blora', 'updated akses rollup-blora']);
    const again = await provision(couch, { scope: 'region', slug: 'blora', people: [], kinds });
    expect(again.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect((await couch.db.list()).filter((d) => d.startsWith('opd-') || d.startsWith('aduan-'))).toEqual([]);
  });

  it('moves a person to a new role in this OPD, keeps their roles elsewhere, and resets a password only when asked', async () => {
    const couch = await adminCouch(hub);
    await provision(couch, { scope: 'opd', slug: 'dinkes', people: [{ name: 'rina', role: 'admin', password: 'a-1' }] });
    await provision(couch, { scope: 'opd', slug: 'dinsos', people: [{ name: 'rina', role: 'penulis', password: 'a-1' }] });
    const moved = await provision(couch, { scope: 'opd', slug: 'dinsos', people: [{ name: 'rina', role: 'editor', password: 'b-2' }] });
    expect(moved.steps.find((s) => s.subject === 'pengguna rina')).toEqual({ action: 'updated', subject: 'pengguna rina', detail: 'peran opd-dinsos-editor' });
    const users = couch.use<{ roles: string[] }>('_users');
    expect((await users.get('org.couchdb.user:rina')).roles.sort()).toEqual(['opd-dinkes-admin', 'opd-dinsos-editor']);
    // The CSV's new password was not applied without --reset-passwords: the old one still signs in.
    const signIn = (password: string) =>
      fetch(`${hub.url}/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'rina', password }) }).then((r) => r.status);
    expect(await signIn('a-1')).toBe(200);
    const reset = await provision(couch, { scope: 'opd', slug: 'dinsos', people: [{ name: 'rina', role: 'editor', password: 'b-2' }], resetPasswords: true });
    expect(reset.steps.find((s) => s.subject === 'pengguna rina')?.detail).toBe('kata sandi diganti');
    expect(await signIn('b-2')).toBe(200);
    expect(await signIn('a-1')).toBe(401);
  });
});
