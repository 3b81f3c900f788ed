import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '@core/sync/hub/setup/provision';
import { adminCouch, startTestHub, type TestHub } from './hub-server';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub?.close());

describe('hub provisioning', () => {
  it('sets up the regency rollup Pantauan registered with one entry, once; an OPD in the regency writes to it', async () => {
    const couch = await adminCouch(hub);
    const first = await provision(couch, { scope: 'region', slug: 'blora', people: [] });
    expect(first.steps.map((s) => `${s.action} ${s.subject}`)).toEqual([
      'unchanged basis data _users',
      'created basis data rollup-blora',
      'updated akses rollup-blora',
      'created aturan tulis rollup-blora',
    ]);
    const sec = (await couch.request({ db: 'rollup-blora', path: '_security' })) as { members: { roles: string[] } };
    expect(sec.members.roles.sort()).toEqual(['rollup-blora-opd', 'rollup-blora-pantau']);
    const again = await provision(couch, { scope: 'region', slug: 'blora', people: [] });
    expect(again.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect((await couch.db.list()).filter((d) => d.startsWith('opd-') || d.startsWith('aduan-'))).toEqual([]);
    // People of an OPD in the regency also get the rollup's writer role, beside their OPD role.
    await provision(couch, { scope: 'opd', slug: 'dinkes', people: [{ name: 'tono', role: 'penulis', password: 't-1' }], extraRoles: ['rollup-blora-opd'] });
    expect((await couch.use<{ roles: string[] }>('_users').get('org.couchdb.user:tono')).roles.sort()).toEqual(['opd-dinkes-penulis', 'rollup-blora-opd']);
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
