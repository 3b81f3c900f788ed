/** media.list at library scale: pages of summaries with the filter and search applied on the main process. */
import { describe, expect, it } from 'vitest';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import type { Photo } from '@shared/media/photo';
import { MediaBatchService } from '@core/media/batch';
import { cloneRecords } from '../../scale-seed';
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

describe('"Pilih semua" as a filter the batch applies (issue 22)', () => {
  it('renders every photo the filter shows but the unticked ones, without shipping ids; the answers stay small at 5,000 photos', async () => {
    // 5,000 photo records written as the store keeps them (5,000 durable API writes take a minute here).
    const dir = tempDir();
    const base = photo(0);
    cloneRecords(dir, 'media', base, 5000, photo);
    const { call, store, ctx } = await openApi(dir);
    const svc = new MediaBatchService(ctx);
    svc.start();
    const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');
    // What the desk asks for at 5,000 photos: one page, and (after a filter change) which of a selection still match.
    expect(size(await call('media.list', {}))).toBeLessThan(100 * 1024);
    const within = Array.from({ length: 50 }, (_, i) => `p${String(i * 3).padStart(5, '0')}`);
    expect(size(await call('media.list', { tag: 'posyandu', idsOnly: true, within }))).toBeLessThan(100 * 1024);

    // "Pilih semua" on a search of 500 photos, two unticked: 498 photos × 2 presets, listed by the main process.
    const request = { select: { filter: { query: 'balita' }, except: ['p00010', 'p00020'] }, presetIds: ['ig-portrait', 'x-post'] };
    expect(size(request)).toBeLessThan(1024);
    const { jobId } = await call('media.batchStart', request);
    const s = await call('media.batchCancel', { jobId });
    expect(s.total).toBe((500 - 2) * 2);

    // Nothing or too much chosen: a clear reason, nothing started.
    await expect(call('media.batchStart', { select: { filter: { query: 'tidak ada' }, except: [] }, presetIds: ['x-post'] })).rejects.toMatchObject({
      params: { reason: 'nothing_selected' },
    });
    await expect(call('media.batchStart', { presetIds: ['x-post'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('media.batchStart', { mediaIds: ['p00001'], select: { filter: {}, except: [] }, presetIds: ['x-post'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await store.collections.media.put(photo(5000));
    await expect(call('media.batchStart', { select: { filter: {}, except: [] }, presetIds: ['x-post'] })).rejects.toMatchObject({ params: { reason: 'too_many_photos' } });
    await svc.stop();
  }, 120_000);
});

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

    // A selection checked against a filter: only the chosen ids that still match come back, never every id.
    const kept = await call('media.list', { query: 'balita', idsOnly: true, within: ['p00000', 'p00001', 'p00010'] });
    expect(kept.items).toEqual([]);
    expect(kept.ids).toEqual(['p00010', 'p00000']);
    expect(kept.total).toBe(30);
    await expect(call('media.list', { query: 'balita', idsOnly: true })).rejects.toMatchObject({ code: 'invalid_input' });

    // Bad paging input is refused with a clear error, not a crash.
    await expect(call('media.list', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('media.list', { offset: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
