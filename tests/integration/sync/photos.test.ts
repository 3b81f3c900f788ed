import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { mediaPaths } from '@core/media/paths';
import { docIdOf } from '@shared/sync/mapping';
import { sampleSlide } from '../../unit/cards/samples';
import { teamPath } from '../../team-folder';
import { closedAfterEach, openPc, TestHub, until, type Pc } from './hub';

/**
 * Photos over sync (issue 13): a photo imported on PC A arrives on PC B
 * with its image, as an attachment that is at most 2560 px and carries no
 * metadata (no GPS, no EXIF); B keeps it as the photo's original, and its
 * renditions, cards and posts work there. Edits made on two PCs at once:
 * the later one wins and the overwritten values are kept in history.
 */

const FIX = teamPath('fixtures/photos');
const OPD = 'opd-dinkominfo';
const b64 = (rel: string) => readFileSync(path.join(FIX, rel)).toString('base64');

const opened = closedAfterEach();

async function pixels(dataUrl: string) {
  return sharp(Buffer.from(dataUrl.split(',')[1], 'base64')).raw().toBuffer();
}

describe('photos over sync', () => {
  it('a photo imported on A arrives on B with a metadata-free image of at most 2560 px; renditions, cards and posts work on B', async () => {
    const hub = (opened.hub = new TestHub());
    const [a, b] = [await openPc(hub), await openPc(hub)];
    opened.pcs = [a, b];
    const gps = (await a.call('media.import', { name: 'DSCN0010.jpg', dataBase64: b64('gps/DSCN0010.jpg') })).photo;
    const big = (await a.call('media.import', { name: 'jolla.jpg', dataBase64: b64('camera/jolla.jpg') })).photo;
    const turned = (await a.call('media.import', { name: 'portrait_6.jpg', dataBase64: b64('orientation/portrait_6.jpg') })).photo;
    expect(gps.hasGps).toBe(true);
    expect(Math.max(big.width, big.height)).toBeGreaterThan(2560);
    const captioned = await a.call('media.update', { id: gps.id, baseRev: gps.rev, patch: { caption: 'Pelantikan pejabat', credit: 'Humas', altText: 'Pejabat berdiri di podium' } });
    const post = await a.call('posts.create', { content: { title: 'Pelantikan', lead: 'Bupati melantik pejabat.' } });
    const withPhoto = await a.call('posts.update', { id: post.id, baseRev: post.rev, patch: { media: [{ mediaId: gps.id, role: 'featured', caption: '' }] } });
    const card = await a.call('cards.create', { template: 'sampul', name: 'Pelantikan' });
    const slides = [{ ...sampleSlide('sampul', 'long', card.slides[0].id), photoId: gps.id }];
    await a.call('cards.update', { id: card.id, baseRev: card.rev, patch: { slides } });

    // What the hub holds: the image, small enough, without any metadata.
    await until(async () => (await hub.db(OPD).allDocs({ keys: [gps.id, big.id, turned.id].map((id) => docIdOf('media', id)) })).rows.every((r) => r.value && !r.value.deleted), 'the photos on the hub', 30_000);
    for (const p of [gps, big, turned]) {
      const doc = await hub.db(OPD).get(docIdOf('media', p.id));
      expect(doc._attachments?.original?.content_type).toBe('image/jpeg');
      const img = await hub.db(OPD).getAttachment(docIdOf('media', p.id), 'original');
      const meta = await sharp(img).metadata();
      expect(meta.exif, `${p.originalName}: no EXIF`).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(await exifr.gps(img).catch(() => undefined), `${p.originalName}: no GPS`).toBeUndefined();
      // Upright and at most 2560 px, the aspect of the photo kept.
      expect(Math.max(meta.width!, meta.height!)).toBe(Math.min(2560, Math.max(p.width, p.height)));
      expect(meta.width! > meta.height!).toBe(p.width > p.height);
    }
    expect(JSON.stringify(await hub.db(OPD).get(docIdOf('media', gps.id)))).not.toMatch(/latitude|longitude|GPSLat/i);
    // Beside the image, the desk's preview and thumbnail travel too (made at import, without metadata), so B decodes nothing.
    for (const p of [gps, big, turned]) {
      const id = docIdOf('media', p.id);
      const doc = await hub.db(OPD).get(id);
      expect(doc._attachments?.preview?.content_type).toBe('image/jpeg');
      expect(doc._attachments?.thumb?.content_type).toBe('image/webp');
      for (const name of ['preview', 'thumb']) {
        const m = await sharp(await hub.db(OPD).getAttachment(id, name)).metadata();
        expect(m.exif, `${p.originalName} ${name}: no EXIF`).toBeUndefined();
        expect(m.xmp).toBeUndefined();
      }
    }

    // B: the records with their texts, the image kept as the original, the desk's preview and thumbnail.
    await until(() => [gps, big, turned].every((p) => b.core.store.collections.media.get(p.id)) && b.core.store.posts.get(post.id)?.media.length === 1 && Boolean(b.core.store.collections.cards.get(card.id)), 'photos, post and card on B', 30_000);
    const onB = await b.call('media.get', { id: gps.id });
    expect(onB).toMatchObject({ caption: captioned.caption, credit: 'Humas', altText: captioned.altText, sha256: gps.sha256, width: gps.width, height: gps.height, hasGps: true });
    const dirs = mediaPaths(b.dir);
    for (const p of [gps, big, turned]) {
      expect(existsSync(path.join(dirs.originals, p.sha256 + p.ext))).toBe(true);
      expect(existsSync(path.join(dirs.previews, `${p.sha256}.jpg`))).toBe(true);
      expect(existsSync(path.join(dirs.thumbs, `${p.sha256}.webp`))).toBe(true);
    }
    expect((await b.call('media.list', {})).items.map((p) => p.id).sort()).toEqual([gps.id, big.id, turned.id].sort());
    // Kept as they came: the same bytes as the hub's.
    expect(readFileSync(path.join(dirs.previews, `${big.sha256}.jpg`)).equals(await hub.db(OPD).getAttachment(docIdOf('media', big.id), 'preview'))).toBe(true);

    // Renditions are made on B, on demand, from the image that came: the same sizes as on A.
    for (const p of [gps, big, turned]) {
      const r = await b.call('media.render', { id: p.id, presetId: 'ig-portrait' });
      const onA = await a.call('media.render', { id: p.id, presetId: 'ig-portrait' });
      expect([r.width, r.height]).toEqual([onA.width, onA.height]);
      expect(r.width / r.height).toBeCloseTo(1080 / 1350, 2);
      const file = path.join(b.dir, 'media', 'renditions', path.basename(r.url));
      const m = await sharp(readFileSync(file)).metadata();
      expect(m.exif).toBeUndefined();
    }
    const wide = await b.call('media.render', { id: big.id, presetId: 'ig-portrait' });
    expect([wide.width, wide.height, wide.tooSmall]).toEqual([1080, 1350, false]);

    // The post and the card that use the photo work on B.
    expect(b.core.store.posts.get(post.id)!.media).toEqual(withPhoto.media);
    const cardOnB = await b.call('cards.get', { id: card.id });
    const shown = await b.call('cards.preview', { content: cardOnB, slide: 0, sizeId: 'ig-portrait', previewWidth: 270 });
    const none = await b.call('cards.preview', { content: { ...cardOnB, slides: [{ ...cardOnB.slides[0], photoId: null }] }, slide: 0, sizeId: 'ig-portrait', previewWidth: 270 });
    expect(Buffer.compare(await pixels(shown.image), await pixels(none.image))).not.toBe(0);
    const ex = await b.call('cards.export', { id: card.id });
    expect(ex.files.filter((f) => f.format !== 'txt').length).toBeGreaterThan(0);
  }, 120_000);

  it('photo texts edited on two PCs at once: the later edit wins everywhere, the overwritten values are kept in history', async () => {
    const hub = (opened.hub = new TestHub());
    const [a, b] = [await openPc(hub), await openPc(hub)];
    opened.pcs = [a, b];
    const photo = (await a.call('media.import', { name: 'DSCN0012.jpg', dataBase64: b64('gps/DSCN0012.jpg') })).photo;
    await until(() => Boolean(b.core.store.collections.media.get(photo.id)), 'the photo on B', 30_000);
    await a.engine.idle();
    await b.engine.idle();

    a.link.setOnline(false);
    b.link.setOnline(false);
    const onA = a.core.store.collections.media.require(photo.id);
    await a.call('media.update', { id: photo.id, baseRev: onA.rev, patch: { caption: 'Keterangan dari A', tags: ['rapat'] } });
    await new Promise((r) => setTimeout(r, 20));
    const onB = b.core.store.collections.media.require(photo.id);
    const later = await b.call('media.update', { id: photo.id, baseRev: onB.rev, patch: { caption: 'Keterangan dari B', credit: 'Humas B' } });
    await a.engine.idle();
    await b.engine.idle();
    a.link.setOnline(true);
    b.link.setOnline(true);

    const settled = (pc: Pc) => {
      const p = pc.core.store.collections.media.get(photo.id);
      return p?.caption === 'Keterangan dari B' && (p.history?.length ?? 0) > 0;
    };
    await until(() => settled(a) && settled(b), 'the later caption on both PCs', 30_000);
    await until(async () => !(await hub.db(OPD).get(docIdOf('media', photo.id), { conflicts: true }))._conflicts?.length, 'one version on the hub');
    for (const pc of [a, b]) {
      const p = pc.core.store.collections.media.require(photo.id);
      // The later edit's fields, plus the change only A made (its tag).
      expect(p).toMatchObject({ caption: 'Keterangan dari B', credit: 'Humas B', tags: ['rapat'] });
      expect(p.history).toEqual([{ at: expect.any(String), values: { caption: 'Keterangan dari A' } }]);
      expect(p.history![0].at < later.updatedAt).toBe(true);
    }
    // The image stays with the merged version.
    const doc = await hub.db(OPD).get(docIdOf('media', photo.id));
    expect(doc._attachments?.original).toBeDefined();
  }, 120_000);

  it('a photo that comes without a preview, or with one that is not an image, gets its preview and thumbnail made on the receiving PC', async () => {
    const hub = (opened.hub = new TestHub());
    const a = await openPc(hub);
    opened.pcs = [a];
    const photo = (await a.call('media.import', { name: 'DSCN0012.jpg', dataBase64: b64('gps/DSCN0012.jpg') })).photo;
    const sent = docIdOf('media', photo.id);
    await until(async () => Boolean((await hub.db(OPD).get(sent).catch(() => null))?._attachments?.thumb), 'the photo on the hub', 30_000);
    const doc = await hub.db(OPD).get(sent);
    const original = await hub.db(OPD).getAttachment(sent, 'original');
    // As an older PC sent them: the image only; and one whose preview and thumbnail are not images.
    const copy = (id: string, extra: Record<string, { content_type: string; data: Buffer }>) => ({
      _id: docIdOf('media', id),
      type: 'media',
      src: doc.src,
      by: doc.by,
      data: { ...(doc.data as Record<string, unknown>), id, sha256: createHash('sha256').update(id).digest('hex') },
      _attachments: { original: { content_type: 'image/jpeg', data: original }, ...extra },
    });
    await hub.db(OPD).bulkDocs([
      copy('from-older-pc', {}),
      copy('bad-preview', { preview: { content_type: 'image/jpeg', data: Buffer.from('not an image') }, thumb: { content_type: 'image/webp', data: original } }),
    ]);

    const b = await openPc(hub);
    opened.pcs.push(b);
    const ids = [photo.id, 'from-older-pc', 'bad-preview'];
    await until(() => ids.every((id) => b.core.store.collections.media.get(id)), 'the photos on B', 30_000);
    const dirs = mediaPaths(b.dir);
    const files = (id: string) => {
      const sha = b.core.store.collections.media.require(id).sha256;
      return [path.join(dirs.previews, `${sha}.jpg`), path.join(dirs.thumbs, `${sha}.webp`)];
    };
    // Made in the background, after the records.
    await until(() => ids.every((id) => files(id).every((f) => existsSync(f))), 'previews and thumbnails on B', 30_000);
    for (const id of ids.slice(1)) {
      const [preview, thumb] = files(id);
      const pm = await sharp(readFileSync(preview)).metadata();
      const tm = await sharp(readFileSync(thumb)).metadata();
      expect([pm.format, tm.format]).toEqual(['jpeg', 'webp']);
      expect(Math.max(tm.width!, tm.height!)).toBeLessThanOrEqual(320);
      expect(pm.width! / pm.height!).toBeCloseTo(photo.width / photo.height, 1);
    }
    // The photo's image is kept, and renditions are made from it.
    const onA = await a.call('media.render', { id: photo.id, presetId: 'ig-portrait' });
    const onB = await b.call('media.render', { id: 'bad-preview', presetId: 'ig-portrait' });
    expect([onB.width, onB.height]).toEqual([onA.width, onA.height]);
  }, 120_000);
});
