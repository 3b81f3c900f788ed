import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '@core/review/audit';
import { keyIdOf } from '@core/review/keys';
import { canonicalJson, decisionPayload, mediaHashInput } from '@shared/review/signature';
import { snapshotOf } from '@shared/review/rules';
import { closedAfterEach, countingPublisher, threePcsWithTeam, until } from './hub';

process.env.REDAKSI_OUTBOX_TICK_MS = '100';

const LEAD = 'Bupati Blora meminta setiap OPD aktif di media sosial, Kamis (25/8/2022).';
const BODY = 'Hal itu disampaikan pada Workshop Digital Content 2022.\n\n“Jangan hanya buat medsos untuk sekadar punya saja,” tegas bupati.';

const opened = closedAfterEach();

/** A (author), B (editor's PC), C (a third PC); the post submitted on A and seen everywhere. */
async function submitted() {
  const made = await threePcsWithTeam();
  opened.hub = made.hub;
  opened.pcs = made.pcs;
  const [a, b, c] = made.pcs;
  const { writer, editor, admin } = made;
  await a.call('session.signIn', { memberId: writer.id });
  const post = await a.call('posts.create', { content: { title: 'Workshop konten digital', lead: LEAD, bodyMd: BODY, category: 'Kegiatan' } });
  await a.call('review.submit', { postId: post.id });
  for (const pc of [b, c]) await until(() => pc.core.store.posts.get(post.id)?.status === 'in_review', 'submitted post everywhere');
  return { a, b, c, writer, editor, admin, postId: post.id };
}

describe('review over sync', () => {
  it('a forged approval injected into the hub is refused on every PC; the editor’s signed approval passes once her key is trusted', async () => {
    const { a, b, c, editor, admin, postId } = await submitted();
    const post = a.core.store.posts.require(postId);

    // The forger writes an approval signed with a key of their own, and flips the post to approved, straight into the hub.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pub = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const keyId = keyIdOf(pub);
    const at = new Date().toISOString();
    const hash = contentHash(post);
    const mediaHash = createHash('sha256').update(mediaHashInput([])).digest('hex');
    const sig = sign(null, Buffer.from(canonicalJson(decisionPayload({ postId, contentHash: hash, mediaHash, decision: 'approved', keyId, at })), 'utf8'), privateKey).toString('base64');
    const forged = { kind: 'approved', by: { id: editor.id, name: editor.name }, at, note: '', hash, snapshot: snapshotOf(post), expiresAt: null, viaFile: false, signature: { alg: 'Ed25519', keyId, publicKey: pub, mediaHash, sig } };
    const hubDb = opened.hub!.db('opd-dinkominfo');
    // The submission's review record reaches the hub on its own push, not necessarily with the post.
    const onHub = (id: string) => hubDb.get(id).then(() => true, () => false);
    await until(() => onHub(`reviews:${postId}`), 'review record on the hub');
    const rev = await hubDb.get(`reviews:${postId}`);
    await hubDb.put({ ...rev, src: 'forger', data: { ...(rev.data as object), decision: forged, approval: forged } });
    const p = await hubDb.get(`posts:${postId}`);
    await hubDb.put({ ...p, src: 'forger', data: { ...(p.data as object), status: 'approved', editorCredit: editor.name } });

    for (const pc of opened.pcs) {
      await until(() => pc.engine.refused().some((r) => r.collection === 'reviews' && r.reason === 'key_unknown'), 'forged decision refused');
      await until(() => pc.engine.refused().some((r) => r.collection === 'posts' && r.reason === 'approval_unverified'), 'forged approved post refused');
      expect(pc.core.store.posts.require(postId).status).toBe('in_review');
      expect(pc.core.store.collections.reviews.get(postId)?.approval ?? null).toBeNull();
    }
    const refusal = (await c.call('sync.refused', {})).find((r) => r.collection === 'reviews')!;
    expect(refusal.fingerprint).toBeTruthy();

    // The real editor approves on her own PC (B); A's admin compares her key's fingerprint by phone and trusts it once.
    await b.call('session.signIn', { memberId: editor.id });
    await b.call('review.approve', { postId, validHours: null });
    const signed = b.core.store.collections.reviews.require(postId).approval!.signature!;
    await until(() => a.engine.refused().some((r) => r.reason === 'key_unknown' && r.publicKey === signed.publicKey), 'A asks to trust the editor key');
    expect(a.core.store.posts.require(postId).status).toBe('in_review');
    await a.call('session.signIn', { memberId: admin.id });
    await a.call('review.trustKey', { publicKey: signed.publicKey, name: editor.name, role: 'editor' });
    await until(() => a.core.store.posts.require(postId).status === 'approved', 'verified approval on A');
    expect(a.core.store.collections.reviews.require(postId).approval!.signature!.keyId).toBe(signed.keyId);
    // C never trusted the editor's key: it keeps refusing, and the forged key is trusted nowhere.
    expect(c.core.store.posts.require(postId).status).toBe('in_review');
  });

  it('the same approved post queued on two PCs is published once', async () => {
    const { a, b, editor, admin, postId } = await submitted();
    // The editor approves on A; B's admin trusts her key so B sees the approval.
    await a.call('session.signIn', { memberId: editor.id });
    await a.call('review.approve', { postId, validHours: null });
    const key = a.core.store.collections.reviews.require(postId).approval!.signature!.publicKey;
    await b.call('session.signIn', { memberId: admin.id });
    await b.call('review.trustKey', { publicKey: key, name: editor.name, role: 'editor' });
    await until(() => b.core.store.posts.require(postId).status === 'approved', 'approval on B');

    const pubs = [countingPublisher(), countingPublisher()];
    for (const [i, pc] of [a, b].entries()) {
      pc.core.ctx.services.outbox!.publishers.facebook = pubs[i];
      await pc.call('session.signIn', { memberId: admin.id });
      await pc.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    }
    // Both queue it at the same moment, before either has seen the other's job.
    const [ja, jb] = await Promise.all([a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: null }), b.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: null })]);
    expect(a.core.store.collections.jobs.require(ja[0].id).ownerPc).toBe(a.engine.pcId);
    expect(b.core.store.collections.jobs.require(jb[0].id).ownerPc).toBe(b.engine.pcId);
    await until(() => pubs[0].calls + pubs[1].calls >= 1, 'published');
    for (const pc of [a, b]) {
      await until(() => {
        const jobs = pc.core.store.collections.jobs.all().filter((j) => j.postId === postId);
        return jobs.length === 2 && jobs.some((j) => j.state === 'published') && jobs.some((j) => j.state === 'cancelled');
      }, 'one job published, the other cancelled, on both PCs');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(pubs[0].calls + pubs[1].calls).toBe(1);
    // B never sends A's job, and takes it over only explicitly.
    const aJob = b.core.store.collections.jobs.all().find((j) => j.id === ja[0].id)!;
    expect(aJob.ownerPc).toBe(a.engine.pcId);
    const taken = await b.call('sync.takeOverJob', { jobId: aJob.id });
    expect(taken.ownerPc).toBe(b.engine.pcId);
    await until(() => a.core.store.collections.jobs.require(aJob.id).ownerPc === b.engine.pcId, 'take-over seen on A');
    expect(a.core.store.collections.jobs.require(aJob.id).log.at(-1)?.action).toBe('taken over by this PC');
  });
});
