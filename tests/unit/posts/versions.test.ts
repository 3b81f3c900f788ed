import { describe, expect, it } from 'vitest';
import { openApi, tempDir } from '../electron/helpers';
import { COALESCE_IDLE_MS, postVersions } from '@core/posts/versions';

function clock(start = Date.parse('2024-05-16T02:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('version history', () => {
  it('keeps a version on create, coalesces typing, starts a new one after a pause, and diffs word by word', async () => {
    const c = clock();
    const { call, store } = await openApi(tempDir(), { now: c.now });
    let p = await call('posts.create', {});
    for (const title of ['B', 'Bu', 'Bupati Blora Resmikan Gedung']) {
      c.advance(1000);
      p = await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title } });
    }
    let versions = await call('posts.versions', { postId: p.id });
    expect(versions.map((v) => v.reason)).toEqual(['edit', 'created']);
    expect(versions[0].title).toBe('Bupati Blora Resmikan Gedung');
    expect(versions[0].postRev).toBe(p.rev);

    c.advance(COALESCE_IDLE_MS + 1);
    p = await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Bupati Blora Resmikan Gedung UDD PMI', lead: 'Teras baru.' } });
    versions = await call('posts.versions', { postId: p.id });
    expect(versions.map((v) => v.reason)).toEqual(['edit', 'edit', 'created']);

    const d = await call('posts.versionDiff', { fromId: versions[1].id, toId: versions[0].id });
    const title = d.fields.find((f) => f.key === 'title')!;
    expect(title.parts.filter((x) => x.op === 'a').map((x) => x.text.trim())).toEqual(['UDD PMI']);
    expect(title.parts.filter((x) => x.op === 'r')).toEqual([]);
    expect(d.fields.map((f) => f.key)).toEqual(['title', 'lead']);
    expect(await postVersions(store).size()).toBe(3);
  });

  it('pages the history newest first: every version once, each page under 100 KB', async () => {
    const c = clock();
    const { call } = await openApi(tempDir(), { now: c.now });
    let p = await call('posts.create', { content: { title: 'Versi 0', lead: 'x'.repeat(2000) } });
    for (let i = 1; i < 120; i++) {
      c.advance(COALESCE_IDLE_MS + 1);
      p = await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: `Versi ${i} ${'judul panjang '.repeat(10)}` } });
    }
    const all = await call('posts.versions', { postId: p.id });
    expect(all).toHaveLength(120);
    const seen: string[] = [];
    for (let offset = 0; offset < 120; offset += 50) {
      const page = await call('posts.versionsPage', { postId: p.id, offset });
      expect(page.total).toBe(120);
      expect(JSON.stringify(page).length).toBeLessThan(100_000);
      seen.push(...page.items.map((v) => v.id));
    }
    expect(seen).toEqual(all.map((v) => v.id));
    expect((await call('posts.versionsPage', { postId: p.id, offset: 200 })).items).toEqual([]);
    expect((await call('posts.versionsPage', { postId: p.id, limit: 1 })).items[0].postRev).toBe(p.rev);
  });

  it('restoring creates a new version and never deletes history; stale restores conflict', async () => {
    const c = clock();
    const { call } = await openApi(tempDir(), { now: c.now });
    let p = await call('posts.create', { content: { title: 'Satu' } });
    c.advance(COALESCE_IDLE_MS + 1);
    p = await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Dua', bodyMd: 'Isi kedua.' } });
    const before = await call('posts.versions', { postId: p.id });
    const first = before[before.length - 1];
    await expect(call('posts.versionRestore', { id: first.id, baseRev: p.rev - 1 })).rejects.toMatchObject({ code: 'conflict' });
    const restored = await call('posts.versionRestore', { id: first.id, baseRev: p.rev });
    expect(restored.title).toBe('Satu');
    expect(restored.bodyMd).toBe('');
    expect(restored.rev).toBe(p.rev + 1);
    const after = await call('posts.versions', { postId: p.id });
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ reason: 'restore', restoredFrom: first.id, title: 'Satu' });
    // Every earlier version is still there, unchanged.
    for (const v of before) expect(after.find((a) => a.id === v.id)).toMatchObject({ title: v.title, rev: v.rev });
  });

  it('a status change always starts a new version, even mid-typing', async () => {
    const c = clock();
    const { call, ctx, store } = await openApi(tempDir(), { now: c.now });
    let p = await call('posts.create', {});
    p = await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'A' } });
    // The review desk changes the status through the store.
    const { recordVersion } = await import('@core/posts/versions');
    const changed = { ...p, status: 'in_review' as const, rev: p.rev + 1 };
    await store.posts.put(changed);
    c.advance(1000);
    await recordVersion(ctx, changed, 'edit');
    const versions = await call('posts.versions', { postId: p.id });
    expect(versions.map((v) => [v.reason, v.status])).toEqual([
      ['status', 'in_review'],
      ['edit', 'draft'],
      ['created', 'draft'],
    ]);
  });

  it('a status change made elsewhere (review desk) is caught up as a status version', async () => {
    const c = clock();
    const { call, store } = await openApi(tempDir(), { now: c.now });
    const p = await call('posts.create', { content: { title: 'Judul' } });
    c.advance(5000);
    await store.posts.put({ ...p, status: 'in_review', rev: p.rev + 1, updatedAt: c.now().toISOString() });
    const versions = await call('posts.versions', { postId: p.id });
    expect(versions.map((v) => [v.reason, v.status, v.postRev])).toEqual([
      ['status', 'in_review', p.rev + 1],
      ['created', 'draft', p.rev],
    ]);
    // Idempotent: viewing again adds nothing.
    expect(await call('posts.versions', { postId: p.id })).toHaveLength(2);
  });

  it('versions of two posts cannot be compared', async () => {
    const { call } = await openApi(tempDir());
    const a = await call('posts.create', {});
    const b = await call('posts.create', {});
    const [va] = await call('posts.versions', { postId: a.id });
    const [vb] = await call('posts.versions', { postId: b.id });
    await expect(call('posts.versionDiff', { fromId: va.id, toId: vb.id })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
