import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPhoto } from '@core/media/import';
import { secretsOf } from '@core/publishing/handlers';
import { claimJob, saveJob } from '@core/publishing/jobs';
import { Outbox } from '@core/publishing/outbox';
import type { Publisher } from '@core/publishing/publisher';
import { canTransition, inheritIdentity } from '@shared/publishing/job';
import { openApi, reason, tempDir } from '../electron/helpers';
import { BODY, LEAD, oldFormatRequest, team } from '../review/helpers';
import { jobRecord } from './helpers';
import { teamPath } from '../../team-folder';

function counting(): Publisher & { calls: number } {
  const pub = {
    calls: 0,
    async publish() {
      pub.calls++;
      return { remoteId: '7', url: 'https://dinkes.example.go.id/?p=7', remoteStatus: 'publish' };
    },
    async test() {
      return { ok: true, code: 'ok' as const, detail: '' };
    },
    async probe() {},
  };
  return pub;
}

const job = jobRecord;

async function approvedPost(api: Awaited<ReturnType<typeof openApi>>) {
  const photo = (await importPhoto(api.ctx, 'a.jpg', readFileSync(teamPath('fixtures/photos/gps/DSCN0010.jpg')))).photo;
  await api.store.collections.media.put({ ...photo, altText: 'Kader menimbang balita', rev: photo.rev + 1 });
  const res = await api.call('posts.create', {
    content: { title: 'Posyandu Balita', lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan', media: [{ mediaId: photo.id, role: 'featured', caption: '' }] },
  });
  const post = { ...res, status: 'approved' as const, rev: res.rev + 1 };
  await api.store.posts.put(post);
  await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
  return post;
}

describe('one write path for jobs', () => {
  it('"sending → sending" is refused, and of two claims of one due job only one wins', async () => {
    expect(canTransition('sending', 'sending')).toBe(false);
    expect(canTransition('queued', 'queued')).toBe(true);
    const api = await openApi(tempDir());
    const post = await approvedPost(api);
    const [j] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const now = api.store.now();
    const a = claimJob(api.ctx, j.id, now, (x) => ({ attempts: x.attempts + 1 }), () => ({ action: 'attempt', outcome: 'info' }));
    const b = claimJob(api.ctx, j.id, now, (x) => ({ attempts: x.attempts + 1 }), () => ({ action: 'attempt', outcome: 'info' }));
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect((await a!).state).toBe('sending');
    expect(await reason(saveJob(api.ctx, j.id, { state: 'sending' }))).toBe('job_state');
    // The handlers use the same path: a job being sent cannot be skipped or replaced.
    expect(await reason(api.call('publishing.resolve', { jobId: j.id, action: 'skip' }))).toBe('job_state');
    expect(await reason(api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null }))).toBe('job_sending');
    expect(api.store.collections.jobs.get(j.id)!.attempts).toBe(1);
  });

  it('a new job for the same post and channel inherits the client key, remote ids and unknown outcomes', () => {
    const first = job({ id: 'a', createdAt: '2026-11-20T01:00:00.000Z', state: 'cancelled', clientKey: 'firstkey0001', intents: ['post'], attempts: 1, remote: { postId: null, url: null, media: { s1: { id: '5', url: 'u5' } }, terms: {}, slug: 'judul-lama-rdkfirstkey0001' } });
    expect(inheritIdentity([first])).toMatchObject({ clientKey: 'firstkey0001', intents: ['post'], isUpdate: false, remote: { postId: null, slug: 'judul-lama-rdkfirstkey0001', media: { s1: { id: '5' } } } });
    const withDraft = job({ id: 'b', createdAt: '2026-11-20T02:00:00.000Z', state: 'cancelled', clientKey: 'firstkey0001', intents: [], attempts: 1, remote: { postId: '88', url: null, media: {}, terms: { 'tags:x': '3' } } });
    expect(inheritIdentity([withDraft, first])).toMatchObject({ clientKey: 'firstkey0001', intents: [], isUpdate: false, remote: { postId: '88', media: { s1: { id: '5' } }, terms: { 'tags:x': '3' } } });
    const published = job({ id: 'c', createdAt: '2026-11-20T03:00:00.000Z', state: 'published', remote: { postId: '88', url: 'https://x/?p=88', media: {}, terms: {} } });
    expect(inheritIdentity([first, withDraft, published]).isUpdate).toBe(true);
    expect(inheritIdentity([])).toMatchObject({ clientKey: null, intents: [], isUpdate: false, remote: { postId: null } });
  });
});

describe('review copies (from old-format files) are never sent from the editor\'s Redaksi', () => {
  it('publishing.schedule refuses them and the outbox refuses a job for one', async () => {
    const author = await openApi(tempDir('redaksi-author-'));
    const a = await team(author);
    await author.call('session.signIn', { memberId: a.writer.id });
    const post = await author.call('posts.create', { content: { title: 'Medsos OPD Jangan Mati Suri', lead: LEAD, bodyMd: BODY } });
    await author.call('review.submit', { postId: post.id });
    // Review copies come only from old-format (version 1) files: a current file brings the team's own shared post.
    const bytes = Buffer.from(oldFormatRequest(author.store.posts.require(post.id), 'Dinkes'));

    const editor = await openApi(tempDir('redaksi-editor-'));
    const e = await team(editor, { names: ['Rina', 'Kabid Humas'] });
    await editor.call('session.signIn', { memberId: e.editor.id });
    await editor.call('review.importPackage', { fileName: 'tinjau.redaksi', dataBase64: bytes.toString('base64') });
    await editor.call('review.approve', { postId: post.id, validHours: null });
    await editor.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
    expect(await reason(editor.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null }))).toBe('review_copy');

    // A job for it anyway (queued by an older version, or before the copy arrived): the outbox does not send it.
    const conn = editor.store.collections.connections.all()[0];
    await editor.store.collections.jobs.put(job({ id: 'rc', postId: post.id, connectionId: conn.id }));
    const pub = counting();
    const ob = new Outbox(editor.ctx, secretsOf(editor.ctx), { publishers: { website: pub } });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    expect(pub.calls).toBe(0);
    expect(editor.store.collections.jobs.get('rc')).toMatchObject({ state: 'needs_action', needsAction: { reason: 'review_copy' } });
    expect(editor.store.collections.publications.all()).toHaveLength(0);
  });
});
