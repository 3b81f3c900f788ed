import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../electron/helpers';
import { adminCouch, closedPort, startTestHub, type TestHub } from './hub-server';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/** `npm run hub:setup -- …` as IT staff run it (tsx), against express-pouchdb on loopback. */
function setup(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['electron/scripts/hub-setup.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

describe('npm run hub:setup', () => {
  it('sets up an OPD from a CSV and --user, never prints a password, and a second run changes nothing', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'tim.csv');
    writeFileSync(csv, '\uFEFFnama,peran,kata_sandi\r\nsari,penulis,Sandi-Sari-77\r\nbudi,editor,Sandi-Budi-88\r\n');
    const out = path.join(dir, 'sandi.csv');
    const env = { HUB_ADMIN_PASSWORD: hub.admin.password };
    const args = ['--url', hub.url, '--admin', hub.admin.name, '--opd-name', 'Dinas Kominfo', '--csv', csv, '--user', 'ani:admin', '--passwords-out', out];

    const first = await setup(args, env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('+ basis data opd-dinas-kominfo: dibuat');
    expect(first.out).toContain('+ basis data aduan-dinas-kominfo: dibuat');
    expect(first.out).toContain('+ pengguna sari: dibuat (peran opd-dinas-kominfo-penulis)');
    expect(first.out).toContain('~ akses aduan-dinas-kominfo: diperbarui (anggota: opd-dinas-kominfo-editor, opd-dinas-kominfo-admin; admin: opd-dinas-kominfo-admin)');
    const generated = readFileSync(out, 'utf8').split('\r\n')[1].split(',')[1];
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o077).toBe(0);
    for (const secret of ['Sandi-Sari-77', 'Sandi-Budi-88', generated, hub.admin.password]) expect(first.out + first.err).not.toContain(secret);

    const couch = await adminCouch(hub);
    expect((await couch.request({ db: 'aduan-dinas-kominfo', path: '_security' })).members.roles).toEqual(['opd-dinas-kominfo-editor', 'opd-dinas-kominfo-admin']);
    expect((await couch.use<{ roles: string[] }>('_users').get('org.couchdb.user:ani')).roles).toEqual(['opd-dinas-kominfo-admin']);

    const second = await setup(args, env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Selesai: tidak ada yang perlu diubah.');
    expect(second.out).not.toMatch(/^[+~]/m);
  }, 120_000);

  it('Pantauan: an OPD set up with --region writes to the regency rollup; --region --reader lets Diskominfo read it', async () => {
    const env = { HUB_ADMIN_PASSWORD: hub.admin.password };
    const base = ['--url', hub.url, '--admin', hub.admin.name];
    const dir = tempDir();
    const opd = await setup([...base, '--opd', 'dinsos', '--region', 'blora', '--user', 'wati:penulis', '--passwords-out', path.join(dir, 'a.csv')], env);
    expect(opd.err).toBe('');
    expect(opd.code).toBe(0);
    expect(opd.out).toContain('+ basis data rollup-blora: dibuat');
    expect(opd.out).toContain('+ pengguna wati: dibuat (peran opd-dinsos-penulis)');
    const couch = await adminCouch(hub);
    expect((await couch.use<{ roles: string[] }>('_users').get('org.couchdb.user:wati')).roles.sort()).toEqual(['opd-dinsos-penulis', 'rollup-blora-opd']);

    expect((await setup([...base, '--opd', 'diskominfo', '--user', 'rudi:admin', '--passwords-out', path.join(dir, 'b.csv')], env)).code).toBe(0);
    const reader = await setup([...base, '--region', 'blora', '--reader', 'rudi'], env);
    expect(reader.code).toBe(0);
    expect(reader.out).toContain('~ pengguna rudi: diperbarui (peran rollup-blora-pantau)');
    expect((await couch.request({ db: 'rollup-blora', path: '_security' })).members.roles.sort()).toEqual(['rollup-blora-opd', 'rollup-blora-pantau']);
    const missing = await setup([...base, '--region', 'blora', '--reader', 'siapa'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.err + missing.out).toContain('Akun hub "siapa" belum ada');
  }, 120_000);

  it('Pantauan province: --province with --regency creates the province rollup and one replication per regency, once', async () => {
    const env = { HUB_ADMIN_PASSWORD: hub.admin.password };
    const args = ['--url', hub.url, '--admin', hub.admin.name, '--province', 'jateng', '--regency', 'blora', '--regency', 'rembang'];
    const first = await setup(args, env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('basis data rollup-jateng: dibuat');
    expect(first.out).toContain('basis data rollup-rembang');
    expect(first.out).toContain('+ replikasi pantauan-rollup-blora-to-rollup-jateng: dibuat (rollup-blora → rollup-jateng)');
    expect(first.out).toContain('+ replikasi pantauan-rollup-rembang-to-rollup-jateng: dibuat');
    expect(first.out + first.err).not.toContain(hub.admin.password);

    const couch = await adminCouch(hub);
    const doc = await couch.use<{ source: { url: string; headers: { Authorization: string } }; target: { url: string }; continuous: boolean }>('_replicator').get('pantauan-rollup-blora-to-rollup-jateng');
    expect(doc.source.url).toBe(`${hub.url.replace(/\/+$/, '')}/rollup-blora`);
    expect(doc.target.url).toBe(`${hub.url.replace(/\/+$/, '')}/rollup-jateng`);
    expect(Buffer.from(doc.source.headers.Authorization.replace(/^Basic /, ''), 'base64').toString()).toBe(`${hub.admin.name}:${hub.admin.password}`);
    expect(doc.continuous).toBe(true);

    const second = await setup(args, env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Selesai: tidak ada yang perlu diubah.');

    const bad = await setup(['--url', hub.url, '--admin', hub.admin.name, '--province', 'jateng'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--province perlu setidaknya satu --regency');
  }, 120_000);

  it('says clearly what is wrong: admin password, unreachable hub, a new person without a password', async () => {
    const wrong = await setup(['--url', hub.url, '--admin', hub.admin.name, '--opd', 'dinkes'], { HUB_ADMIN_PASSWORD: 'salah' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Nama pengguna atau kata sandi admin salah.');

    const down = await setup(['--url', `http://127.0.0.1:${await closedPort()}`, '--admin', 'admin', '--opd', 'dinkes'], { HUB_ADMIN_PASSWORD: 'x' });
    expect(down.code).toBe(1);
    expect(down.err).toContain('Hub menolak sambungan');

    const nopw = await setup(['--url', hub.url, '--admin', hub.admin.name, '--opd', 'dinkes', '--user', 'dewi:admin'], { HUB_ADMIN_PASSWORD: hub.admin.password });
    expect(nopw.code).toBe(1);
    expect(nopw.err).toContain('--passwords-out');

    const usage = await setup(['--url', hub.url], {});
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('Perlu --url dan --admin');
  }, 120_000);
});
