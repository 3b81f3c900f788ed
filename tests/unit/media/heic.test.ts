import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeHeic, heicDecodeCount } from '@core/media/heic';
import { forgetHeicDecodes } from '@core/media/import';
import { forgetSources } from '@core/media/renditions';
import { ApiError } from '@shared/api/errors';
import { PRESET_IDS } from '@shared/media/presets';
import { openApi, tempDir } from '../electron/helpers';
import { teamPath } from '../../team-folder';
import { addIccProfile } from './heif-edit';

const HEIF = readFileSync(teamPath('fixtures/photos/camera/samplefilehub.heif'));

function hasImageMagick(): boolean {
  try {
    execFileSync('convert', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function builtinProfile(name: 'p3' | 'srgb'): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).withIccProfile(name).png().toBuffer();
  return (await sharp(png).metadata()).icc!;
}

async function rgb(input: Buffer | string) {
  const { data, info } = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function meanDiff(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe('HEIC', () => {
  it('refuses a HEIC cut to any length as a damaged photo and stores nothing', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    for (const frac of [0.999, 0.9, 0.5, 0.2, 0.05, 0.01]) {
      const cut = HEIF.subarray(0, Math.floor(HEIF.length * frac));
      const e = await call('media.import', { name: 'potong.heic', dataBase64: cut.toString('base64') }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, `cut to ${frac}`).toBeInstanceOf(ApiError);
      expect((e as ApiError).params?.reason, `cut to ${frac}`).toBe('corrupt');
    }
    expect((await call('media.list', {})).total).toBe(0);
    expect(existsSync(path.join(dir, 'media', 'originals')) ? readdirSync(path.join(dir, 'media', 'originals')) : []).toEqual([]);
  });

  it('reads the embedded colour profile and converts Display P3 to sRGB like a reference conversion', async () => {
    const p3 = await builtinProfile('p3');
    const tagged = addIccProfile(HEIF, p3);
    const d = await decodeHeic(tagged, 120_000_000);
    expect(d.icc?.equals(p3)).toBe(true);

    const dir = tempDir();
    const { call } = await openApi(dir);
    const photo = (await call('media.import', { name: 'iphone-p3.heic', dataBase64: tagged.toString('base64') })).photo;
    const kept = readdirSync(path.join(dir, 'media', 'originals')).find((n) => n.endsWith('.srgb.jpg'))!;
    const ours = await rgb(path.join(dir, 'media', 'originals', kept));

    // The same pixels, untagged, tagged with P3 and converted by an independent CMM.
    const plain = await decodeHeic(HEIF, 120_000_000);
    const plainPng = await sharp(plain.data, { raw: { width: plain.width, height: plain.height, channels: 4 } }).removeAlpha().png().toBuffer();
    let reference: Awaited<ReturnType<typeof rgb>>;
    if (hasImageMagick()) {
      const work = tempDir();
      writeFileSync(path.join(work, 'in.png'), plainPng);
      writeFileSync(path.join(work, 'p3.icc'), p3);
      writeFileSync(path.join(work, 'srgb.icc'), await builtinProfile('srgb'));
      execFileSync('convert', [path.join(work, 'in.png'), '-profile', path.join(work, 'p3.icc'), '-profile', path.join(work, 'srgb.icc'), '-depth', '8', path.join(work, 'ref.png')]);
      reference = await rgb(path.join(work, 'ref.png'));
    } else {
      // Without ImageMagick: libjpeg + the profile embedded in a JPEG, the path P3 JPEGs take.
      reference = await rgb(await sharp(plainPng).withIccProfile('p3', { attach: true }).jpeg({ quality: 100 }).toBuffer().then((j) => sharp(j).toColourspace('srgb').png().toBuffer()));
    }
    const untouched = await rgb(plainPng);
    expect(meanDiff(ours.data, reference.data)).toBeLessThan(2);
    // Not converting would be visibly off (this is what the check guards against).
    expect(meanDiff(untouched.data, reference.data)).toBeGreaterThan(meanDiff(ours.data, reference.data) + 1);

    const r = await call('media.render', { id: photo.id, presetId: 'web-inline' });
    const rendition = await rgb(path.join(dir, 'media', 'renditions', path.basename(r.url)));
    expect(meanDiff(rendition.data, reference.data)).toBeLessThan(2);
  });

  it('decodes a HEIC once: renders reuse the decode kept from import, and concurrent renders share one decode', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const before = heicDecodeCount();
    const photo = (await call('media.import', { name: 'foto.heic', dataBase64: HEIF.toString('base64') })).photo;
    expect(heicDecodeCount() - before).toBe(1);
    await Promise.all(PRESET_IDS.map((presetId) => call('media.render', { id: photo.id, presetId })));
    expect(heicDecodeCount() - before).toBe(1);

    // As after a restart with the kept decode gone: twelve renders at once decode once.
    forgetHeicDecodes();
    forgetSources();
    const originals = path.join(dir, 'media', 'originals');
    for (const n of readdirSync(originals)) if (n.endsWith('.srgb.jpg')) rmSync(path.join(originals, n));
    rmSync(path.join(dir, 'media', 'renditions'), { recursive: true });
    const outs = await Promise.all(PRESET_IDS.map((presetId) => call('media.render', { id: photo.id, presetId })));
    expect(outs).toHaveLength(12);
    expect(heicDecodeCount() - before).toBe(2);
    expect(readdirSync(originals).filter((n) => n.endsWith('.srgb.jpg'))).toHaveLength(1);
  });
});
