import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE } from '@shared/api/contracts/review';
import type { AuditEvent } from '@shared/review/model';
import { openApi, tempDir } from '../electron/helpers';

describe('review.auditPage (issue 22)', () => {
  it('pages a long audit trail newest first, bounded, and appended events only shift what was read', async () => {
    const { call, store } = await openApi(tempDir());
    const post = await call('posts.create', { content: { title: 'Jejak panjang' } });
    const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const event = (i: number): AuditEvent => ({
      id: `e${String(i).padStart(5, '0')}`,
      createdAt: stamp(i),
      updatedAt: stamp(i),
      rev: 1,
      postId: post.id,
      actorId: null,
      actorName: 'Admin Medsos',
      action: 'edited',
      hash: 'a'.repeat(64),
      at: stamp(i),
      detail: `Simpan ke-${i} ${'keterangan panjang '.repeat(20)}`,
      count: 1,
    });
    const now = stamp(0);
    await store.collections.audit.put({ id: post.id, postId: post.id, createdAt: now, updatedAt: now, rev: (store.collections.audit.get(post.id)?.rev ?? 0) + 1, events: Array.from({ length: 3000 }, (_, i) => event(i)) });

    const first = await call('review.auditPage', { postId: post.id });
    expect(first.total).toBe(3000);
    expect(first.items.map((e) => e.id)).toEqual(Array.from({ length: AUDIT_PAGE }, (_, i) => event(2999 - i).id));
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(100 * 1024);
    const last = await call('review.auditPage', { postId: post.id, offset: 2950 });
    expect(last.items.at(-1)?.id).toBe('e00000');
    expect((await call('review.auditPage', { postId: post.id, offset: 5000 })).items).toEqual([]);
    await expect(call('review.auditPage', { postId: post.id, limit: AUDIT_PAGE + 1 })).rejects.toMatchObject({ code: 'invalid_input' });

    // Two events appended while someone reads page two: the page read again is the same events, two places on.
    const page2 = (await call('review.auditPage', { postId: post.id, offset: AUDIT_PAGE })).items.map((e) => e.id);
    const trail = store.collections.audit.get(post.id)!;
    await store.collections.audit.put({ ...trail, events: [...trail.events, event(3000), event(3001)], rev: trail.rev + 1 });
    const again = (await call('review.auditPage', { postId: post.id, offset: AUDIT_PAGE + 2 })).items.map((e) => e.id);
    expect(again).toEqual(page2);
  });
});
