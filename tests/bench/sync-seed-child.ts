/**
 * Seeds the bench hub with a scaled OPD-year (issue 13): `<hubUrl> <db> <posts> <comments> <photos>`.
 * Runs in its own process so that the receiving PC's CPU and memory are measured alone.
 * Prints one JSON line: the photo's size and bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { previewAndThumb } from '@core/media/import';
import { PouchDB } from '@core/sync/pouch';
import { docIdOf } from '@shared/sync/mapping';
import { teamPath } from '../team-folder';

const [hubUrl, dbName, posts, comments, photos] = process.argv.slice(2);
const nPosts = Number(posts);
const nComments = Number(comments);
const nPhotos = Number(photos);
const PARA = 'Bupati Blora Arief Rohman meminta setiap OPD aktif menginformasikan kegiatan dinasnya di media sosial maupun website, Kamis (25/8/2022). ';
const at = new Date('2026-01-01T00:00:00Z').toISOString();
const seed = { src: 'seed', by: { id: null, name: 'Seed' } };

async function main(): Promise<void> {
  const hub = new PouchDB(`${hubUrl}/${dbName}`);
  const put = async (docs: object[]) => {
    const res = await hub.bulkDocs(docs as never);
    const failed = res.find((r) => 'error' in r && r.error);
    if (failed) throw new Error(`seed refused: ${JSON.stringify(failed)}`);
  };
  let batch: object[] = [];
  const add = async (doc: object, every = 200) => {
    batch.push(doc);
    if (batch.length >= every) {
      await put(batch);
      batch = [];
    }
  };
  for (let i = 0; i < nPosts; i++) {
    await add({
      _id: docIdOf('posts', `p${i}`),
      type: 'posts',
      ...seed,
      data: { id: `p${i}`, createdAt: at, updatedAt: at, title: `Berita ${i}`, dateline: 'BLORA', eventDate: null, lead: PARA, bodyMd: PARA.repeat(25), category: 'Kegiatan', tags: [], infoClass: 'berkala', template: null, authorId: null, authorCredit: '', editorCredit: '', photoCredits: '', media: [], channelVariants: [], dismissedFindings: [], status: 'draft', deletedAt: null },
    });
  }
  for (let i = 0; i < nComments; i++) {
    await add({
      _id: docIdOf('reviewComments', `c${i}`),
      type: 'reviewComments',
      ...seed,
      data: { id: `c${i}`, createdAt: at, updatedAt: at, postId: `p${i % nPosts}`, parentId: null, anchor: null, body: `Komentar ${i}: mohon dicek lagi kutipannya.`, author: { id: null, name: 'Budi' }, resolved: false, resolvedBy: null, resolvedAt: null },
    });
  }
  if (batch.length) await put(batch);
  batch = [];
  // A real photo as it travels (2560 px, JPEG q90, no metadata); each copy made distinct by bytes after the image's end, as different photos are.
  const image = await sharp(readFileSync(teamPath('fixtures/photos/camera/jolla.jpg'))).rotate().resize(2560, 2560, { fit: 'inside' }).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
  const meta = await sharp(image).metadata();
  // With the desk's preview and thumbnail, as a sending PC puts them beside the image.
  const desk = process.env.REDAKSI_BENCH_SYNC_NO_DESK ? null : await previewAndThumb(sharp(image));
  for (let i = 0; i < nPhotos; i++) {
    const data = Buffer.concat([image, Buffer.from(`photo-${i}`)]);
    const sha256 = createHash('sha256').update(data).digest('hex');
    // Small batches: each photo is about 1 MB on the wire.
    await add(
      {
        _id: docIdOf('media', `f${i}`),
        type: 'media',
        ...seed,
        data: { id: `f${i}`, createdAt: at, updatedAt: at, sha256, originalName: `foto-${i}.jpg`, ext: '.jpg', width: meta.width, height: meta.height, format: 'jpeg', bytes: data.length, takenAt: null, cameraMake: null, cameraModel: null, hasGps: false, caption: `Kegiatan ${i}`, credit: 'Humas', altText: '', tags: [], postIds: [`p${i % nPosts}`], focal: null, autoFocal: null, crops: {}, deletedAt: null },
        _attachments: {
          original: { content_type: 'image/jpeg', data },
          ...(desk ? { preview: { content_type: 'image/jpeg', data: desk.preview }, thumb: { content_type: 'image/webp', data: desk.thumb } } : {}),
        },
      },
      20,
    );
  }
  if (batch.length) await put(batch);
  console.log(JSON.stringify({ width: meta.width, height: meta.height, kb: image.length / 1024 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
