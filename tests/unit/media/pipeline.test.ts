import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readZip } from '@core/files/zip';
import { MediaBatchService } from '@core/media/batch';
import { encodeToFitWithQuality, MOZJPEG, renderRendition, renderRenditions, similarityOf } from '@core/media/renditions';
import { ApiError } from '@shared/api/errors';
import { CHANNEL_PRESETS, getPreset, JPEG_QUALITY_LADDER, PERCEPTUAL_TARGET, PRESET_IDS } from '@shared/media/presets';
import { planCrop } from '@shared/media/crop';
import { openApi, tempDir } from '../electron/helpers';
import { teamPath } from '../../team-folder';

const FIX = teamPath('fixtures/photos');
const b64 = (file: string) => readFileSync(file).toString('base64');

async function importFixture(call: Awaited<ReturnType<typeof openApi>>['call'], rel: string) {
  return call('media.import', { name: path.basename(rel), dataBase64: b64(path.join(FIX, rel)) });
}

async function expectReason(p: Promise<unknown>, reason: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect((e as ApiError).params?.reason).toBe(reason);
}

describe('import', () => {
  it('reads date, camera and GPS presence but keeps no coordinates in the record', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const r = await importFixture(call, 'gps/DSCN0010.jpg');
    expect(r.status).toBe('imported');
    expect(r.photo.hasGps).toBe(true);
    expect(r.photo.cameraMake).toMatch(/NIKON/i);
    expect(r.photo.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const json = JSON.stringify(r.photo);
    expect(json).not.toMatch(/latitude|longitude|gpslat|serial/i);
    // Nor in the stored document.
    const doc = readFileSync(path.join(dir, 'store', 'media', `${r.photo.id}.json`), 'utf8');
    expect(doc).not.toMatch(/latitude|longitude|GPSLat/i);
    expect(store.collections.media.get(r.photo.id)?.hasGps).toBe(true);
    // Original kept under its content hash; thumbnail made once.
    expect(existsSync(path.join(dir, 'media', 'originals', `${r.photo.sha256}.jpg`))).toBe(true);
    expect(existsSync(path.join(dir, 'media', 'thumbs', `${r.photo.sha256}.webp`))).toBe(true);
  });

  it('says when the same photo is imported twice and links to the existing one', async () => {
    const { call } = await openApi(tempDir());
    const a = await importFixture(call, 'camera/Canon_40D.jpg');
    const b = await importFixture(call, 'camera/Canon_40D.jpg');
    expect(a.status).toBe('imported');
    expect(b.status).toBe('duplicate');
    expect(b.photo.id).toBe(a.photo.id);
    expect((await call('media.list', {})).total).toBe(1);
  });

  it('lists, searches, trashes and brings back photos (re-importing a trashed photo restores it)', async () => {
    const { call } = await openApi(tempDir());
    const a = (await importFixture(call, 'camera/Canon_40D.jpg')).photo;
    const b = (await importFixture(call, 'camera/Nikon_D70.jpg')).photo;
    await call('media.update', { id: a.id, baseRev: a.rev, patch: { caption: 'Rapat koordinasi stunting', tags: [' Stunting ', 'rapat'], postIds: ['post-9'] } });
    expect((await call('media.list', { query: 'stunting' })).items.map((p) => p.id)).toEqual([a.id]);
    expect((await call('media.list', { tag: 'stunting' })).items.map((p) => p.id)).toEqual([a.id]);
    expect((await call('media.list', { postId: 'post-9' })).items.map((p) => p.id)).toEqual([a.id]);
    expect((await call('media.list', {})).tags).toEqual(['rapat', 'stunting']);
    const stale = call('media.update', { id: a.id, baseRev: a.rev, patch: { caption: 'x' } });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    await call('media.trash', { id: b.id });
    const listed = await call('media.list', {});
    expect(listed.items.map((p) => p.id)).toEqual([a.id]);
    expect(listed.trashCount).toBe(1);
    const again = await importFixture(call, 'camera/Nikon_D70.jpg');
    expect(again.status).toBe('restored');
    expect(again.photo.id).toBe(b.id);
    expect((await call('media.list', {})).total).toBe(2);
  });

  it('applies EXIF orientation to the stored size', async () => {
    const { call } = await openApi(tempDir());
    const one = (await importFixture(call, 'orientation/portrait_1.jpg')).photo;
    for (const o of [3, 6, 8]) {
      const p = (await importFixture(call, `orientation/portrait_${o}.jpg`)).photo;
      expect([p.width, p.height]).toEqual([one.width, one.height]);
    }
    expect(one.height).toBeGreaterThan(one.width);
  });

  it('decodes the HEIF fixture off the main thread', async () => {
    const { call } = await openApi(tempDir());
    const r = await importFixture(call, 'camera/samplefilehub.heif');
    expect(r.photo.format).toBe('heif');
    expect([r.photo.width, r.photo.height]).toEqual([640, 426]);
    const out = await call('media.render', { id: r.photo.id, presetId: 'ig-square' });
    expect([out.width, out.height]).toEqual([426, 426]);
    expect(out.tooSmall).toBe(true);
  });

  it('decodes a HEIF original once and renders later presets from the kept decode', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const r = await importFixture(call, 'camera/samplefilehub.heif');
    await call('media.render', { id: r.photo.id, presetId: 'ig-square' });
    const decoded = readdirSync(path.join(dir, 'media'), { recursive: true }).map(String).filter((n) => n.endsWith('.srgb.jpg'));
    expect(decoded).toHaveLength(1);
    const kept = path.join(dir, 'media', decoded[0]);
    const meta = await sharp(readFileSync(kept)).metadata();
    expect([meta.width, meta.height, meta.exif, meta.xmp]).toEqual([640, 426, undefined, undefined]);
    // A later preset comes from the kept decode: it renders even with the HEIC bytes made unreadable.
    const original = kept.replace(/\.srgb\.jpg$/, '');
    writeFileSync(original, 'not heic any more');
    const wide = await call('media.render', { id: r.photo.id, presetId: 'fb-link' });
    expect([wide.width, wide.height]).toEqual([640, Math.round(640 / (1200 / 630))]);
  });

  it('finds the automatic focal point on both axes', async () => {
    const { call } = await openApi(tempDir());
    // A flat grey landscape with a detailed, colourful subject high on the right.
    const subject = await sharp(path.join(FIX, 'camera/jolla.jpg')).resize(300, 220).modulate({ saturation: 2 }).toBuffer();
    for (const [left, top, w, h] of [[1350, 120, 1800, 1200], [120, 1450, 1200, 1800]]) {
      const img = await sharp({ create: { width: w, height: h, channels: 3, background: '#8a8a8a' } }).composite([{ input: subject, left, top }]).jpeg().toBuffer();
      const photo = (await call('media.import', { name: `fokus-${w}.jpg`, dataBase64: img.toString('base64') })).photo;
      const cx = (left + 150) / w;
      const cy = (top + 110) / h;
      expect(Math.abs(photo.autoFocal!.x - cx), `x ${w}x${h}`).toBeLessThan(0.12);
      expect(Math.abs(photo.autoFocal!.y - cy), `y ${w}x${h}`).toBeLessThan(0.12);
    }
  });

  it('cuts a format by its hand-made crop (zoom and centre), remembered with the photo', async () => {
    const { call, ctx } = await openApi(tempDir());
    const photo = (await importFixture(call, 'camera/jolla.jpg')).photo; // 3264x2448
    const saved = await call('media.update', { id: photo.id, baseRev: photo.rev, patch: { crops: { '4:5': { x: 0.25, y: 0.3, zoom: 2 } } } });
    expect((await call('media.get', { id: photo.id })).crops).toEqual({ '4:5': { x: 0.25, y: 0.3, zoom: 2 } });
    const plan = planCrop(saved.width, saved.height, getPreset('ig-portrait')!, null, saved.crops['4:5']);
    // The largest 4:5 cut is 1958 wide; zoom 2 halves it, centred at (0.25, 0.3).
    expect(plan.crop.width).toBe(979);
    expect(plan.crop.left).toBe(Math.round(0.25 * 3264 - 979 / 2));
    expect(plan.crop.top).toBe(Math.round(0.3 * 2448 - plan.crop.height / 2));
    const r = await renderRendition(ctx, saved.id, 'ig-portrait');
    expect([r.width, r.height]).toEqual([979, 1224]);
    const want = await sharp(path.join(FIX, 'camera/jolla.jpg')).rotate().extract(plan.crop).resize(16, 20, { fit: 'fill' }).greyscale().raw().toBuffer();
    const got = await sharp(r.file).resize(16, 20, { fit: 'fill' }).greyscale().raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < got.length; i++) diff += Math.abs(got[i] - want[i]);
    expect(diff / got.length).toBeLessThan(6);
    // Other formats still follow the focal point; removing the crop brings the automatic cut back.
    const square = await renderRendition(ctx, saved.id, 'ig-square');
    expect([square.width, square.height]).toEqual([1080, 1080]);
    const back = await call('media.update', { id: saved.id, baseRev: saved.rev, patch: { crops: {} } });
    expect((await renderRendition(ctx, back.id, 'ig-portrait')).width).toBe(1080);
  });

  it('refuses bad input with a typed reason and stores nothing', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const jpeg = readFileSync(path.join(FIX, 'camera/jolla.jpg'));
    const started = Date.now();
    await expectReason(call('media.import', { name: 'kosong.jpg', dataBase64: '' }), 'empty');
    await expectReason(call('media.import', { name: 'surat.jpg', dataBase64: Buffer.from('Bukan foto, hanya teks.\n').toString('base64') }), 'not_image');
    await expectReason(call('media.import', { name: 'potong.jpg', dataBase64: jpeg.subarray(0, Math.floor(jpeg.length / 3)).toString('base64') }), 'corrupt');
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    await expectReason(call('media.import', { name: 'anim.gif', dataBase64: gif.toString('base64') }), 'unsupported_format');
    // Decompression bomb: 20000x20000 of one colour is a tiny PNG but 400 MP.
    const bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#808080' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    await expectReason(call('media.import', { name: 'bom.png', dataBase64: bomb.toString('base64') }), 'too_large');
    // Garbage after a valid JPEG header.
    const garbage = Buffer.concat([jpeg.subarray(0, 600), Buffer.alloc(5000, 0x5a)]);
    await expectReason(call('media.import', { name: 'rusak.jpg', dataBase64: garbage.toString('base64') }), 'corrupt');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await call('media.list', {})).total).toBe(0);
    expect(existsSync(path.join(dir, 'media', 'originals')) ? readdirSync(path.join(dir, 'media', 'originals')) : []).toEqual([]);
  });

  it('imports or cleanly refuses every invalid/ fixture within a time bound', async () => {
    const { call } = await openApi(tempDir());
    for (const f of readdirSync(path.join(FIX, 'invalid'))) {
      const t = Date.now();
      const outcome = await importFixture(call, `invalid/${f}`).then(
        (r) => r.status,
        (e: unknown) => (e instanceof ApiError && typeof e.params?.reason === 'string' ? `refused:${e.params.reason}` : `crash:${String(e)}`),
      );
      expect(outcome).toMatch(/^(imported|refused:(corrupt|not_image))$/);
      expect(Date.now() - t).toBeLessThan(10_000);
    }
  });
});

describe('renditions', () => {
  it('strip GPS and camera data from every gps/ photo and every preset', async () => {
    const { call, ctx } = await openApi(tempDir());
    for (const f of readdirSync(path.join(FIX, 'gps'))) {
      const before = await exifr.parse(path.join(FIX, 'gps', f), { gps: true });
      expect(before?.latitude).toBeTypeOf('number');
      const { photo } = await importFixture(call, `gps/${f}`);
      const rs = await renderRenditions(ctx, photo.id, PRESET_IDS);
      expect(rs).toHaveLength(CHANNEL_PRESETS.length);
      for (const r of rs) {
        const bytes = readFileSync(r.file);
        const tags = await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, ifd1: true }).catch(() => undefined);
        expect(tags?.latitude).toBeUndefined();
        expect(tags?.GPSLatitude).toBeUndefined();
        expect(tags?.Make).toBeUndefined();
        expect(tags?.Model).toBeUndefined();
        expect(tags?.SerialNumber ?? tags?.BodySerialNumber ?? tags?.InternalSerialNumber).toBeUndefined();
        const m = await sharp(bytes).metadata();
        expect(m.exif).toBeUndefined();
        expect(m.xmp).toBeUndefined();
        expect(m.iptc).toBeUndefined();
        expect(m.space).toBe('srgb');
        const preset = CHANNEL_PRESETS.find((p) => p.id === r.presetId)!;
        expect(bytes.length).toBeLessThanOrEqual(preset.maxBytes);
      }
    }
  });

  it('export every orientation/ photo upright (pixels match the orientation-1 version)', async () => {
    const { call, ctx } = await openApi(tempDir());
    for (const kind of ['landscape', 'portrait']) {
      const ref = (await importFixture(call, `orientation/${kind}_1.jpg`)).photo;
      const refOut = await renderRendition(ctx, ref.id, 'web-inline');
      const refPx = await sharp(refOut.file).resize(32, 32, { fit: 'fill' }).greyscale().raw().toBuffer();
      for (const o of [3, 6, 8]) {
        const p = (await importFixture(call, `orientation/${kind}_${o}.jpg`)).photo;
        const out = await renderRendition(ctx, p.id, 'web-inline');
        expect([out.width, out.height]).toEqual([refOut.width, refOut.height]);
        const px = await sharp(out.file).resize(32, 32, { fit: 'fill' }).greyscale().raw().toBuffer();
        let diff = 0;
        for (let i = 0; i < px.length; i++) diff += Math.abs(px[i] - refPx[i]);
        // Mean absolute difference: a wrong rotation differs by tens of levels.
        expect(diff / px.length).toBeLessThan(6);
      }
    }
  });

  it('produce the preset sizes, follow the focal point and re-render only when the crop changes', async () => {
    const { call, ctx } = await openApi(tempDir());
    const { photo } = await importFixture(call, 'camera/jolla.jpg');
    const edgeOf = async (left: number) =>
      sharp(path.join(ctx.dataDir, 'media', 'originals', `${photo.sha256}.jpg`))
        .rotate()
        .extract({ left, top: 0, width: Math.round((photo.height * 9) / 16), height: photo.height })
        .resize(16, 16, { fit: 'fill' })
        .greyscale()
        .raw()
        .toBuffer();
    const meanDiff = async (file: string, ref: Buffer) => {
      const got = await sharp(file).resize(16, 16, { fit: 'fill' }).greyscale().raw().toBuffer();
      let diff = 0;
      for (let i = 0; i < got.length; i++) diff += Math.abs(got[i] - ref[i]);
      return diff / got.length;
    };
    const stripW = Math.round((photo.height * 9) / 16);
    const right = await call('media.update', { id: photo.id, baseRev: photo.rev, patch: { focal: { x: 1, y: 0.5 } } });
    const a = await renderRendition(ctx, right.id, 'ig-story');
    expect([a.width, a.height]).toEqual([1080, 1920]);
    expect(a.tooSmall).toBe(false);
    expect(await meanDiff(a.file, await edgeOf(photo.width - stripW))).toBeLessThan(6);
    const again = await renderRendition(ctx, photo.id, 'ig-story');
    expect(again.file).toBe(a.file);
    const left = await call('media.update', { id: photo.id, baseRev: right.rev, patch: { focal: { x: 0, y: 0.5 } } });
    const b = await renderRendition(ctx, left.id, 'ig-story');
    expect(b.file).not.toBe(a.file);
    expect(await meanDiff(b.file, await edgeOf(0))).toBeLessThan(6);
    // And the two edges really differ, so the checks above can fail.
    expect(await meanDiff(b.file, await edgeOf(photo.width - stripW))).toBeGreaterThan(6);
    const inline = await renderRendition(ctx, photo.id, 'web-inline');
    expect(inline.width).toBe(1200);
    expect(inline.height).toBe(Math.round((photo.height * 1200) / photo.width));
  });

  it('encode at the lowest quality that keeps the look (MozJPEG, SSIM target), smaller than q90', async () => {
    const pipe = sharp(path.join(FIX, 'camera/jolla.jpg')).resize(1080, 1350, { fit: 'cover' });
    const e = await encodeToFitWithQuality(pipe, { id: 't', format: 'jpeg', maxBytes: 8 * 1024 * 1024 });
    const q90 = await pipe.clone().jpeg({ quality: 90, progressive: true }).toBuffer();
    expect(e.ssim).toBeGreaterThanOrEqual(PERCEPTUAL_TARGET.minSsim - 0.001);
    expect(await similarityOf(pipe, e.data)).toBeCloseTo(e.ssim!, 4);
    expect(e.quality).toBeLessThan(JPEG_QUALITY_LADDER[0]);
    expect(e.quality).toBeGreaterThanOrEqual(PERCEPTUAL_TARGET.minQuality);
    expect(e.data.length).toBeLessThan(q90.length * 0.8);
    // The rung below would no longer look the same (unless already at the floor).
    const idx = JPEG_QUALITY_LADDER.indexOf(e.quality as (typeof JPEG_QUALITY_LADDER)[number]);
    const lower = JPEG_QUALITY_LADDER[idx + 1];
    if (lower >= PERCEPTUAL_TARGET.minQuality) {
      const worse = await pipe.clone().jpeg({ quality: lower, mozjpeg: true }).toBuffer();
      expect(await similarityOf(pipe, worse)).toBeLessThan(PERCEPTUAL_TARGET.minSsim + 0.0005);
    }
    // WebP works the same way.
    const w = await encodeToFitWithQuality(pipe, { id: 't', format: 'webp', maxBytes: 8 * 1024 * 1024 });
    expect((await sharp(w.data).metadata()).format).toBe('webp');
    expect(w.ssim).toBeGreaterThan(0.99);
  });

  it('fit the byte limit with the best quality that fits', async () => {
    const pipe = sharp(path.join(FIX, 'camera/jolla.jpg')).resize(1600, 1200);
    const free = await encodeToFitWithQuality(pipe, { id: 't', format: 'jpeg', maxBytes: 1e9 });
    const limit = Math.round(free.data.length * 0.6);
    const { data, quality } = await encodeToFitWithQuality(pipe, { id: 't', format: 'jpeg', maxBytes: limit });
    expect(data.length).toBeLessThanOrEqual(limit);
    const idx = JPEG_QUALITY_LADDER.indexOf(quality as (typeof JPEG_QUALITY_LADDER)[number]);
    expect(quality).toBeLessThan(free.quality);
    // The next better quality would not have fitted.
    const better = await pipe.clone().jpeg({ ...MOZJPEG, quality: JPEG_QUALITY_LADDER[idx - 1] }).toBuffer();
    expect(better.length).toBeGreaterThan(limit);
    // A limit nothing can meet is a typed error, not an oversized file.
    await expectReason(encodeToFitWithQuality(pipe, { id: 't', format: 'jpeg', maxBytes: 1000 }), 'too_big_for_limit');
  });

  it('stamp the OPD logo when asked and refuse without a logo', async () => {
    const { call, ctx } = await openApi(tempDir());
    const { photo } = await importFixture(call, 'camera/jolla.jpg');
    await expectReason(renderRendition(ctx, photo.id, 'ig-square', { watermark: { position: 'bottom-right', size: 0.2, opacity: 1 } }), 'no_logo');
    const logoPng = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const logo = (await call('media.import', { name: 'logo.png', dataBase64: logoPng.toString('base64') })).photo;
    const ws = await call('settings.get', {});
    await call('settings.update', { baseRev: ws.rev, opd: { logoMediaId: logo.id } });
    const plain = await renderRendition(ctx, photo.id, 'ig-square');
    const marked = await renderRendition(ctx, photo.id, 'ig-square', { watermark: { position: 'bottom-right', size: 0.2, opacity: 1 } });
    expect(marked.file).not.toBe(plain.file);
    const px = await sharp(marked.file).extract({ left: 1080 - 40 - 32, top: 1080 - 40 - 32, width: 10, height: 10 }).raw().toBuffer();
    expect(px[0]).toBeGreaterThan(200);
    expect(px[1]).toBeLessThan(60);
    // No caption yet: the band has nothing to show and changes nothing.
    expect((await renderRendition(ctx, photo.id, 'ig-square', { captionBand: true })).file).toBe(plain.file);
    await call('media.update', { id: photo.id, baseRev: photo.rev, patch: { caption: 'Bupati Blora meninjau posyandu di Kecamatan Cepu.', credit: 'Humas' } });
    const band = await renderRendition(ctx, photo.id, 'ig-square', { captionBand: true });
    expect(band.file).not.toBe(plain.file);
    // The band darkens the bottom rows.
    const bottom = await sharp(band.file).extract({ left: 0, top: 1070, width: 1080, height: 10 }).greyscale().stats();
    const plainBottom = await sharp(plain.file).extract({ left: 0, top: 1070, width: 1080, height: 10 }).greyscale().stats();
    expect(bottom.channels[0].mean).toBeLessThan(plainBottom.channels[0].mean);
  });
});

describe('batch', () => {
  it('renders many photos with progress, keeps going past a failing photo, and can be cancelled', async () => {
    const { call, ctx } = await openApi(tempDir());
    const svc = new MediaBatchService(ctx);
    svc.start();
    const ids: string[] = [];
    for (const f of ['camera/Canon_40D.jpg', 'camera/Nikon_D70.jpg', 'gps/DSCN0010.jpg']) ids.push((await importFixture(call, f)).photo.id);
    // A photo whose original vanished from disk fails on its own.
    const broken = (await importFixture(call, 'gps/DSCN0012.jpg')).photo;
    const { rmSync } = await import('node:fs');
    rmSync(path.join(ctx.dataDir, 'media', 'originals', `${broken.sha256}.jpg`));
    const { jobId } = await call('media.batchStart', { mediaIds: [...ids, broken.id], presetIds: ['ig-portrait', 'x-post', 'wa-channel'] });
    let s = await call('media.batchStatus', { jobId });
    expect(s.total).toBe(12);
    while (s.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      s = await call('media.batchStatus', { jobId });
    }
    expect(s.state).toBe('done');
    expect(s.done).toBe(12);
    expect(s.outputs).toHaveLength(9);
    expect(s.errors).toEqual([expect.objectContaining({ mediaId: broken.id, name: 'DSCN0012.jpg', reason: 'original_missing' })]);
    for (const o of s.outputs) expect(existsSync(path.join(ctx.dataDir, 'exports', s.folder, o.name))).toBe(true);
    // The whole batch as one ZIP for the browser, holding exactly the files made.
    expect(s.zipUrl).toBe(`./files/exports/${s.folder}.zip`);
    const zip = await readZip(readFileSync(path.join(ctx.dataDir, 'exports', `${s.folder}.zip`)));
    expect([...zip.keys()].sort()).toEqual(s.outputs.map((o) => o.name).sort());
    for (const o of s.outputs) expect(Buffer.from(zip.get(o.name)!).equals(readFileSync(path.join(ctx.dataDir, 'exports', s.folder, o.name)))).toBe(true);

    // A stored original damaged on disk (cut short) is named as damaged, not as a failed render.
    const damaged = (await importFixture(call, 'orientation/landscape_1.jpg')).photo;
    const stored = path.join(ctx.dataDir, 'media', 'originals', `${damaged.sha256}.jpg`);
    writeFileSync(stored, readFileSync(stored).subarray(0, 20_000));
    const third = await call('media.batchStart', { mediaIds: [ids[0], damaged.id], presetIds: ['ig-portrait'] });
    let d = await call('media.batchStatus', { jobId: third.jobId });
    while (d.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      d = await call('media.batchStatus', { jobId: third.jobId });
    }
    expect(d.outputs).toHaveLength(1);
    expect(d.errors).toEqual([expect.objectContaining({ mediaId: damaged.id, name: 'landscape_1.jpg', reason: 'original_damaged' })]);

    const many = Array.from({ length: 30 }, () => ids).flat();
    const second = await call('media.batchStart', { mediaIds: [...ids], presetIds: PRESET_IDS, options: { captionBand: true } });
    const cancelled = await call('media.batchCancel', { jobId: second.jobId });
    expect(many.length).toBe(90);
    let c = cancelled;
    while (c.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      c = await call('media.batchStatus', { jobId: second.jobId });
    }
    expect(c.state).toBe('cancelled');
    expect(c.done).toBeLessThan(c.total);
    await svc.stop();
  });
});

describe('credit metadata', () => {
  it('writes only creator, credit line and copyright (website by default, all when asked, none when not); GPS, camera and serials stay out', async () => {
    const { call, ctx } = await openApi(tempDir());
    const ws = await call('settings.get', {});
    await call('settings.update', { baseRev: ws.rev, opd: { fullName: 'Dinas Pekerjaan Umum & Penataan Ruang <Blora>' } });
    for (const f of readdirSync(path.join(FIX, 'gps'))) {
      const imported = (await importFixture(call, `gps/${f}`)).photo;
      const photo = await call('media.update', { id: imported.id, baseRev: imported.rev, patch: { credit: 'Foto: Humas DPUPR' } });
      const year = (photo.takenAt ?? photo.createdAt).slice(0, 4);
      for (const mode of [undefined, 'all', 'none'] as const) {
        const rs = await renderRenditions(ctx, photo.id, PRESET_IDS, mode ? { creditMetadata: mode } : {});
        for (const r of rs) {
          const bytes = readFileSync(r.file);
          const preset = CHANNEL_PRESETS.find((p) => p.id === r.presetId)!;
          const want = mode === 'all' || (mode === undefined && preset.channel === 'website');
          const tags = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true, ifd1: true, interop: true, makerNote: true, userComment: true, mergeOutput: false }).catch(() => undefined)) as Record<string, Record<string, unknown>> | undefined;
          if (!want) {
            expect(tags, `${f} ${r.presetId} ${mode}`).toBeUndefined();
            continue;
          }
          expect(Object.keys(tags ?? {}).sort(), `${f} ${r.presetId}`).toEqual(['dc', 'photoshop']);
          // exifr hands XMP text over with its XML entities as written.
          const unxml = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
          const dc = tags!.dc as { creator: string; rights: { lang: string; value: string } };
          expect(dc.creator).toBe('Humas DPUPR');
          expect(dc.rights.lang).toBe('x-default');
          expect(unxml(dc.rights.value)).toBe(`© ${year} Dinas Pekerjaan Umum & Penataan Ruang <Blora>`);
          expect(tags!.photoshop).toEqual({ Credit: 'Foto: Humas DPUPR' });
          const text = bytes.toString('latin1');
          expect(text).not.toMatch(/NIKON|COOLPIX|GPS|Exif\0\0/);
        }
      }
    }
  });
});
