import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '@shared/api/errors';
import type { Channel } from '@shared/domain/post';
import type { JobMedia } from '@shared/publishing/job';
import type { Post } from '@shared/domain/post';
import { altTextOf } from '@shared/cards/alt-text';
import { cardSize, type Card } from '@shared/cards/card';
import { candidateOrder, cardSizeFor, cardSlideRef, parseCardSlideRef, type MediaCandidate } from '@shared/publishing/media-choice';
import { CHANNEL_PRESET } from '@shared/publishing/variants';
import { sharpLib } from '@core/files/lazy-libs';
import { renderSlide } from '@core/cards/render';
import { renderInput } from '@core/cards/render-input';
import type { HandlerContext } from '@core/deps';
import { mediaPaths } from '@core/media/paths';
import { renderRendition } from '@core/media/renditions';
import { writeFileDurable } from '@core/store/durable-file';
import { knownImageTypes, pickWebsiteFile, websiteFormats, type WebsiteImageMime } from '@shared/publishing/site-images';
import { connectionFor } from './jobs';
import { outboxDir } from './outbox';
import { fileUrl } from '@shared/files/urls';

/**
 * Render one photo for one channel (the photo desk's preset) and snapshot it
 * into <dataDir>/outbox/<sha256>.<ext>. The job keeps this snapshot, so what was
 * approved is what goes out even if the photo is edited later; the content
 * hash is also how channels deduplicate uploads. The website gets the
 * smallest of MozJPEG, WebP and AVIF at the same look among the types its
 * WordPress takes, with a JPEG of the same picture beside any other type,
 * for a site that refuses it after all.
 */
export async function materialise(ctx: HandlerContext, mediaId: string, channel: Channel): Promise<JobMedia> {
  const slideRef = parseCardSlideRef(mediaId);
  if (slideRef) return materialiseCardSlide(ctx, slideRef, channel);
  const photo = ctx.store.collections.media.get(mediaId);
  if (!photo || photo.deletedAt) throw new ApiError('not_found', `photo ${mediaId} not found`, { params: { id: mediaId, reason: 'photo_missing' } });
  const r = await renderRendition(ctx, mediaId, CHANNEL_PRESET[channel]);
  const ext = r.format === 'png' ? 'png' : 'jpg';
  const main = await snapshotFile(ctx, r.file, ext);
  const caption = [photo.caption.trim(), photo.credit.trim() && `Foto: ${photo.credit.trim()}`].filter(Boolean).join(' ');
  const base = { width: r.width, height: r.height, alt: photo.altText.slice(0, 500), caption: caption.slice(0, 1000) };
  if (channel === 'website' && r.format === 'jpeg') {
    // What the OPD's WordPress takes (asked by Tes koneksi, corrected by refusals): see shared/publishing/site-images.ts.
    const site = connectionFor(ctx, 'website');
    const wanted = websiteFormats(site ? knownImageTypes(site) : null);
    const candidates: (Snapshot & { mime: WebsiteImageMime })[] = [{ ...main, mime: 'image/jpeg' }];
    for (const format of ['webp', 'avif'] as const) {
      if (!wanted[format]) continue;
      const w = await renderRendition(ctx, mediaId, CHANNEL_PRESET[channel], { [format]: true });
      candidates.push({ ...(await snapshotFile(ctx, w.file, format)), mime: `image/${format}` });
    }
    // The smallest at the same look; a picture WebP or AVIF cannot make smaller (flat graphics, tiny photos) stays JPEG.
    const chosen = pickWebsiteFile(candidates, site ? knownImageTypes(site) : null);
    if (chosen.mime !== 'image/jpeg') return { ...chosen, ...base, fallback: { ...main, mime: 'image/jpeg' } };
  }
  return { ...main, mime: ext === 'png' ? 'image/png' : 'image/jpeg', ...base };
}

type Snapshot = { sha256: string; file: string; bytes: number };

/** A rendition copied into the outbox under its content hash. */
async function snapshotFile(ctx: HandlerContext, file: string, ext: string): Promise<Snapshot> {
  const data = await fsp.readFile(file);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const name = `${sha256}.${ext}`;
  await snapshot(ctx, name, data);
  return { sha256, file: name, bytes: data.length };
}

/** Write the outbox copy once: its name is its content hash. */
async function snapshot(ctx: HandlerContext, file: string, data: Uint8Array): Promise<void> {
  const dir = outboxDir(ctx.dataDir);
  const target = path.join(dir, file);
  await fsp.mkdir(dir, { recursive: true });
  try {
    await fsp.access(target);
  } catch {
    await writeFileDurable(target, data);
  }
}

function liveCard(ctx: HandlerContext, cardId: string): Card | null {
  const card = ctx.store.collections.cards.get(cardId);
  return card && !card.deletedAt ? card : null;
}

/**
 * One card slide rendered for one channel at the card size that channel gets
 * (cardSizeFor), always JPEG: Instagram's content publishing API takes JPEG
 * only, and one format keeps the snapshot the same for every channel.
 */
async function materialiseCardSlide(ctx: HandlerContext, ref: { cardId: string; slideId: string }, channel: Channel): Promise<JobMedia> {
  const sharp = await sharpLib();
  const card = liveCard(ctx, ref.cardId);
  const index = card ? card.slides.findIndex((s) => s.id === ref.slideId) : -1;
  if (!card || index < 0) throw new ApiError('not_found', `card slide ${ref.cardId}/${ref.slideId} not found`, { params: { id: ref.cardId, reason: 'card_missing' } });
  const r = await renderSlide({ ...renderInput(ctx, card, index, cardSizeFor(channel, card.sizes)), jpeg: true });
  const data = r.jpeg ?? (await sharp(r.png).flatten({ background: '#ffffff' }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer());
  const sha256 = createHash('sha256').update(data).digest('hex');
  const file = `${sha256}.jpg`;
  await snapshot(ctx, file, data);
  const ws = ctx.store.workspace;
  return {
    sha256,
    file,
    mime: 'image/jpeg',
    bytes: data.length,
    width: r.width,
    height: r.height,
    alt: altTextOf(card.slides[index], ws.opd.fullName || ws.opd.shortName, index).slice(0, 500),
    caption: '',
  };
}

/** Small preview of a card slide for the variant editor, cached by what it is drawn from (card rev, slide, brand). */
async function cardSlidePreview(ctx: HandlerContext, card: Card, index: number): Promise<string> {
  const sharp = await sharpLib();
  const ws = ctx.store.workspace;
  const sizeId = cardSizeFor('instagram', card.sizes);
  const key = createHash('sha256').update(JSON.stringify([card.id, card.rev, card.updatedAt, card.slides[index].id, sizeId, ws.brand, ws.opd])).digest('hex').slice(0, 40);
  const name = `card-${key}.jpg`;
  const file = path.join(mediaPaths(ctx.dataDir).previews, name);
  try {
    await fsp.access(file);
  } catch {
    const r = await renderSlide({ ...renderInput(ctx, card, index, sizeId), jpeg: true });
    const small = await sharp(r.jpeg ?? r.png).resize(360).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await writeFileDurable(file, small);
  }
  return fileUrl('previews', name);
}

/**
 * Everything a channel variant of this post may send, keyed by ref, and the
 * order they are offered in: the article's photos, photos linked to the post
 * on the photo desk, and each slide of the cards attached to it.
 */
export async function mediaCandidates(ctx: HandlerContext, post: Post, alsoIds: readonly string[] = []): Promise<{ order: string[]; byId: Record<string, MediaCandidate> }> {
  const photos = ctx.store.collections.media.all().filter((m) => !m.deletedAt);
  const linked = photos.filter((m) => m.postIds.includes(post.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((m) => m.id);
  const cardIds = [...new Set([...post.media.filter((m) => m.role === 'card').map((m) => m.mediaId), ...ctx.store.collections.cards.all().filter((c) => c.postId === post.id).map((c) => c.id)])];
  const cards = cardIds.map((id) => liveCard(ctx, id)).filter((c): c is Card => c !== null);
  const slideRefs = cards.flatMap((c) => c.slides.map((s) => cardSlideRef(c.id, s.id)));
  const order = candidateOrder(post, linked, slideRefs);
  const byId: Record<string, MediaCandidate> = {};
  for (const id of new Set([...order, ...alsoIds])) {
    const p = ctx.store.collections.media.get(id);
    if (p && !p.deletedAt) byId[id] = { id, kind: 'photo', width: p.width, height: p.height, altText: p.altText, caption: p.caption, sha256: p.sha256 };
  }
  const ws = ctx.store.workspace;
  for (const card of cards) {
    for (let i = 0; i < card.slides.length; i++) {
      const id = cardSlideRef(card.id, card.slides[i].id);
      const size = cardSizeFor('instagram', card.sizes);
      let imageUrl: string | undefined;
      try {
        imageUrl = await cardSlidePreview(ctx, card, i);
      } catch (err) {
        // A preview that cannot be drawn leaves the slide choosable; sending renders it again and reports there.
        ctx.log(`card preview ${card.id}/${i}`, err);
      }
      const dims = cardSize(size);
      byId[id] = {
        id,
        kind: 'card',
        width: dims.width,
        height: dims.height,
        altText: altTextOf(card.slides[i], ws.opd.fullName || ws.opd.shortName, i),
        caption: '',
        sha256: '',
        card: { sizes: [...card.sizes], name: card.name, slide: i + 1, slides: card.slides.length },
        imageUrl,
      };
    }
  }
  return { order: order.filter((id) => byId[id]), byId };
}
