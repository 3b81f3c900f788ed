import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubAccount } from '@core/sync/hub/account';
import { EncryptedSecretStore, type Encryptor } from '@core/publishing/secrets';
import { openApi, tempDir } from '../../electron/helpers';
import { hasOpenssl, httpsCouchLookalike, selfSignedCert } from './tls';
import { closedPort, seedOpd, startTestHub, type TestHub } from './hub-server';
import { ApiError } from '@shared/api/errors';

/** The part of a PouchDB database these tests use (see electron/core/sync/pouch-types.ts). */
interface Db {
  put(doc: object): Promise<{ ok: boolean; id: string }>;
  get(id: string): Promise<Record<string, unknown>>;
  allDocs(): Promise<{ rows: { id: string }[] }>;
  close(): Promise<void>;
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await seedOpd(hub, 'dinkominfo', [
    { name: 'sari', role: 'penulis', password: 'sandi-sari-1' },
    { name: 'budi', role: 'editor', password: 'sandi-budi-1' },
  ]);
  await seedOpd(hub, 'dinkes', [{ name: 'dewi', role: 'admin', password: 'sandi-dewi-1' }]);
}, 60_000);
afterAll(() => hub?.close());

async function account(opts: { timeoutMs?: number } = {}) {
  const api = await openApi(tempDir());
  const hubAccount = new HubAccount(api.ctx, { timeoutMs: opts.timeoutMs ?? 5000, unlockPollMs: 50 });
  api.ctx.services.hubLink = hubAccount;
  return { api, hubAccount };
}

async function serve(handler: (socket: net.Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const s = net.createServer((sock) => (sockets.add(sock), handler(sock)));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (sockets.forEach((x) => x.destroy()), s.close(() => r()))),
  };
}

describe('Tes koneksi: every way to the OPD database, and each way it fails', () => {
  it('an editor reaches the OPD database and its complaints; a penulis only the OPD database', async () => {
    const { hubAccount } = await account();
    const editor = await hubAccount.test({ url: hub.url, opdSlug: 'dinkominfo', username: 'budi', password: 'sandi-budi-1' });
    expect(editor).toMatchObject({ ok: true, server: { vendor: 'PouchDB Server' }, user: { name: 'budi', roles: ['opd-dinkominfo-editor'] } });
    expect(editor.ok && editor.databases).toEqual(['opd-dinkominfo', 'aduan-dinkominfo']);
    const writer = await hubAccount.test({ url: hub.url, opdSlug: 'dinkominfo', username: 'sari', password: 'sandi-sari-1' });
    expect(writer.ok && writer.databases).toEqual(['opd-dinkominfo']);
  });

  it('wrong password', async () => {
    const { hubAccount } = await account();
    expect(await hubAccount.test({ url: hub.url, opdSlug: 'dinkominfo', username: 'sari', password: 'salah' })).toMatchObject({ ok: false, reason: 'hub_wrong_password' });
  });

  it('no such database (wrong OPD slug, or setup not run for it)', async () => {
    const { hubAccount } = await account();
    expect(await hubAccount.test({ url: hub.url, opdSlug: 'dinsos', username: 'sari', password: 'sandi-sari-1' })).toMatchObject({
      ok: false,
      reason: 'hub_no_database',
      database: 'opd-dinsos',
    });
  });

  it('no permission: an account of another OPD', async () => {
    const { hubAccount } = await account();
    expect(await hubAccount.test({ url: hub.url, opdSlug: 'dinkominfo', username: 'dewi', password: 'sandi-dewi-1' })).toMatchObject({
      ok: false,
      reason: 'hub_no_permission',
      database: 'opd-dinkominfo',
    });
  });

  it('server unreachable: connection refused, unknown host, no answer in time', async () => {
    const { hubAccount } = await account({ timeoutMs: 400 });
    const who = { opdSlug: 'dinkominfo', username: 'sari', password: 'x' };
    expect(await hubAccount.test({ ...who, url: `http://127.0.0.1:${await closedPort()}` })).toMatchObject({ ok: false, reason: 'hub_refused' });
    // .invalid never resolves (RFC 6761).
    expect(await hubAccount.test({ ...who, url: 'http://hub.redaksi.invalid:5984' })).toMatchObject({ ok: false, reason: 'hub_dns' });
    const silent = await serve(() => undefined);
    try {
      const r = await hubAccount.test({ ...who, url: silent.url });
      expect(r).toMatchObject({ ok: false, reason: 'hub_timeout' });
      expect(r.ms).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it.skipIf(!hasOpenssl())('certificate problems: self-signed, expired (certificates made now by openssl)', async () => {
    const { hubAccount } = await account();
    const who = { opdSlug: 'dinkominfo', username: 'sari', password: 'x' };
    for (const [kind, reason] of [
      ['valid', 'hub_cert_self_signed'],
      ['expired', 'hub_cert_expired'],
    ] as const) {
      const server = await httpsCouchLookalike(selfSignedCert(path.join(tempDir(), kind), kind));
      try {
        expect(await hubAccount.test({ ...who, url: server.url })).toMatchObject({ ok: false, reason });
      } finally {
        await server.close();
      }
    }
  });

  it('not a CouchDB server: a web page, a raw socket, https to a plain http port', async () => {
    const { hubAccount } = await account({ timeoutMs: 2000 });
    const who = { opdSlug: 'dinkominfo', username: 'sari', password: 'x' };
    const web = http.createServer((_q, r) => (r.setHeader('Content-Type', 'text/html'), r.end('<html>Selamat datang</html>')));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const port = (web.address() as AddressInfo).port;
    const garbage = await serve((sock) => sock.end('SSH-2.0-OpenSSH_9.2\r\n'));
    try {
      expect(await hubAccount.test({ ...who, url: `http://127.0.0.1:${port}` })).toMatchObject({ ok: false, reason: 'hub_not_couchdb' });
      expect(await hubAccount.test({ ...who, url: garbage.url })).toMatchObject({ ok: false, reason: 'hub_not_couchdb' });
      expect(await hubAccount.test({ ...who, url: `https://127.0.0.1:${port}` })).toMatchObject({ ok: false, reason: 'hub_not_couchdb' });
    } finally {
      web.closeAllConnections();
      web.close();
      await garbage.close();
    }
  });

  it('a bad address is refused before any request', async () => {
    const { hubAccount } = await account();
    for (const url of ['ftp://hub', 'http://admin:pw@hub:5984', 'http://hub/?x=1', '   '])
      expect(await hubAccount.test({ url, opdSlug: 'dinkominfo', username: 'sari', password: 'x' })).toMatchObject({
        ok: false,
        reason: url.trim() ? 'hub_bad_url' : 'hub_not_configured',
      });
  });
});

describe('the hub account of a PC', () => {
  it('is saved by an admin, signed in through _session, and gives the engine remote databases', async () => {
    const { api, hubAccount } = await account();
    await hubAccount.start();
    await hubAccount.ready();
    try {
      const changes: number[] = [];
      hubAccount.onChange(() => changes.push(1));
      await api.call('settings.update', { baseRev: (await api.call('settings.get', {})).rev, opd: { ...(await api.call('settings.get', {})).opd, shortName: 'Dinkominfo' } });
      expect((await api.call('hub.get', {})).suggestedSlug).toBe('dinkominfo');
      expect(hubAccount.remote('opd-dinkominfo')).toBeNull();

      await api.call('hub.save', { url: `${hub.url}/`, opdSlug: 'dinkominfo' });
      const view = await api.call('hub.signIn', { username: 'budi', password: 'sandi-budi-1' });
      expect(view).toMatchObject({ url: hub.url, opdSlug: 'dinkominfo', signedIn: true, password: 'saved', storage: 'memory', session: { name: 'budi' } });
      expect(changes.length).toBe(2);
      expect(hubAccount.opdSlug()).toBe('dinkominfo');

      const db = hubAccount.remote('opd-dinkominfo') as unknown as Db;
      await db.put({ _id: 'post:1', title: 'Rapat koordinasi' });
      expect((await db.get('post:1')).title).toBe('Rapat koordinasi');

      // The session ran out (or the hub restarted): the next request signs in again by itself.
      (hubAccount as unknown as { cookie: string }).cookie = 'YnVkaTpleHBpcmVk';
      expect((await db.allDocs()).rows.map((r) => r.id)).toContain('post:1');
      await db.close();

      // The password is nowhere in the data folder.
      expect(readFileSync(path.join(api.ctx.dataDir, 'hub', 'account.json'), 'utf8')).not.toContain('sandi-budi-1');

      await api.call('hub.signOut', {});
      expect(hubAccount.remote('opd-dinkominfo')).toBeNull();
      expect(await api.call('hub.get', {})).toMatchObject({ signedIn: false, password: 'none' });
    } finally {
      hubAccount.stop();
    }
  });

  it('sign-in failures carry their reason to the UI, and leave the account signed out', async () => {
    const { api } = await account();
    await api.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' });
    const err = await api.call('hub.signIn', { username: 'sari', password: 'salah' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).params?.reason).toBe('hub_wrong_password');
    expect(await api.call('hub.get', {})).toMatchObject({ signedIn: false, lastError: { reason: 'hub_wrong_password' } });
    const bad = await api.call('hub.save', { url: 'hub kantor', opdSlug: 'dinkominfo' }).catch((e: unknown) => e);
    expect((bad as ApiError).params?.reason).toBe('hub_bad_url');
    const badSlug = await api.call('hub.save', { url: hub.url, opdSlug: 'Dinas Kominfo' }).catch((e: unknown) => e);
    expect((badSlug as ApiError).params?.reason).toBe('hub_bad_slug');
  });

  it('the saved password is never sent to another address by a test', async () => {
    const { api, hubAccount } = await account();
    await api.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' });
    await api.call('hub.signIn', { username: 'sari', password: 'sandi-sari-1' });
    expect(await hubAccount.test({})).toMatchObject({ ok: true });
    let seen = '';
    const spy = http.createServer((q, r) => {
      q.on('data', (c: Buffer) => (seen += c.toString()));
      r.end('{"couchdb":"Welcome"}');
    });
    await new Promise<void>((r) => spy.listen(0, '127.0.0.1', r));
    try {
      const r = await hubAccount.test({ url: `http://127.0.0.1:${(spy.address() as AddressInfo).port}` });
      expect(r).toMatchObject({ ok: false, reason: 'hub_password_missing' });
      expect(seen).not.toContain('sandi-sari-1');
    } finally {
      spy.closeAllConnections();
      spy.close();
    }
  });

  it('changing the hub address is for admins', async () => {
    const { api } = await account();
    const ws = await api.call('settings.get', {});
    const next = await api.call('settings.update', { baseRev: ws.rev, team: [{ name: 'Sari', role: 'penulis' }, { name: 'Ani', role: 'admin' }] });
    await api.call('session.signIn', { memberId: next.team.find((m) => m.name === 'Sari')!.id });
    const err = await api.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' }).catch((e: unknown) => e);
    expect((err as ApiError).params?.reason).toBe('role_admin_only');
    await api.call('session.signIn', { memberId: next.team.find((m) => m.name === 'Ani')!.id });
    await expect(api.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' })).resolves.toMatchObject({ url: hub.url });
  });
});

describe('where the hub password is kept', () => {
  it('an unreadable account file is moved aside and the hub set up again, nothing else lost', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'hub'));
    writeFileSync(path.join(dir, 'hub', 'account.json'), '{"version":1,"url":');
    const { call } = await openApi(dir);
    expect(await call('hub.get', {})).toMatchObject({ url: null, signedIn: false });
    expect(readdirSync(path.join(dir, 'hub')).some((f) => f.startsWith('account.json.damaged-'))).toBe(true);
    await expect(call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' })).resolves.toMatchObject({ url: hub.url });
  });


  it('desktop: in safeStorage, so it survives a restart', async () => {
    const dir = tempDir();
    const enc: Encryptor = {
      isEncryptionAvailable: () => true,
      backend: () => 'gnome_libsecret',
      encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
      decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
    };
    const first = await openApi(dir);
    first.ctx.services.secrets = new EncryptedSecretStore(path.join(dir, 'secrets'), enc);
    const a = new HubAccount(first.ctx);
    first.ctx.services.hubLink = a;
    await first.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' });
    expect(await first.call('hub.signIn', { username: 'sari', password: 'sandi-sari-1' })).toMatchObject({ storage: 'safe_storage', password: 'saved' });
    // A restart: a new store, services and account over the same data folder.

    const second = await openApi(dir);
    second.ctx.services.secrets = new EncryptedSecretStore(path.join(dir, 'secrets'), enc);
    const b = new HubAccount(second.ctx);
    second.ctx.services.hubLink = b;
    await b.start();
    await b.ready();
    try {
      expect(await second.call('hub.get', {})).toMatchObject({ signedIn: true, password: 'saved', storage: 'safe_storage' });
      expect(await b.test({})).toMatchObject({ ok: true });
      expect(b.remote('opd-dinkominfo')).not.toBeNull();
    } finally {
      b.stop();
    }
  });

  it('HTTP host: sealed under the signed-in person\'s PIN-protected key; opens again only when they sign in', async () => {
    const dir = tempDir();
    const first = await openApi(dir);
    const ws = await first.call('settings.get', {});
    const next = await first.call('settings.update', { baseRev: ws.rev, team: [{ name: 'Budi', role: 'admin' }, { name: 'Sari', role: 'penulis' }] });
    const budi = next.team.find((m) => m.name === 'Budi')!;
    const sari = next.team.find((m) => m.name === 'Sari')!;
    first.ctx.services.hubLink = new HubAccount(first.ctx);
    await first.call('session.signIn', { memberId: budi.id });
    await first.call('hub.save', { url: hub.url, opdSlug: 'dinkominfo' });
    // No PIN, nothing to lock it under: memory only, nothing written.
    expect(await first.call('hub.signIn', { username: 'budi', password: 'sandi-budi-1' })).toMatchObject({ storage: 'memory', password: 'saved' });
    expect(readFileSync(path.join(dir, 'hub', 'account.json'), 'utf8')).toContain('"sealed": null');
    await first.call('session.setPin', { memberId: budi.id, pin: '2468' });
    expect(await first.call('hub.signIn', { username: 'budi', password: 'sandi-budi-1' })).toMatchObject({ storage: 'member_key', password: 'saved', passwordOwner: 'Budi' });
    expect(readFileSync(path.join(dir, 'hub', 'account.json'), 'utf8')).not.toContain('sandi-budi-1');
    // A restart: a new store, services and account over the same data folder.

    // Restart of the HTTP host: the password is locked until Budi signs in with his PIN.
    const second = await openApi(dir);
    const b = new HubAccount(second.ctx, { unlockPollMs: 20 });
    second.ctx.services.hubLink = b;
    await b.start();
    await b.ready();
    try {
      let changed = 0;
      b.onChange(() => changed++);
      expect(await second.call('hub.get', {})).toMatchObject({ signedIn: true, password: 'locked', passwordOwner: 'Budi' });
      expect(b.remote('opd-dinkominfo')).toBeNull();
      await second.call('session.signIn', { memberId: sari.id });
      expect(await second.call('hub.get', {})).toMatchObject({ password: 'locked' });
      await expect(second.call('session.signIn', { memberId: budi.id, pin: '1111' })).rejects.toThrow();
      expect(b.remote('opd-dinkominfo')).toBeNull();
      await second.call('session.signIn', { memberId: budi.id, pin: '2468' });
      await new Promise((r) => setTimeout(r, 100));
      expect(changed).toBeGreaterThan(0);
      expect(await second.call('hub.get', {})).toMatchObject({ password: 'saved' });
      const db = b.remote('opd-dinkominfo') as unknown as Db;
      expect(await db.allDocs()).toBeTruthy();
      await db.close();
    } finally {
      b.stop();
    }
  });
});
