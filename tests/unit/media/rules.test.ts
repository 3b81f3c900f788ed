import { describe, expect, it } from 'vitest';
import { sniffImage } from '@core/media/detect';
import { batchParallelism } from '@core/media/batch';
import { wrapLines } from '@core/media/renditions';
import { cropForAspect, planCrop } from '@shared/media/crop';
import { photoSchema } from '@shared/media/photo';
import { CHANNEL_PRESETS } from '@shared/media/presets';
import { captionWithCredit, isPhotoPublishable, matchesPhoto, normalizeTags, photoPublishProblems } from '@shared/media/rules';

const photo = photoSchema.parse({
  id: 'p1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  rev: 0,
  sha256: 'a'.repeat(64),
  originalName: 'IMG_0001.jpg',
  ext: '.jpg',
  width: 4000,
  height: 3000,
  format: 'jpeg',
  bytes: 1000,
  takenAt: '2026-03-05T09:10:00',
  cameraMake: null,
  cameraModel: null,
  hasGps: true,
  caption: 'Posyandu Balita di Desa Jepon',
  credit: '',
  altText: '',
  tags: ['stunting', 'posyandu'],
  postIds: ['post-1'],
  focal: null,
  autoFocal: null,
  crops: {},
  deletedAt: null,
});

describe('presets', () => {
  it('are complete, unique and cite a source', () => {
    const ids = new Set(CHANNEL_PRESETS.map((p) => p.id));
    expect(ids.size).toBe(CHANNEL_PRESETS.length);
    const size = (id: string) => CHANNEL_PRESETS.find((p) => p.id === id);
    expect(size('ig-portrait')).toMatchObject({ width: 1080, height: 1350 });
    expect(size('ig-landscape')).toMatchObject({ width: 1080, height: 566 });
    expect(size('x-post')).toMatchObject({ width: 1600, height: 900, maxBytes: 5 * 1024 * 1024 });
    expect(size('yt-thumb')).toMatchObject({ width: 1280, height: 720, maxBytes: 2 * 1024 * 1024 });
    expect(size('web-inline')).toMatchObject({ width: 1200, height: null });
    for (const p of CHANNEL_PRESETS) expect(p.source).toMatch(/^https:\/\//);
  });
});

describe('crop math', () => {
  it('takes the largest rectangle of the aspect, centred on the focal point and clamped to the edges', () => {
    expect(cropForAspect(4000, 3000, 1)).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
    expect(cropForAspect(4000, 3000, 1, { x: 0, y: 0.5 })).toEqual({ left: 0, top: 0, width: 3000, height: 3000 });
    expect(cropForAspect(4000, 3000, 1, { x: 0.9, y: 0.5 })).toEqual({ left: 1000, top: 0, width: 3000, height: 3000 });
    expect(cropForAspect(3000, 4000, 16 / 9, { x: 0.5, y: 0.1 })).toEqual({ left: 0, top: 0, width: 3000, height: 1688 });
  });

  it('never upscales and flags a source that is too small', () => {
    const big = planCrop(4000, 3000, { width: 1080, height: 1350 }, null);
    expect(big).toMatchObject({ outWidth: 1080, outHeight: 1350, tooSmall: false });
    const small = planCrop(640, 426, { width: 1080, height: 1080 }, null);
    expect(small).toMatchObject({ outWidth: 426, outHeight: 426, tooSmall: true });
    const inline = planCrop(800, 600, { width: 1200, height: null }, null);
    expect(inline).toMatchObject({ outWidth: 800, outHeight: 600, tooSmall: true });
    const wide = planCrop(4000, 3000, { width: 1200, height: null }, null);
    expect(wide).toMatchObject({ outWidth: 1200, outHeight: 900, tooSmall: false });
  });
});

describe('photo rules', () => {
  it('require alt text, caption and credit before publishing', () => {
    expect(photoPublishProblems(photo)).toEqual(['alt_missing', 'credit_missing']);
    expect(isPhotoPublishable(photo)).toBe(false);
    expect(isPhotoPublishable({ ...photo, altText: 'Kader menimbang balita', credit: 'Humas' })).toBe(true);
    expect(photoPublishProblems({ ...photo, altText: 'Kader menimbang balita', credit: 'Humas', deletedAt: '2026-01-02T00:00:00.000Z' })).toEqual(['trashed']);
  });

  it('build the credit line once, whatever the user typed', () => {
    expect(captionWithCredit('Rapat koordinasi', 'Foto: Humas Dinkes')).toBe('Rapat koordinasi (Foto: Humas Dinkes)');
    expect(captionWithCredit('', 'Humas')).toBe('Foto: Humas');
    expect(captionWithCredit('Rapat', '  ')).toBe('Rapat');
  });

  it('search by text, tag, date taken and post', () => {
    expect(matchesPhoto(photo, { query: 'jepon posyandu' })).toBe(true);
    expect(matchesPhoto(photo, { query: 'cepu' })).toBe(false);
    expect(matchesPhoto(photo, { tag: 'Stunting' })).toBe(true);
    expect(matchesPhoto(photo, { tag: 'banjir' })).toBe(false);
    expect(matchesPhoto(photo, { takenFrom: '2026-03-05', takenTo: '2026-03-05' })).toBe(true);
    expect(matchesPhoto(photo, { takenFrom: '2026-03-06' })).toBe(false);
    expect(matchesPhoto({ ...photo, takenAt: null }, { takenTo: '2026-12-31' })).toBe(false);
    expect(matchesPhoto(photo, { postId: 'post-1' })).toBe(true);
    expect(matchesPhoto(photo, { postId: 'post-2' })).toBe(false);
  });

  it('normalise tags', () => {
    expect(normalizeTags([' Stunting ', 'stunting', 'Hari  Jadi', ''])).toEqual(['stunting', 'hari jadi']);
  });
});

describe('helpers', () => {
  it('recognise formats by their bytes, not their name', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImage(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe('png');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImage(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'))).toBe('heif');
    expect(sniffImage(Buffer.from('\0\0\0\x18ftypavif\0\0\0\0mif1avif', 'latin1'))).toBe('avif');
    expect(sniffImage(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffImage(Buffer.from('Halo, ini teks.'))).toBe('unknown');
  });

  it('bound batch parallelism by the CPU count', () => {
    expect(batchParallelism(1)).toBe(1);
    expect(batchParallelism(2)).toBe(1);
    expect(batchParallelism(8)).toBe(4);
    expect(batchParallelism(64)).toBe(4);
  });

  it('wrap caption band text into a few lines with an ellipsis', () => {
    expect(wrapLines('satu dua tiga', 40, 3)).toEqual(['satu dua tiga']);
    const lines = wrapLines('kata '.repeat(100), 20, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(20);
  });
});
