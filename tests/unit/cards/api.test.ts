import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '@shared/domain/workspace';
import { openApi, tempDir } from '../electron/helpers';
import { sampleSlide } from './samples';
import { teamPath } from '../../team-folder';

const PHOTO = teamPath('fixtures/photos/camera/Canon_40D.jpg');

async function pixels(dataUrl: string) {
  const buf = Buffer.from(dataUrl.split(',')[1], 'base64');
  return sharp(buf).raw().toBuffer({ resolveWithObject: true });
}

describe('cards API', () => {
  it('creates, edits, previews, checks, exports and attaches a three-slide carousel with a photo', async () => {
    const { call, ctx } = await openApi(tempDir());
    const ws = await call('settings.get', {});
    await call('settings.update', { baseRev: ws.rev, opd: { fullName: 'Dinas Komunikasi dan Informatika', website: 'https://blorakab.go.id' }, brand: { hashtags: ['Blora'], handles: { instagram: 'kominfoblora' } } });
    const photo = await call('media.import', { name: 'foto.jpg', dataBase64: readFileSync(PHOTO).toString('base64') });
    const card = await call('cards.create', { template: 'sampul', name: 'Bantuan pangan' });
    const slides = [
      { ...sampleSlide('sampul', 'long', card.slides[0].id), photoId: photo.photo.id },
      sampleSlide('angka-kunci', 'long', 'k2'),
      sampleSlide('penutup', 'long', 'k3'),
    ];
    const saved = await call('cards.update', { id: card.id, baseRev: card.rev, patch: { slides, sizes: ['ig-portrait', 'ig-square', 'fb-link'] } });
    expect(saved.slides).toHaveLength(3);
    await expect(call('cards.update', { id: card.id, baseRev: card.rev, patch: { name: 'x' } })).rejects.toMatchObject({ code: 'conflict' });

    // Preview: same input, same pixels; the photo changes the pixels.
    const p1 = await call('cards.preview', { content: saved, slide: 0, sizeId: 'ig-portrait', previewWidth: 540 });
    const p2 = await call('cards.preview', { content: saved, slide: 0, sizeId: 'ig-portrait', previewWidth: 540 });
    expect(p1.image).toBe(p2.image);
    const withoutPhoto = await call('cards.preview', { content: { ...saved, slides: [{ ...saved.slides[0], photoId: null }, ...saved.slides.slice(1)] }, slide: 0, sizeId: 'ig-portrait', previewWidth: 540 });
    expect(withoutPhoto.image).not.toBe(p1.image);
    const px = await pixels(p1.image);
    expect(px.info.width).toBe(540);
    expect(px.info.height).toBe(675);

    // Contrast: white text on a pale primary colour is flagged, and the flag goes with a dark primary.
    const pale = { ...saved, colors: { ...saved.colors, primary: '#f5f0a0' } };
    const bad = await call('cards.check', { content: pale });
    expect(bad.issues.some((i) => i.code === 'contrast' && i.slide === 0)).toBe(true);
    const good = await call('cards.check', { content: saved });
    expect(good.issues.filter((i) => i.code === 'contrast')).toEqual([]);
    // A number without its source is flagged.
    const noSource = await call('cards.check', { content: { ...saved, slides: saved.slides.map((s) => ({ ...s, source: '' })) } });
    expect(noSource.issues).toContainEqual(expect.objectContaining({ code: 'missing_source', slide: 1 }));
    // Removing the alt text is flagged.
    const noAlt = await call('cards.check', { content: { ...saved, slides: saved.slides.map((s, i) => (i === 2 ? { ...s, altText: '' } : s)) } });
    expect(noAlt.issues).toContainEqual(expect.objectContaining({ code: 'missing_alt', slide: 2 }));

    const ex = await call('cards.export', { id: card.id });
    const images = ex.files.filter((f) => f.format !== 'txt');
    expect(images).toHaveLength(9);
    const names = images.map((f) => f.name);
    // Within each size the file names sort in carousel order.
    for (const size of ['ig-portrait', 'ig-square', 'fb-link']) {
      const ofSize = images.filter((f) => f.sizeId === size);
      expect(ofSize.map((f) => f.slide)).toEqual([0, 1, 2]);
      expect(ofSize.map((f) => f.name).sort()).toEqual(ofSize.map((f) => f.name));
    }
    for (const f of images) {
      const file = path.join(ctx.dataDir, 'exports', ex.folder, f.name);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([f.width, f.height]);
      expect(f.url).toBe(`./files/exports/${ex.folder}/${f.name}?download=1`);
    }
    expect(names[0]).toMatch(/^bantuan-pangan-1080x1350-01-sampul\.(png|jpg)$/);
    const txt = ex.files.find((f) => f.format === 'txt')!;
    const caption = readFileSync(path.join(ctx.dataDir, 'exports', ex.folder, txt.name), 'utf8');
    expect(caption).toContain('=== INSTAGRAM ===');
    expect(caption).toContain('#Blora');
    expect(caption).toContain('=== ALT TEXT ===');

    const post = await call('posts.create', {});
    await call('cards.attach', { id: card.id, postId: post.id });
    const after = await call('posts.get', { id: post.id });
    expect(after.media).toContainEqual(expect.objectContaining({ mediaId: card.id, role: 'card' }));
    expect((await call('cards.get', { id: card.id })).postId).toBe(post.id);
    expect((await call('cards.list', {})).items.map((c) => c.id)).toContain(card.id);
    await call('cards.trash', { id: card.id });
    expect((await call('cards.list', {})).items.map((c) => c.id)).not.toContain(card.id);
    expect((await call('cards.list', { trash: true })).items.map((c) => c.id)).toContain(card.id);
    await call('cards.restore', { id: card.id });
    expect((await call('cards.list', {})).items.map((c) => c.id)).toContain(card.id);
    expect(existsSync(path.join(ctx.dataDir, 'store'))).toBe(true);
  });

  it('exports Instagram sizes as JPEG (the Instagram API takes JPEG only), a link-size text slide as PNG and a photo-dominated one as JPEG', async () => {
    const { call, ctx } = await openApi(tempDir());
    // A detailed (noisy) photo: as PNG it would be several MB.
    const raw = Buffer.alloc(1600 * 1200 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(raw, { raw: { width: 1600, height: 1200, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    const photo = await call('media.import', { name: 'sawah.jpg', dataBase64: jpeg.toString('base64') });
    const card = await call('cards.create', { template: 'foto-keterangan', name: 'Panen' });
    await call('cards.update', { id: card.id, baseRev: card.rev, patch: { slides: [{ ...sampleSlide('foto-keterangan', 'short', card.slides[0].id), photoId: photo.photo.id }, sampleSlide('poin-poin', 'short', 'p2')], sizes: ['ig-portrait', 'fb-link'] } });
    const ex = await call('cards.export', { id: card.id });
    const [first, second, third, fourth] = ex.files;
    expect(first).toMatchObject({ format: 'jpeg', width: 1080, height: 1350 });
    expect(first.name).toMatch(/-01-foto-keterangan\.jpg$/);
    expect(second).toMatchObject({ format: 'jpeg', width: 1080, height: 1350 });
    expect(second.name).toMatch(/-02-poin-poin\.jpg$/);
    expect(third).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
    expect(fourth).toMatchObject({ format: 'png', width: 1200, height: 630 });
    expect((await sharp(path.join(ctx.dataDir, 'exports', ex.folder, first.name)).metadata()).format).toBe('jpeg');
  });

  it('keeps older workspace files readable: the brand kit gets its defaults', () => {
    const old = { id: 'workspace', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', rev: 3, opd: { fullName: '', shortName: '', logoMediaId: null, colors: { primary: '#0b5cab', secondary: '#f2a900', text: '#1c2430' }, dateline: 'BLORA', timeZone: 'WIB', website: '' }, team: [], language: 'id' };
    const ws = workspaceSchema.parse(old);
    expect(ws.brand).toMatchObject({ font: 'roboto', hashtags: [], pemdaLogoMediaId: null });
  });
});
