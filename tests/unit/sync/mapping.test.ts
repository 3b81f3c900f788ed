import { describe, expect, it } from 'vitest';
import { defaultWorkspace } from '@core/store/store';
import { mergePosts } from '@core/sync/engine';
import { applyWorkspaceShared, docIdOf, hubDatabaseOf, isSyncedCollection, mergeRecord, parseDocId, workspaceShared } from '@shared/sync/mapping';

describe('sync mapping', () => {
  it('maps records to hub ids and back; never maps local-only collections', () => {
    expect(docIdOf('posts', 'abc')).toBe('posts:abc');
    expect(parseDocId('posts:abc')).toEqual({ kind: 'posts', id: 'abc' });
    expect(parseDocId('workspace')).toEqual({ kind: 'workspace', id: 'workspace' });
    expect(parseDocId('media:abc')).toEqual({ kind: 'media', id: 'abc' });
    for (const id of ['connections:x', 'keys:x', 'sendclaim:p:website:1', '_design/x', 'posts:../x']) expect(parseDocId(id)).toBeNull();
    for (const c of ['connections', 'keys']) expect(isSyncedCollection(c)).toBe(false);
    expect(hubDatabaseOf('complaints')).toBe('aduan');
    expect(hubDatabaseOf('posts')).toBe('opd');
  });

  it('shares the workspace without the language, PIN hashes or trusted keys, and keeps them when a hub version arrives', () => {
    const ws = defaultWorkspace(new Date('2026-11-27T00:00:00Z'));
    const local = { ...ws, language: 'en' as const, team: [{ id: 'm1', name: 'Ani', role: 'admin' as const, pinHash: 'scrypt$secret' }], trustedKeys: [{ keyId: 'a'.repeat(64), publicKey: 'x', name: 'B', role: 'editor' as const, addedAt: ws.createdAt, addedBy: 'Ani' }] };
    const shared = workspaceShared(local);
    expect(JSON.stringify(shared)).not.toContain('secret');
    expect(shared).not.toHaveProperty('language');
    expect(shared).not.toHaveProperty('trustedKeys');
    const incoming = { ...shared, language: 'id', trustedKeys: [], team: [{ id: 'm1', name: 'Ani S.', role: 'admin' }, { id: 'm2', name: 'Budi', role: 'editor' }] };
    const next = applyWorkspaceShared(local, incoming);
    expect(next.language).toBe('en');
    expect(next.trustedKeys).toHaveLength(1);
    expect(next.team).toEqual([
      { id: 'm1', name: 'Ani S.', role: 'admin', pinHash: 'scrypt$secret' },
      { id: 'm2', name: 'Budi', role: 'editor', pinHash: null },
    ]);
  });

  it('merges field by field against the common version, deterministically', () => {
    const base = { id: 'c', title: 'A', subtitle: 'S', updatedAt: '2026-01-01T00:00:00.000Z' };
    const w = { ...base, title: 'A2', updatedAt: '2026-01-02T00:00:00.000Z' };
    const l = { ...base, subtitle: 'S2', updatedAt: '2026-01-03T00:00:00.000Z' };
    expect(mergeRecord('cards', base, w, l)).toEqual({ id: 'c', title: 'A2', subtitle: 'S2', updatedAt: '2026-01-03T00:00:00.000Z' });
    // Both changed the same field: the winner's stands (the same on every PC).
    expect(mergeRecord('cards', base, { ...base, title: 'W' }, { ...base, title: 'L' }).title).toBe('W');
  });

  it('keeps every audit event, decided suggestions and the furthest job state', () => {
    const ev = (id: string, at: string, rev = 1) => ({ id, at, rev, action: 'edited' });
    const base = { id: 'p', events: [ev('e1', '2026-01-01')] };
    const merged = mergeRecord('audit', base, { ...base, events: [ev('e1', '2026-01-01', 2), ev('e2', '2026-01-03')] }, { ...base, events: [ev('e1', '2026-01-01'), ev('e3', '2026-01-02')] });
    expect((merged.events as { id: string; rev: number }[]).map((e) => `${e.id}:${e.rev}`)).toEqual(['e1:2', 'e3:1', 'e2:1']);
    const s = { id: 's', status: 'pending', decidedBy: null, decidedAt: null, note: '' };
    expect(mergeRecord('reviewSuggestions', s, { ...s, note: 'x' }, { ...s, status: 'accepted', decidedBy: { id: 'e', name: 'E' }, decidedAt: '2026-01-01' }).status).toBe('accepted');
    const j = { id: 'j', state: 'queued', log: [], remote: { postId: null } };
    const m = mergeRecord('jobs', j, { ...j, state: 'cancelled' }, { ...j, state: 'published', remote: { postId: '42' } });
    expect(m.state).toBe('published');
    expect(m.remote).toEqual({ postId: '42' });
  });

  it('merges the team by member: an addition on one PC and a rename on the other both stay', () => {
    const base = { team: [{ id: 'a', name: 'Ani', role: 'admin' }] };
    const w = { team: [{ id: 'a', name: 'Ani S.', role: 'admin' }] };
    const l = { team: [{ id: 'a', name: 'Ani', role: 'admin' }, { id: 'b', name: 'Budi', role: 'editor' }] };
    expect(mergeRecord('workspace', base, w, l).team).toEqual([
      { id: 'a', name: 'Ani S.', role: 'admin' },
      { id: 'b', name: 'Budi', role: 'editor' },
    ]);
  });

  it('merges photo texts last-write-wins, keeps what was overwritten in history, and keeps the uses of both PCs', () => {
    const base = { id: 'p', sha256: 'f'.repeat(64), caption: 'Awal', credit: 'Humas', altText: '', tags: [], postIds: ['x'], focal: null, crops: {}, updatedAt: '2026-11-27T08:00:00.000Z' };
    const a = { ...base, caption: 'Dari A', tags: ['rapat'], postIds: ['x', 'a1'], updatedAt: '2026-11-27T09:00:00.000Z' };
    const b = { ...base, caption: 'Dari B', credit: 'Humas B', postIds: ['x', 'b1'], updatedAt: '2026-11-27T09:05:00.000Z' };
    // Whichever CouchDB picks as winner, the later edit wins and the result is the same.
    for (const [w, l] of [[a, b], [b, a]]) {
      const m = mergeRecord('media', base, w, l);
      expect(m).toMatchObject({ caption: 'Dari B', credit: 'Humas B', tags: ['rapat'], updatedAt: b.updatedAt });
      expect([...(m.postIds as string[])].sort()).toEqual(['a1', 'b1', 'x']);
      expect(m.history).toEqual([{ at: a.updatedAt, values: { caption: 'Dari A' } }]);
    }
    // Merging again (another PC, or the same conflict seen twice) does not grow the history.
    const once = mergeRecord('media', base, b, a);
    expect(mergeRecord('media', base, once, { ...a, history: once.history }).history).toEqual(once.history);
    // Without a common version every field that differs takes the later edit, and the earlier values are kept.
    expect(mergeRecord('media', null, a, b)).toMatchObject({ caption: 'Dari B', tags: [], history: [{ at: a.updatedAt, values: { caption: 'Dari A', credit: 'Humas', tags: ['rapat'] } }] });
  });

  it('merges posts edited in different paragraphs, refuses to guess when the same paragraph changed, and keeps the trash flag', () => {
    const post = { title: 'T', dateline: '', eventDate: null, lead: 'L', bodyMd: 'P1\n\nP2\n\nP3', category: '', tags: [], infoClass: 'berkala', authorCredit: '', photoCredits: '', media: [], channelVariants: [], deletedAt: null, status: 'draft' };
    const a = { ...post, bodyMd: 'P1a\n\nP2\n\nP3' };
    const b = { ...post, bodyMd: 'P1\n\nP2\n\nP3b', deletedAt: '2026-01-01T00:00:00.000Z' };
    const m = mergePosts(post, a, b)!;
    expect(m.bodyMd).toBe('P1a\n\nP2\n\nP3b');
    expect(m.deletedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(mergePosts(post, { ...post, bodyMd: 'X\n\nP2\n\nP3' }, { ...post, bodyMd: 'Y\n\nP2\n\nP3' })).toBeNull();
    expect(mergePosts(null, a, b)).toBeNull();
  });
});
