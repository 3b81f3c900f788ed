import { describe, expect, it } from 'vitest';
import { closedAfterEach, threePcsWithTeam, until } from './hub';

const LEAD = 'Bupati Blora meminta setiap OPD aktif di media sosial, Kamis (25/8/2022).';
const BODY = 'Paragraf pertama tentang workshop.\n\nParagraf kedua tentang kutipan bupati.\n\nParagraf ketiga tentang rencana tindak lanjut.';

const opened = closedAfterEach();

async function threePcs() {
  const made = await threePcsWithTeam();
  opened.hub = made.hub;
  opened.pcs = made.pcs;
  const [a, b, c] = made.pcs;
  const { writer, editor } = made;
  for (const pc of opened.pcs) await pc.call('session.signIn', { memberId: writer.id });
  return { a, b, c, writer, editor };
}

describe('three PCs and a hub', () => {
  it('a post written on A appears on B and C; offline edits of different paragraphs merge without asking', async () => {
    const { a, b, c } = await threePcs();
    const post = await a.call('posts.create', { content: { title: 'Workshop konten digital', lead: LEAD, bodyMd: BODY } });
    for (const pc of [b, c]) await until(() => pc.core.store.posts.get(post.id)?.title === 'Workshop konten digital', 'post on B and C');

    a.link.setOnline(false);
    b.link.setOnline(false);
    const onA = a.core.store.posts.require(post.id);
    await a.call('posts.update', { id: post.id, baseRev: onA.rev, patch: { bodyMd: BODY.replace('Paragraf pertama', 'Paragraf PERTAMA (A)') } });
    const onB = b.core.store.posts.require(post.id);
    await b.call('posts.update', { id: post.id, baseRev: onB.rev, patch: { bodyMd: BODY.replace('Paragraf ketiga', 'Paragraf KETIGA (B)') } });
    a.link.setOnline(true);
    b.link.setOnline(true);

    const merged = BODY.replace('Paragraf pertama', 'Paragraf PERTAMA (A)').replace('Paragraf ketiga', 'Paragraf KETIGA (B)');
    for (const pc of opened.pcs) await until(() => pc.core.store.posts.get(post.id)?.bodyMd === merged, `merged text on every PC`);
    for (const pc of opened.pcs) expect(pc.engine.conflicts()).toEqual([]);
  });

  it('the same paragraph edited offline on two PCs: conflict shown on both, both versions kept, resolved once, converged everywhere', async () => {
    const { a, b, c } = await threePcs();
    const post = await a.call('posts.create', { content: { title: 'Rapat koordinasi', lead: LEAD, bodyMd: BODY } });
    for (const pc of [b, c]) await until(() => Boolean(pc.core.store.posts.get(post.id)), 'post on B and C');

    a.link.setOnline(false);
    b.link.setOnline(false);
    const bodyA = BODY.replace('Paragraf kedua tentang kutipan bupati.', 'Paragraf kedua versi A.');
    const bodyB = BODY.replace('Paragraf kedua tentang kutipan bupati.', 'Paragraf kedua versi B.');
    await a.call('posts.update', { id: post.id, baseRev: a.core.store.posts.require(post.id).rev, patch: { bodyMd: bodyA } });
    await b.call('posts.update', { id: post.id, baseRev: b.core.store.posts.require(post.id).rev, patch: { bodyMd: bodyB } });
    a.link.setOnline(true);
    b.link.setOnline(true);

    for (const pc of [a, b]) await until(async () => (await pc.call('sync.conflicts', {})).length === 1, 'conflict listed');
    // Both versions kept: each PC still shows its own, and the other is on offer.
    expect(a.core.store.posts.require(post.id).bodyMd).toBe(bodyA);
    expect(b.core.store.posts.require(post.id).bodyMd).toBe(bodyB);
    const view = await a.call('sync.conflict', { postId: post.id });
    expect(view.fields).toEqual(['bodyMd']);
    expect(view.theirs.bodyMd).toBe(bodyB);
    expect((await a.call('sync.status', {})).conflicts).toBe(1);

    await a.call('sync.resolveConflict', { postId: post.id, choices: { bodyMd: 'theirs' } });
    for (const pc of opened.pcs) await until(() => pc.core.store.posts.get(post.id)?.bodyMd === bodyB && pc.engine.conflicts().length === 0, 'resolution everywhere');
    const audit = await c.call('review.audit', { postId: post.id });
    await until(async () => (await c.call('review.audit', { postId: post.id })).some((e) => e.action === 'conflict_resolved'), 'resolution in the audit on C');
    expect(audit).toBeDefined();
    for (const pc of opened.pcs) {
      const doc = await pc.engine.replica('opd').get(`posts:${post.id}`, { conflicts: true });
      expect(doc._conflicts ?? []).toEqual([]);
    }
  });
});
