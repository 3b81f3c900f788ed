import { promises as fsp } from 'node:fs';
import { savePost } from '@core/posts/post-writes';
import path from 'node:path';
import { sharpLib } from '@core/files/lazy-libs';
import { ApiError } from '@shared/api/errors';
import { CARDS_PAGE, cardsContract, type CardExportResult } from '@shared/api/contracts/cards';
import { altTextOf } from '@shared/cards/alt-text';
import { captionsFor, CAPTION_CHANNELS, type CaptionPost } from '@shared/cards/captions';
import { cardSchema, cardSize, emptySlide, slideSchema, type Card, type CardContent, type CardSummary, type CardTemplate } from '@shared/cards/card';
import { checkContent, checkLayout, type CardIssue } from '@shared/cards/checks';
import { layoutSlide } from '@shared/cards/compose';
import { resolveLayout, textSummary } from '@shared/cards/layout';
import { safeFileName, slugify } from '@shared/files/safe-name';
import { emojiNames, emojiSvg, loadFamily } from './fonts';
import { loadArabic } from './arabic';
import { LogoError, prepareLogo } from './logo';
import { decodeLogo, imageLayers, logoIssue, renderSlide } from './render';
import { brandOf, renderInput, resolverOf } from './render-input';
import { importPhoto } from '@core/media/import';
import { writeFileDurable } from '@core/store/durable-file';
import { foldTerm } from '@core/store/search-index';
import { newId } from '@core/store/store';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';
import { downloadUrl } from '@shared/files/urls';

function requireCard(ctx: HandlerContext, id: string): Card {
  const c = ctx.store.collections.cards.get(id);
  if (!c) throw new ApiError('not_found', `card ${id} not found`, { params: { id } });
  return c;
}

function summary(c: Card): CardSummary {
  return { id: c.id, name: c.name, updatedAt: c.updatedAt, slides: c.slides.length, firstTemplate: c.slides[0].template, postId: c.postId };
}

/** Brand-kit logos that are set but cannot be drawn (missing or damaged file), named by their file. */
async function logoIssues(ctx: HandlerContext): Promise<CardIssue[]> {
  const ws = ctx.store.workspace;
  const resolve = resolverOf(ctx);
  const out: CardIssue[] = [];
  for (const [which, id] of [['pemda', ws.brand.pemdaLogoMediaId], ['opd', ws.opd.logoMediaId]] as const) {
    if (!id) continue;
    const src = await resolve(id);
    if (!src || !(await decodeLogo(src.file))) out.push(logoIssue(which, src?.name ?? ctx.store.collections.media.get(id)?.originalName ?? id));
  }
  return out;
}

/** Every check of a card: content checks plus the layout checks of each slide at each size (no rasterising). */
export async function checkCard(ctx: HandlerContext, content: CardContent): Promise<CardIssue[]> {
  const ws = ctx.store.workspace;
  const issues: CardIssue[] = [];
  const m = (await loadFamily(content.font)).measurer;
  const brand = brandOf(ctx);
  content.slides.forEach((_, i) => {
    for (const size of content.sizes) checkLayout(resolveLayout(layoutSlide(content, i, size, brand, m), m), i, size, issues);
  });
  checkContent(content, ws.opd.fullName || ws.opd.shortName, issues);
  return issues;
}

function newCard(ctx: HandlerContext, template: CardTemplate, name: string): Card {
  const ws = ctx.store.workspace;
  const now = ctx.store.now().toISOString();
  return cardSchema.parse({
    id: newId(),
    createdAt: now,
    updatedAt: now,
    rev: 0,
    name,
    slides: [emptySlide(newId(), template, template === 'sampul' || template === 'penutup' ? 'brand' : 'light')],
    sizes: ['ig-portrait'],
    colors: { ...ws.opd.colors, onPrimary: '#ffffff' },
    font: ws.brand.font,
    postId: null,
    captions: {},
  });
}

export const cardsHandlers: HandlersFor<typeof cardsContract> = {
  async 'cards.list'({ trash, query, offset = 0, limit = CARDS_PAGE, postId }, ctx) {
    // Bounded whatever the store holds (issue 22): one page of summaries, the filter applied here.
    const words = foldTerm(query ?? '')
      .split(/\s+/)
      .filter(Boolean);
    let trashCount = 0;
    const matching: Card[] = [];
    for (const c of ctx.store.collections.cards.all()) {
      if (c.deletedAt) trashCount++;
      if (Boolean(c.deletedAt) !== Boolean(trash)) continue;
      if (postId && c.postId !== postId) continue;
      if (words.length) {
        const name = foldTerm(c.name);
        if (!words.every((w) => name.includes(w))) continue;
      }
      matching.push(c);
    }
    // Newest change first; the id breaks ties so that pages never overlap.
    matching.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    return { items: matching.slice(offset, offset + limit).map(summary), total: matching.length, trashCount };
  },

  async 'cards.get'({ id }, ctx) {
    return requireCard(ctx, id);
  },

  async 'cards.create'({ template, name }, ctx) {
    const card = newCard(ctx, template ?? 'angka-kunci', name?.trim() || 'Kartu baru');
    await ctx.store.collections.cards.put(card);
    return card;
  },

  async 'cards.update'({ id, baseRev, patch }, ctx) {
    const cur = requireCard(ctx, id);
    if (cur.rev !== baseRev) throw new ApiError('conflict', 'card changed elsewhere', { params: { currentRev: cur.rev } });
    // Slide ids must stay unique: a duplicate (copy-paste of a slide) gets a new id.
    const seen = new Set<string>();
    const slides = patch.slides?.map((s) => {
      const v = seen.has(s.id) ? { ...s, id: newId() } : s;
      seen.add(v.id);
      return slideSchema.parse(v);
    });
    const next = cardSchema.parse({ ...cur, ...patch, ...(slides ? { slides } : {}), rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() });
    await ctx.store.collections.cards.put(next);
    return next;
  },

  async 'cards.trash'({ id }, ctx) {
    const cur = requireCard(ctx, id);
    const next = { ...cur, deletedAt: ctx.store.now().toISOString(), rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() };
    await ctx.store.collections.cards.put(next);
    return next;
  },

  async 'cards.restore'({ id }, ctx) {
    const cur = requireCard(ctx, id);
    const next = { ...cur, deletedAt: null, rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() };
    await ctx.store.collections.cards.put(next);
    return next;
  },

  async 'cards.preview'({ content, slide, sizeId, previewWidth }, ctx) {
    const sharp = await sharpLib();
    if (slide >= content.slides.length) throw new ApiError('invalid_input', 'no such slide', { params: { reason: 'no_slide' } });
    const t0 = performance.now();
    const r = await renderSlide(renderInput(ctx, content, slide, sizeId));
    const w = previewWidth ?? 540;
    const small = w < r.width ? await sharp(r.png).resize(w).png({ compressionLevel: 3 }).toBuffer() : r.png;
    return { image: `data:image/png;base64,${small.toString('base64')}`, width: r.width, height: r.height, issues: r.issues, ms: Math.round(performance.now() - t0), texts: textSummary(r.layout) };
  },

  async 'cards.previewKit'(_input, ctx) {
    const ws = ctx.store.workspace;
    const version = (id: string | null) => (id ? `${id}@${ctx.store.collections.media.get(id)?.updatedAt ?? ''}` : '-');
    return { brand: brandOf(ctx), emojiNames: emojiNames(), layersVersion: `${version(ws.opd.logoMediaId)}|${version(ws.brand.pemdaLogoMediaId)}` };
  },

  async 'cards.layers'({ content, slide, sizeId }, ctx) {
    if (slide >= content.slides.length) throw new ApiError('invalid_input', 'no such slide', { params: { reason: 'no_slide' } });
    await loadArabic();
    const input = renderInput(ctx, content, slide, sizeId);
    const m = (await loadFamily(content.font)).measurer;
    const layout = resolveLayout(layoutSlide(content, slide, sizeId, input.brand, m), m);
    return { layers: (await imageLayers(input, layout)).byKey };
  },

  async 'cards.emoji'({ names }) {
    const have = new Set(emojiNames());
    const emoji: Record<string, string> = {};
    for (const name of names) if (have.has(name)) emoji[name] = `data:image/svg+xml;base64,${Buffer.from(emojiSvg(name)).toString('base64')}`;
    return { emoji };
  },

  async 'cards.check'({ content }, ctx) {
    await loadArabic();
    return { issues: [...(await logoIssues(ctx)), ...(await checkCard(ctx, content))] };
  },

  async 'cards.export'({ id }, ctx) {
    const sharp = await sharpLib();
    const card = requireCard(ctx, id);
    const ws = ctx.store.workspace;
    const slug = slugify(card.name) || 'kartu';
    const stamp = ctx.store.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const folder = safeFileName(`kartu-${slug}-${stamp}`);
    const dir = path.join(ctx.dataDir, 'exports', folder);
    await fsp.mkdir(dir, { recursive: true });
    const files: CardExportResult['files'] = [];
    const url = (name: string) => downloadUrl('exports', folder, name);
    for (const sizeId of card.sizes) {
      const { width, height } = cardSize(sizeId);
      for (let i = 0; i < card.slides.length; i++) {
        const instagram = sizeId !== 'fb-link';
        const r = await renderSlide({ ...renderInput(ctx, card, i, sizeId), jpeg: instagram });
        // Instagram's content publishing API takes JPEG only (developers.facebook.com/docs/instagram-platform/
        // instagram-graph-api/reference/ig-user/media: "image_url … JPEG is the only image format supported"),
        // so Instagram sizes are JPEG; elsewhere photo-heavy slides, which compress badly as PNG.
        const jpeg = instagram || (r.photoShare > 0.4 && r.png.length > 1_000_000);
        const data = r.jpeg ?? (jpeg ? await sharp(r.png).flatten({ background: '#ffffff' }).jpeg({ quality: 92, chromaSubsampling: '4:4:4', optimiseCoding: true }).toBuffer() : r.png);
        // Size first, then slide number: the files of one size sort in carousel order.
        const name = safeFileName(`${slug}-${width}x${height}-${String(i + 1).padStart(2, '0')}-${card.slides[i].template}.${jpeg ? 'jpg' : 'png'}`);
        await writeFileDurable(path.join(dir, name), data);
        files.push({ name, sizeId, slide: i, width, height, format: jpeg ? 'jpeg' : 'png', bytes: data.length, url: url(name) });
      }
    }
    const post = card.postId ? ctx.store.posts.get(card.postId) : undefined;
    // Same inputs as the editor's caption drafts, so the .txt says what the user saw.
    const captionPost: CaptionPost | null = post ? { title: post.title, lead: post.lead, url: null } : null;
    const drafted = captionsFor({ card, post: captionPost, brand: ws.brand, website: ws.opd.website });
    const opdName = ws.opd.fullName || ws.opd.shortName;
    const txt = [
      ...CAPTION_CHANNELS.map((ch) => `=== ${ch.toUpperCase()} ===\n${card.captions[ch] ?? drafted[ch]}\n`),
      '=== ALT TEXT ===',
      ...card.slides.map((s, i) => `${i + 1}. ${altTextOf(s, opdName, i)}`),
      '',
    ].join('\n');
    const txtName = safeFileName(`${slug}-keterangan.txt`);
    const txtData = new TextEncoder().encode(txt.replace(/\n/g, '\r\n'));
    await writeFileDurable(path.join(dir, txtName), txtData);
    files.push({ name: txtName, sizeId: card.sizes[0], slide: 0, width: 1, height: 1, format: 'txt', bytes: txtData.length, url: url(txtName) });
    const next = cardSchema.parse({
      ...card,
      lastExport: { at: ctx.store.now().toISOString(), folder, files: files.map(({ url: _u, ...f }) => f) },
      rev: card.rev + 1,
      updatedAt: ctx.store.now().toISOString(),
    });
    await ctx.store.collections.cards.put(next);
    return { folder, files };
  },

  async 'cards.importLogo'({ name, dataBase64 }, ctx) {
    let png: Buffer;
    try {
      png = (await prepareLogo(Buffer.from(dataBase64, 'base64'))).png;
    } catch (e) {
      if (e instanceof LogoError) throw new ApiError('invalid_input', `logo ${name}: ${e.message}`, { params: { reason: `logo_${e.reason}`, name } });
      throw e;
    }
    return importPhoto(ctx, `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.png`, png);
  },

  async 'cards.attach'({ id, postId }, ctx) {
    const card = requireCard(ctx, id);
    const ws = ctx.store.workspace;
    const post = ctx.store.posts.get(postId);
    if (!post || post.deletedAt) throw new ApiError('not_found', `post ${postId} not found`, { params: { id: postId } });
    if (!post.media.some((m) => m.role === 'card' && m.mediaId === card.id)) {
      // A card is part of the post's reviewed media: attaching it after approval sends the post back to review.
      await savePost(ctx, post, { media: [...post.media, { mediaId: card.id, role: 'card', caption: altTextOf(card.slides[0], ws.opd.fullName || ws.opd.shortName).slice(0, 1000) }] }, { reason: 'edit' });
    }
    // As it is now: the card may have been edited while the post was saved.
    const cur = ctx.store.collections.cards.get(card.id) ?? card;
    if (cur.postId !== postId) {
      await ctx.store.collections.cards.put(cardSchema.parse({ ...cur, postId, rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() }));
    }
    return { postId, mediaId: card.id };
  },
};
