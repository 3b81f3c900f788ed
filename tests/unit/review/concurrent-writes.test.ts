import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { openApi, tempDir } from '../electron/helpers';
import { BODY, LEAD, team } from './helpers';

/**
 * A handler that saves the post first and the review after reads the review
 * before an await. On a synced PC the hub's copy of the review may land in
 * that gap (CI found it: the editor's approval was written over the review
 * the sync had just brought, under the same rev, so the sync never sent it
 * and the author's PC waited forever).
 */
describe('writes that meet another writer', () => {
  it('an approval made while the review record arrives keeps both, under a newer rev', async () => {
    const api = await openApi(tempDir());
    const { writer, editor } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const post = await api.call('posts.create', { content: { title: 'Workshop konten digital', lead: LEAD, bodyMd: BODY } });
    await api.call('review.submit', { postId: post.id });
    const arrived = api.store.collections.reviews.get(post.id)!;
    // As on the editor's PC before the sync brought the review in: the post is there, its review not yet.
    await api.store.collections.reviews.delete(post.id);

    await api.call('session.signIn', { memberId: editor.id });
    // The sync writes the hub's review the moment the approval's post save is durable (between the two writes).
    const stop = api.store.changes.subscribe((e) => {
      if (e.collection === 'posts' && e.id === post.id) {
        stop();
        void api.store.collections.reviews.put({ ...arrived, rev: 1 });
      }
    });
    const approved = await api.call('review.approve', { postId: post.id, validHours: null });
    expect(approved.post.status).toBe('approved');
    const review = api.store.collections.reviews.get(post.id)!;
    expect(review.approval?.by.id).toBe(editor.id);
    expect(review.submittedBy?.id).toBe(writer.id); // what the sync brought stays
    expect(review.rev).toBe(2); // newer than the hub's copy: the sync sends it
  });

  it('the store refuses a write that does not carry a newer rev, and keeps what it has', async () => {
    const api = await openApi(tempDir());
    const { writer } = await team(api);
    await api.call('session.signIn', { memberId: writer.id });
    const post = await api.call('posts.create', { content: { title: 'Judul', lead: LEAD, bodyMd: BODY } });
    const cur = api.store.posts.get(post.id)!;
    const err = await api.store.posts.put({ ...cur, title: 'Salinan lama' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).params).toMatchObject({ reason: 'stale_write', currentRev: cur.rev });
    const many = await api.store.collections.audit.putMany([{ ...api.store.collections.audit.get(post.id)! }, { ...api.store.collections.audit.get(post.id)!, id: 'x' } as never]).catch((e: unknown) => e);
    expect((many as ApiError).params).toMatchObject({ reason: 'stale_write' });
    expect(api.store.posts.get(post.id)!.title).toBe('Judul');
    await api.store.posts.put({ ...cur, title: 'Baru', rev: cur.rev + 1 });
    expect(api.store.posts.get(post.id)!.title).toBe('Baru');
  });
});
