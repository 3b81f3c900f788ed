/**
 * The quality search that keeps renditions small at the same look, made cheap
 * enough to beat ImageMagick: probes on a tile sample, one whole-picture check,
 * shared learning between the presets of a photo, and shared files for presets
 * that ask for the same pixels.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AVIF_SETTINGS, encodeToFitWithQuality, outputKernel, renderRenditions, similarityOf, tileSample, type EncodeHint } from '@core/media/renditions';
import { planCrop } from '@shared/media/crop';
import { effectiveFocal } from '@shared/media/photo';
import { AVIF_QUALITY_LADDER, getPreset, JPEG_QUALITY_LADDER, PERCEPTUAL_TARGET, PRESET_IDS } from '@shared/media/presets';
import { readFileSync } from 'node:fs';
import { openApi, tempDir } from '../electron/helpers';
import { teamPath } from '../../team-folder';

const JOLLA = teamPath('fixtures/photos/camera/jolla.jpg');

describe('tile sample', () => {
  it('stacks whole 128 px tiles of the picture, block-aligned, spread over every row band', async () => {
    const w = 1080;
    const h = 1350;
    const { data } = await sharp(JOLLA).resize(w, h, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
    const s = tileSample(data, w, h, 3)!;
    expect(s.width).toBe(128);
    expect(s.height % 128).toBe(0);
    const tiles = s.height / 128;
    // About a fifth of the 8 x 10 tile grid.
    expect(tiles).toBeGreaterThanOrEqual(14);
    expect(tiles).toBeLessThanOrEqual(18);
    // Every tile is a real 128 x 128 region of the picture starting on a 16 px grid.
    const bands = new Set<number>();
    for (let k = 0; k < tiles; k++) {
      const first = s.data.subarray(k * 128 * 128 * 3, k * 128 * 128 * 3 + 128 * 3);
      let found: [number, number] | null = null;
      for (let y = 0; y + 128 <= h && !found; y += 16) {
        for (let x = 0; x + 128 <= w && !found; x += 16) {
          const at = (y * w + x) * 3;
          if (data.subarray(at, at + 128 * 3).equals(first)) found = [x, y];
        }
      }
      expect(found).not.toBeNull();
      const [x, y] = found!;
      const last = s.data.subarray((k * 128 + 127) * 128 * 3, (k * 128 + 128) * 128 * 3);
      expect(data.subarray(((y + 127) * w + x) * 3, ((y + 127) * w + x + 128) * 3).equals(last)).toBe(true);
      bands.add(Math.floor(y / 128));
    }
    expect(bands.size).toBeGreaterThanOrEqual(8);
  });

  it('is not used for pictures too small to sample', () => {
    expect(tileSample(Buffer.alloc(300 * 300 * 3), 300, 300, 3)).toBeNull();
  });
});

describe('quality search', () => {
  it('keeps the look on every crop of a photo while walking from what the first crop learned, within one rung of the smallest', async () => {
    const hint: EncodeHint = {};
    const crops = [
      { w: 1080, h: 1350, left: 0.5, preset: 'ig-portrait' },
      { w: 1080, h: 1920, left: 0.2, preset: 'ig-story' },
      { w: 1200, h: 630, left: 0.5, preset: 'fb-link' },
      { w: 1200, h: 675, left: 0.8, preset: 'web-featured' },
      { w: 1080, h: 1080, left: 0.1, preset: 'ig-square' },
    ];
    for (const c of crops) {
      const { data, info } = await sharp(JOLLA)
        .resize(c.w, c.h, { fit: 'cover', position: c.left < 0.4 ? 'left' : c.left > 0.6 ? 'right' : 'centre', kernel: 'mks2013' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      const e = await encodeToFitWithQuality(pixels(), getPreset(c.preset)!, PERCEPTUAL_TARGET, null, hint);
      // Measured here on the whole file, independently of what the search believed.
      const real = await similarityOf(pixels(), e.data);
      expect(real, c.preset).toBeGreaterThanOrEqual(PERCEPTUAL_TARGET.minSsim - 0.0002);
      // Not wasteful: two rungs lower would no longer look the same (the
      // search may stop one rung high on a thin pass, never more).
      const idx = JPEG_QUALITY_LADDER.indexOf(e.quality as (typeof JPEG_QUALITY_LADDER)[number]);
      const two = JPEG_QUALITY_LADDER[idx + 2];
      if (two !== undefined && two >= PERCEPTUAL_TARGET.minQuality) {
        const worse = await pixels().jpeg({ quality: two, quantisationTable: 3, overshootDeringing: true }).toBuffer();
        expect(await similarityOf(pixels(), worse), c.preset).toBeLessThan(PERCEPTUAL_TARGET.minSsim);
      }
    }
    // The presets taught each other: a rung and the sample's bias per encoder setting.
    expect(hint.quality).toBeDefined();
    expect(hint.bias?.fast).toBeGreaterThanOrEqual(0);
    expect(hint.bias?.thorough).toBeGreaterThanOrEqual(0);
  });

  it('encodes AVIF on its own ladder to the same look, smaller than MozJPEG at that look, and keeps the JPEG rung apart', async () => {
    const { data, info } = await sharp(JOLLA).rotate().resize(1200, 675, { fit: 'cover', kernel: 'mks2013' }).raw().toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const web = getPreset('web-featured')!;
    const hint: EncodeHint = {};
    const jpeg = await encodeToFitWithQuality(pixels(), web, PERCEPTUAL_TARGET, null, hint);
    const avif = await encodeToFitWithQuality(pixels(), { ...web, format: 'avif' }, PERCEPTUAL_TARGET, null, hint);
    expect((await sharp(avif.data).metadata()).compression).toBe('av1');
    expect(AVIF_QUALITY_LADDER).toContain(avif.quality);
    // The same bar, measured here on the whole file.
    expect(await similarityOf(pixels(), avif.data)).toBeGreaterThanOrEqual(PERCEPTUAL_TARGET.minSsim - 0.0002);
    expect(avif.data.length).toBeLessThan(jpeg.data.length);
    // Not wasteful: two AVIF rungs lower no longer look the same.
    const two = AVIF_QUALITY_LADDER[AVIF_QUALITY_LADDER.indexOf(avif.quality as (typeof AVIF_QUALITY_LADDER)[number]) + 2];
    if (two !== undefined) expect(await similarityOf(pixels(), await pixels().avif({ ...AVIF_SETTINGS, quality: two }).toBuffer())).toBeLessThan(PERCEPTUAL_TARGET.minSsim);
    // The AVIF search did not start from the JPEG's rung (another scale): the hint names its format.
    expect(hint.format).toBe('avif');
  });

  it('sharpens by the resampler when scaling down and not at all otherwise', async () => {
    expect(outputKernel({ crop: { left: 0, top: 0, width: 3264, height: 2448 }, outWidth: 1080 })).toBe('mks2013');
    expect(outputKernel({ crop: { left: 0, top: 0, width: 1100, height: 800 }, outWidth: 1080 })).toBe('lanczos3');
    // Magic Kernel Sharp is visibly crisper than plain Lanczos at the same size.
    const acutance = async (kernel: 'mks2013' | 'lanczos3') => {
      const g = await sharp(JOLLA)
        .resize(1080, 810, { kernel })
        .greyscale()
        .convolve({ width: 3, height: 3, kernel: [0, -1, 0, -1, 4, -1, 0, -1, 0], offset: 128 })
        .raw()
        .toBuffer();
      let sum = 0;
      for (const v of g) sum += Math.abs(v - 128);
      return sum / g.length;
    };
    expect(await acutance('mks2013')).toBeGreaterThan((await acutance('lanczos3')) * 1.04);
  });
});

describe('renditions', () => {
  it('makes presets that ask for the same pixels once, as one file, and every preset keeps the look', async () => {
    const { call, ctx } = await openApi(tempDir());
    const { photo } = await call('media.import', { name: 'jolla.jpg', dataBase64: readFileSync(JOLLA).toString('base64') });
    const rs = await renderRenditions(ctx, photo.id, PRESET_IDS);
    expect(rs.map((r) => r.presetId)).toEqual(PRESET_IDS);
    const ig = rs.find((r) => r.presetId === 'ig-portrait')!;
    const fb = rs.find((r) => r.presetId === 'fb-feed')!;
    expect(fb.file).toBe(ig.file);
    expect(new Set(rs.map((r) => r.file)).size).toBe(PRESET_IDS.length - 1);
    // Each file against the same crop and size made straight from the original.
    for (const r of rs) {
      const plan = planCrop(photo.width, photo.height, getPreset(r.presetId)!, effectiveFocal(photo));
      const ref = sharp(JOLLA).extract(plan.crop).resize(plan.outWidth, plan.outHeight, { fit: 'fill', kernel: outputKernel(plan) });
      expect(await similarityOf(ref, readFileSync(r.file)), r.presetId).toBeGreaterThan(0.994);
      expect(path.extname(r.file)).toBe('.jpg');
    }
    // AVIF when asked changes the website presets only.
    const avif = await renderRenditions(ctx, photo.id, ['web-featured', 'ig-square'], { avif: true });
    expect(avif.map((r) => [path.extname(r.file), r.format])).toEqual([['.avif', 'avif'], ['.jpg', 'jpeg']]);
    expect(avif[1].file).toBe(rs.find((r) => r.presetId === 'ig-square')!.file);
    expect(avif[0].bytes).toBeLessThan(rs.find((r) => r.presetId === 'web-featured')!.bytes);
  });
});
