import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { createCore, type Core } from '@core/core';
import { EncryptedSecretStore, type Encryptor } from '@core/publishing/secrets';
import { LEAD, BODY } from './helpers';
import { callerOf } from '../electron/helpers';

/** Stands in for Electron's safeStorage: reversible, and says it is real encryption. */
const fakeOs: Encryptor = {
  isEncryptionAvailable: () => true,
  backend: () => 'dpapi',
  encryptString: (p) => Buffer.from(`os:${Buffer.from(p).toString('base64')}`),
  decryptString: (c) => Buffer.from(c.toString().slice(3), 'base64').toString(),
};

let dirs: string[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const c of cores) await c.close().catch(() => undefined);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
  cores = [];
});

async function open(dir: string, desktop = false) {
  const core = await createCore({
    dataDir: dir,
    owner: 'test',
    version: 'test',
    transport: desktop ? 'ipc' : 'http',
    log: () => undefined,
    ...(desktop ? { secrets: (d: string) => new EncryptedSecretStore(path.join(d, 'secrets'), fakeOs) } : {}),
  });
  cores.push(core);
  return { core, call: callerOf(core.dispatch) };
}

async function close(core: Core) {
  await core.close();
  cores = cores.filter((c) => c !== core);
}

async function setup(desktop: boolean, pin?: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'redaksi-session-'));
  dirs.push(dir);
  const a = await open(dir, desktop);
  const ws = await a.call('settings.update', {
    baseRev: (await a.call('settings.get', {})).rev,
    team: [
      { name: 'Sari Penulis', role: 'penulis' },
      { name: 'Budi Editor', role: 'editor' },
    ],
  });
  const writer = ws.team.find((m) => m.role === 'penulis')!;
  const editor = ws.team.find((m) => m.role === 'editor')!;
  await a.call('session.signIn', { memberId: editor.id });
  if (pin) await a.call('session.setPin', { memberId: editor.id, pin, });
  await a.call('session.signIn', { memberId: writer.id });
  const post = await a.call('posts.create', { content: { title: 'Bupati minta OPD aktif', lead: LEAD, bodyMd: BODY } });
  await a.call('review.submit', { postId: post.id });
  await a.call('session.signIn', { memberId: editor.id, ...(pin ? { pin } : {}) });
  return { dir, a, writer, editor, post };
}

describe('sign-in across a restart (issue 12)', () => {
  it('keeps the person signed in after a restart; the browser host asks the PIN again before signing', async () => {
    const { dir, a, editor, post } = await setup(false, '2468');
    await close(a.core);
    const b = await open(dir);
    const s = await b.call('session.get', {});
    expect(s.member?.id).toBe(editor.id);
    expect(s.signingReady).toBe(false);
    // Edits are still attributed, but a decision needs the key, which waits for the PIN.
    const refused = await b.call('review.approve', { postId: post.id, validHours: null }).catch((e: ApiError) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).params?.reason).toBe('key_locked');
    await b.call('session.signIn', { memberId: editor.id, pin: '2468' });
    expect((await b.call('session.get', {})).signingReady).toBe(true);
    const approved = await b.call('review.approve', { postId: post.id, validHours: null });
    expect(approved.post.status).toBe('approved');
  });

  it('the desktop app keeps the signing key in the OS-encrypted store while the sign-in lasts', async () => {
    const { dir, a, editor, post } = await setup(true, '2468');
    const kept = path.join(dir, 'secrets', `signing-key-${editor.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48)}.bin`);
    const onDisk = await readFile(kept, 'utf8');
    expect(onDisk.startsWith('os:')).toBe(true);
    await close(a.core);
    const b = await open(dir, true);
    const s = await b.call('session.get', {});
    expect(s.member?.id).toBe(editor.id);
    expect(s.signingReady).toBe(true);
    expect((await b.call('review.approve', { postId: post.id, validHours: null })).post.status).toBe('approved');
    // Signing out removes the kept key and the session file.
    await b.call('session.signOut', {});
    await expect(stat(kept)).rejects.toThrow();
    await expect(stat(path.join(dir, 'session.json'))).rejects.toThrow();
    await close(b.core);
    const c = await open(dir, true);
    expect((await c.call('session.get', {})).member).toBeNull();
  });

  it('an idle PC signs the person out, at the next call and at the next start', async () => {
    const { dir, a } = await setup(false);
    await a.call('settings.update', { baseRev: (await a.call('settings.get', {})).rev, security: { idleMinutes: 15 } });
    a.core.store.setClockOffset(16 * 60_000);
    expect(await a.call('session.activity', {})).toEqual({ signedIn: false });
    const refused = await a.call('posts.create', { content: { title: 'x' } }).catch((e: ApiError) => e);
    expect((refused as ApiError).params?.reason).toBe('not_signed_in');

    // Signed in again, then the PC is off for longer than the limit.
    a.core.store.setClockOffset(0);
    const { members } = await a.call('session.get', {});
    await a.call('session.signIn', { memberId: members[0]!.id });
    await close(a.core);
    const raw = JSON.parse(await readFile(path.join(dir, 'session.json'), 'utf8')) as { lastActiveAt: number };
    const b = await open(dir);
    expect((await b.call('session.get', {})).member?.id).toBe(members[0]!.id);
    await close(b.core);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'session.json'), JSON.stringify({ ...raw, lastActiveAt: raw.lastActiveAt - 20 * 60_000 }));
    const c = await open(dir);
    expect((await c.call('session.get', {})).member).toBeNull();
  });

  it('a damaged session file signs nobody in and is not fatal', async () => {
    const { dir, a } = await setup(false);
    await close(a.core);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'session.json'), '{"memberId":');
    const b = await open(dir);
    expect((await b.call('session.get', {})).member).toBeNull();
  });

  it('a member removed from the team is not signed back in', async () => {
    const { dir, a, writer, editor } = await setup(false);
    await a.call('settings.update', {
      baseRev: (await a.call('settings.get', {})).rev,
      team: [{ id: editor.id, name: 'Budi Editor', role: 'editor' }],
    });
    await a.call('session.signIn', { memberId: editor.id });
    await close(a.core);
    // Remove the editor by hand, as an admin on another PC would (team synced in).
    const b = await open(dir);
    const ws = b.core.store.workspace;
    await b.core.store.putWorkspace({ ...ws, team: [{ id: writer.id, name: 'Sari Penulis', role: 'penulis', pinHash: null }], rev: ws.rev + 1 });
    await close(b.core);
    const c = await open(dir);
    expect((await c.call('session.get', {})).member).toBeNull();
  });
});
