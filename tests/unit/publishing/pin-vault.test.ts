/**
 * Browser mode keeps channel credentials across restarts, sealed under the
 * PINs of admins and editors (AES-256-GCM, scrypt-derived keys), never in
 * the clear; a locked vault makes jobs wait, not fail; a credential that
 * cannot be opened says so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '@core/publishing/outbox';
import { PinSealedSecretStore } from '@core/publishing/pin-vault';
import type { Publisher } from '@core/publishing/publisher';
import { openApi, tempDir } from '../electron/helpers';
import { team } from '../review/helpers';
import { seedPhoto, seedPost } from '../../integration/publishing/seed';

const PASSWORD = 'abcd EFGH ijkl MNOP qrst UVWX';

async function open(dir: string) {
  const api = await openApi(dir);
  const secrets = new PinSealedSecretStore(path.join(dir, 'secrets'));
  api.ctx.services.secrets = secrets;
  return { api, secrets };
}

function recording(): Publisher & { secrets: string[] } {
  const pub = {
    secrets: [] as string[],
    async publish(run: { secret: string }) {
      pub.secrets.push(run.secret);
      return { remoteId: '7', url: 'https://dinkes.example.go.id/?p=7', remoteStatus: 'publish' };
    },
    async test() {
      return { ok: true, code: 'ok' as const, detail: '' };
    },
    async probe() {},
  };
  return pub;
}

function allFiles(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('PIN-sealed credentials (browser mode)', () => {
  it('survive a restart sealed; jobs wait while locked and go once an editor signs in with her PIN', async () => {
    const dir = tempDir();
    let { api } = await open(dir);
    const { writer, editor } = await team(api, { editorPin: '482913' });
    await api.call('session.signIn', { memberId: editor.id, pin: '482913' });
    const conn = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'humas', secret: PASSWORD });
    const post = await seedPost(api, 'Posyandu Balita Desa Sido', [await seedPhoto(api, 'gps/DSCN0010.jpg', 'Kader menimbang balita')]);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    // Never in the clear on disk: not the password, not its base64, not without its spaces.
    const disk = allFiles(path.join(dir, 'secrets'));
    for (const form of [PASSWORD, PASSWORD.replace(/\s/g, ''), Buffer.from(PASSWORD).toString('base64')]) expect(disk).not.toContain(form);
    expect(readdirSync(path.join(dir, 'secrets')).sort()).toEqual([`${conn.id}.pin`, 'vault.json']);

    // Restart: nobody signed in yet.
    ({ api } = await open(dir));
    const overview = await api.call('publishing.overview', {});
    expect(overview.secrets).toMatchObject({ kind: 'pin', locked: true, states: { [conn.id]: 'locked' } });
    await api.call('session.signIn', { memberId: writer.id });
    expect(await api.call('connections.test', { id: conn.id })).toMatchObject({ ok: false, code: 'secret_locked' });
    const pub = recording();
    const ob = new Outbox(api.ctx, api.ctx.services.secrets!, { publishers: { website: pub } });
    api.ctx.services.outbox = ob;
    await ob.start({ poll: false });
    await ob.tick();
    const j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('queued'); // waiting, not "Perlu tindakan"
    expect(j.attempts).toBe(0);
    expect(pub.secrets).toHaveLength(0);

    // The editor's PIN opens it.
    await api.call('session.signIn', { memberId: editor.id, pin: '482913' });
    expect((await api.call('publishing.overview', {})).secrets).toMatchObject({ locked: false, states: { [conn.id]: 'ok' } });
    // The sign-in woke the outbox: no one had to press anything.
    await expect.poll(() => api.store.collections.jobs.get(job.id)!.state).toBe('published');
    expect(pub.secrets).toEqual([PASSWORD]);
    await ob.stop();
  });

  it('a writer cannot open the vault; an editor with a changed PIN still can; after an admin clears the PIN the old password reads as unreadable', async () => {
    const dir = tempDir();
    let { api } = await open(dir);
    const { writer, editor } = await team(api, { editorPin: '111111' });
    await api.call('session.signIn', { memberId: editor.id, pin: '111111' });
    const conn = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'humas', secret: PASSWORD });
    await api.call('session.setPin', { memberId: editor.id, pin: '222222', currentPin: '111111' });
    await api.call('session.signIn', { memberId: writer.id });
    await api.call('session.setPin', { memberId: writer.id, pin: '333333' });

    let secrets: PinSealedSecretStore;
    ({ api, secrets } = await open(dir));
    await api.call('session.signIn', { memberId: writer.id, pin: '333333' });
    expect(secrets.isOpen()).toBe(false);
    expect(await secrets.get(conn.id)).toBeNull();
    await api.call('session.signIn', { memberId: editor.id, pin: '222222' });
    expect(await secrets.get(conn.id)).toBe(PASSWORD);
    const vault = JSON.parse(readFileSync(path.join(dir, 'secrets', 'vault.json'), 'utf8')) as { wraps: Record<string, unknown> };
    expect(Object.keys(vault.wraps)).toEqual([editor.id]);
    // An admin clears the editor's forgotten PIN: after a restart the old sealed password cannot be opened
    // (a new, empty vault is made for the next PIN) and says so, instead of reading as "not saved".
    await secrets.pinChanged({ id: editor.id, role: 'editor' }, null);
    ({ api, secrets } = await open(dir));
    await api.call('session.signIn', { memberId: editor.id, pin: '222222' });
    expect(await secrets.state(conn.id)).toBe('unreadable');
    await expect(secrets.get(conn.id)).rejects.toThrow(/cannot be opened/);
  });

  it('with nobody holding a PIN a password stays in memory only, and is sealed at the first PIN sign-in', async () => {
    const dir = tempDir();
    const { api, secrets } = await open(dir);
    const conn = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'humas', secret: PASSWORD });
    expect((await api.call('publishing.overview', {})).secrets).toMatchObject({ memoryOnly: 1, states: { [conn.id]: 'memory' } });
    expect(readdirSync(dir)).not.toContain('secrets');
    const { editor } = await team(api, { editorPin: '482913' });
    await api.call('session.signIn', { memberId: editor.id, pin: '482913' });
    expect(secrets.memoryOnly()).toBe(0);
    expect(readdirSync(path.join(dir, 'secrets'))).toContain(`${conn.id}.pin`);
    expect(allFiles(path.join(dir, 'secrets'))).not.toContain(PASSWORD);
    expect(await secrets.get(conn.id)).toBe(PASSWORD);
  });

  it('a damaged credential is named: the job asks for the password again, "Tes koneksi" says it cannot be opened', async () => {
    const dir = tempDir();
    let { api } = await open(dir);
    const { editor } = await team(api, { editorPin: '482913' });
    await api.call('session.signIn', { memberId: editor.id, pin: '482913' });
    const conn = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'humas', secret: PASSWORD });
    const post = await seedPost(api, 'Posyandu Balita Desa Sido', [await seedPhoto(api, 'gps/DSCN0010.jpg', 'Kader menimbang balita')]);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    // One byte of the ciphertext changed (a bad disk, or a file copied from another PC's folder).
    const file = path.join(dir, 'secrets', `${conn.id}.pin`);
    const sealed = JSON.parse(readFileSync(file, 'utf8')) as { data: string };
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[0] ^= 0xff;
    writeFileSync(file, JSON.stringify({ ...sealed, data: bytes.toString('base64') }));

    ({ api } = await open(dir));
    await api.call('session.signIn', { memberId: editor.id, pin: '482913' });
    expect((await api.call('publishing.overview', {})).secrets.states).toEqual({ [conn.id]: 'unreadable' });
    expect(await api.call('connections.test', { id: conn.id })).toMatchObject({ ok: false, code: 'secret_unreadable' });
    const ob = new Outbox(api.ctx, api.ctx.services.secrets!, { publishers: { website: recording() } });
    await ob.start({ poll: false });
    await ob.tick();
    const j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('needs_action');
    expect(j.needsAction).toMatchObject({ reason: 'auth', message: expect.stringContaining('cannot be opened') });
    // Typing it again repairs it.
    await api.call('connections.save', { id: conn.id, channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'humas', secret: PASSWORD });
    expect((await api.call('publishing.overview', {})).secrets.states).toEqual({ [conn.id]: 'ok' });
    await ob.stop();
  });
});
