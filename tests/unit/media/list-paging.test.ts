/** media.list at library scale: pages of summaries with the filter and search applied on the main process. */
import { describe, expect, it } from 'vitest';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import type { Photo } from '@shared/media/photo';
import { openApi, tempDir } from '../electron/helpers';

function photo(i: number): Photo {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: `p${String(i).padStart(5, '0')}`,
    createdAt: at,
    updatedAt: at,
    rev: 1,
    sha256: i.toString(16).padStart(64, '0'),
    originalName: `IMG_${i}.jpg`,
    ext: '.jpg',
    width: 4000,
    height: 3000,
    format: 'jpeg',
    bytes: 3_000_000,
    takenAt: at.slice(0, 19),
    cameraMake: null,
    cameraModel: null,
    hasGps: false,
    caption: i % 10 === 0 ? `Posyandu balita desa ${i} ${'panjang '.repeat(60)}` : `Rapat koordinasi ${i}`,
    credit: 'Humas',
    altText: 'Foto kegiatan',
    tags: i % 2 ? ['rapat'] : ['posyandu'],
    postIds: [],
    focal: { x: 0.3, y: 0.4 },
    autoFocal: null,
    crops: {},
    deletedAt: null,
  };
}

describe('media.list pages', () => {
  it('returns one page of summaries at a time with the total, newest first, filter and search applied before paging', async () => {
    const { call, store } = await openApi(tempDir());
    for (let i = 0; i < 300; i++) await store.collections.media.put(photo(i));
    await store.collections.media.put({ ...photo(300), deletedAt: '2026-02-01T00:00:00.000Z' });

    const first = await call('media.list', {});
    expect(first.total).toBe(300);
    expect(first.trashCount).toBe(1);
    expect(first.items).toHaveLength(MEDIA_PAGE);
    expect(first.items[0].id).toBe('p00299');
    // Summaries, not records: no crops, focal points, tags or post links; long captions cut.
    expect(Object.keys(first.items[0])).not.toContain('crops');
    expect(Object.keys(first.items[0])).not.toContain('postIds');
    expect(first.items.find((p) => p.id === 'p00290')!.caption.length).toBeLessThanOrEqual(160);

    // The pages put together are the whole list, each photo once, in order.
    const ids: string[] = [];
    for (let offset = 0; offset < 300; offset += MEDIA_PAGE) {
      const page = await call('media.list', { offset, limit: MEDIA_PAGE });
      expect(page.offset).toBe(offset);
      ids.push(...page.items.map((p) => p.id));
    }
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => `p${String(299 - i).padStart(5, '0')}`));
    expect((await call('media.list', { offset: 1000 })).items).toEqual([]);

    // Search and tag filter count and page over the matches only.
    const search = await call('media.list', { query: 'balita', limit: 10 });
    expect(search.total).toBe(30);
    expect(search.items.map((p) => p.id)).toEqual(Array.from({ length: 10 }, (_, i) => `p${String(290 - i * 10).padStart(5, '0')}`));
    expect((await call('media.list', { tag: 'rapat', offset: 140, limit: 50 })).items).toHaveLength(10);

    // "Pilih semua": the ids of every match, no summaries.
    const all = await call('media.list', { query: 'balita', idsOnly: true });
    expect(all.items).toEqual([]);
    expect(all.ids).toHaveLength(30);
    expect(all.ids).toContain('p00000');

    // Bad paging input is refused with a clear error, not a crash.
    await expect(call('media.list', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('media.list', { offset: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
