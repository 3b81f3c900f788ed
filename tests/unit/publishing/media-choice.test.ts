/**
 * Channel variants choose their media: photos of the article, photos linked
 * to the post on the photo desk ("Terkait berita") and slides of attached
 * cards, in the order the admin sets; the Instagram carousel is built from
 * them in that order. The Instagram side runs against a local server that
 * follows the Graph API content publishing protocol
 * (developers.facebook.com/docs/instagram-platform/content-publishing/:
 * one container per carousel item with is_carousel_item, then a CAROUSEL
 * container with `children` in order, then media_publish).
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import { defaultPublishers } from '@core/publishing/jobs';
import type { Post } from '@shared/domain/post';
import { candidateOrder, cardSizeFor, cardSlideRef, chosenMedia, moveChoice, parseCardSlideRef, plannedMedia, type MediaCandidate } from '@shared/publishing/media-choice';
import { checkVariant } from '@shared/publishing/variants';
import { openApi, tempDir } from '../electron/helpers';
import { teamPath } from '../../team-folder';
import { sampleSlide } from '../cards/samples';

type Api = Awaited<ReturnType<typeof openApi>>;

describe('media choice (pure)', () => {
  it('card slide refs round-trip and reject anything else', () => {
    const ref = cardSlideRef('c-1', 's_2');
    expect(parseCardSlideRef(ref)).toEqual({ cardId: 'c-1', slideId: 's_2' });
    for (const bad of ['c-1', 'card:c-1', 'card::s', 'card:a/b:c', 'card:a:b:c', 'photo:a:b']) expect(parseCardSlideRef(bad)).toBeNull();
  });

  it('a channel gets the card size that suits it among the designed ones', () => {
    expect(cardSizeFor('instagram', ['fb-link', 'ig-portrait'])).toBe('ig-portrait');
    expect(cardSizeFor('website', ['ig-portrait', 'fb-link'])).toBe('fb-link');
    expect(cardSizeFor('instagram', ['ig-story'])).toBe('ig-story');
    expect(cardSizeFor('x', ['ig-square', 'ig-portrait'])).toBe('ig-square');
  });

  it('offers the article photos (featured first), then linked photos, then card slides, once each', () => {
    const post = { media: [{ mediaId: 'p2', role: 'inline', caption: '' }, { mediaId: 'c1', role: 'card', caption: '' }, { mediaId: 'p1', role: 'featured', caption: '' }] } as Pick<Post, 'media'>;
    expect(candidateOrder(post, ['p3', 'p1'], ['card:c1:a', 'card:c1:b'])).toEqual(['p1', 'p2', 'p3', 'card:c1:a', 'card:c1:b']);
  });

  it('moves a choice a step at a time and keeps the others in order', () => {
    expect(moveChoice(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveChoice(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveChoice(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveChoice(['a'], 'zz', 1)).toEqual(['a']);
  });

  it('a card slide is planned at its card size as JPEG; a chosen item that is gone drops out', () => {
    const card: MediaCandidate = { id: 'card:c:s', kind: 'card', width: 1080, height: 1350, altText: 'Infografis', caption: '', sha256: '', card: { sizes: ['ig-portrait', 'fb-link'], name: 'K', slide: 1, slides: 1 } };
    expect(plannedMedia('instagram', card)).toMatchObject({ width: 1080, height: 1350, mime: 'image/jpeg' });
    expect(plannedMedia('website', card)).toMatchObject({ width: 1200, height: 630 });
    expect(chosenMedia(['gone', 'card:c:s', 'card:c:s'], { 'card:c:s': card }).map((m) => m.id)).toEqual(['card:c:s']);
  });

  it('Instagram: at most 10 items; a different shape than the first is warned about', () => {
    const portrait = { width: 1080, height: 1350, mime: 'image/jpeg', bytes: null, alt: 'a' };
    const square = { ...portrait, height: 1080 };
    const eleven = checkVariant('instagram', 'Teks', Array.from({ length: 11 }, () => portrait));
    expect(eleven.ok).toBe(false);
    expect(eleven.findings.map((f) => f.code)).toContain('carousel_too_many');
    expect(checkVariant('instagram', 'Teks', Array.from({ length: 10 }, () => portrait)).ok).toBe(true);
    const mixed = checkVariant('instagram', 'Teks', [portrait, square]);
    expect(mixed.ok).toBe(true);
    expect(mixed.findings).toContainEqual(expect.objectContaining({ level: 'warning', code: 'carousel_mixed_aspect', params: { n: 2 } }));
  });
});

/** A WordPress media endpoint and an Instagram Graph API account, in memory, recording what arrives. */
function fakeChannels() {
  const uploads: { id: number; bytes: Buffer; slug: string }[] = [];
  const containers: Record<string, { image_url?: string; children?: string; media_type?: string; caption?: string }> = {};
  let next = 100;
  const published: string[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.host === 'dinkes.example.go.id') {
      if (url.pathname === '/wp-json/wp/v2/media' && method === 'GET') {
        const slug = url.searchParams.get('slug');
        const hit = uploads.find((u) => u.slug === slug);
        return json(hit ? [{ id: hit.id, source_url: `https://dinkes.example.go.id/up/${hit.slug}.jpg`, alt_text: '', caption: { raw: '' } }] : []);
      }
      if (url.pathname === '/wp-json/wp/v2/media' && method === 'POST') {
        const slug = url.searchParams.get('slug')!;
        const id = next++;
        uploads.push({ id, bytes: Buffer.from(init!.body as Uint8Array), slug });
        return json({ id, source_url: `https://dinkes.example.go.id/up/${slug}.jpg` }, 201);
      }
      return json({ code: 'rest_no_route' }, 404);
    }
    // graph.example.test/v21.0/...
    const p = url.pathname.replace(/^\/v21\.0/, '');
    if (p.endsWith('/content_publishing_limit')) return json({ data: [{ quota_usage: 1, config: { quota_total: 100 } }] });
    if (p === '/ig-1/media' && method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(String(init!.body)));
      const id = `cont-${next++}`;
      containers[id] = form;
      return json({ id });
    }
    if (p === '/ig-1/media_publish' && method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(String(init!.body)));
      published.push(form.creation_id);
      return json({ id: 'igm-1' });
    }
    if (url.searchParams.get('fields') === 'status_code') return json({ status_code: 'FINISHED' });
    if (url.searchParams.get('fields') === 'permalink') return json({ permalink: 'https://www.instagram.com/p/abc/' });
    return json({ error: { message: 'unknown', code: 100 } }, 400);
  }) as typeof fetch;
  return { fetcher, uploads, containers, published };
}

async function postWithPhotosAndCard(api: Api) {
  const photo = async (file: string) => {
    const r = await api.call('media.import', { name: 'f.jpg', dataBase64: readFileSync(teamPath(file)).toString('base64') });
    return r.photo;
  };
  const p1 = await photo('fixtures/photos/gps/DSCN0010.jpg');
  const p2 = await photo('fixtures/photos/camera/Canon_40D.jpg');
  const post = await api.call('posts.create', {
    content: { title: 'Posyandu Balita Desa Sido', lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan', tags: ['Stunting'], media: [{ mediaId: p1.id, role: 'featured', caption: '' }] },
  });
  for (const p of [p1, p2]) {
    const cur = api.store.collections.media.get(p.id)!;
    // p2 is only linked to the post on the photo desk ("Terkait berita"), not placed in the article.
    await api.store.collections.media.put({ ...cur, altText: p === p1 ? 'Kader menimbang balita' : 'Petugas mencatat berat badan', postIds: p === p2 ? [post.id] : [], rev: cur.rev + 1 });
  }
  const card = await api.call('cards.create', { template: 'angka-kunci', name: 'Capaian posyandu' });
  const saved = await api.call('cards.update', { id: card.id, baseRev: card.rev, patch: { slides: [sampleSlide('angka-kunci', 'short', card.slides[0].id)], sizes: ['ig-portrait', 'fb-link'] } });
  await api.call('cards.attach', { id: saved.id, postId: post.id });
  return { post: api.store.posts.get(post.id)!, p1, p2, card: saved };
}

async function approve(api: Api, id: string) {
  const p = api.store.posts.get(id)!;
  await api.store.posts.put({ ...p, status: 'approved', rev: p.rev + 1 });
}

describe('variants choose their media', () => {
  it('offers linked photos and card slides; the Instagram carousel goes out in the order the admin set, all JPEG', async () => {
    const api = await openApi(tempDir());
    const { post, p1, p2, card } = await postWithPhotosAndCard(api);
    const slide = cardSlideRef(card.id, card.slides[0].id);

    const v = await api.call('publishing.variants', { postId: post.id });
    expect(v.candidates).toEqual([p1.id, p2.id, slide]);
    expect(v.photos[slide]).toMatchObject({ kind: 'card', width: 1080, height: 1350, card: { name: 'Capaian posyandu', slide: 1, slides: 1 } });
    expect(v.photos[slide].imageUrl).toMatch(/^\.\/files\/previews\/card-[0-9a-f]+\.jpg$/);
    // The attached card is not sent anywhere until chosen: by default a channel gets the article's photos.
    expect(v.variants.find((x) => x.channel === 'instagram')!.mediaIds).toEqual([p1.id]);

    const ig = v.variants.find((x) => x.channel === 'instagram')!;
    const order = [slide, p2.id, p1.id];
    const after = await api.call('publishing.saveVariants', { postId: post.id, baseRev: v.post.rev, variants: [{ ...ig, enabled: true, mediaIds: order }] });
    expect(after.variants.find((x) => x.channel === 'instagram')!.mediaIds).toEqual(order);
    await approve(api, post.id);

    await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
    await api.call('connections.save', { channel: 'instagram', label: 'IG', baseUrl: 'https://graph.example.test/v21.0', username: 'ig-1', secret: 'EAAB-token' });
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['instagram'], scheduledAt: null });
    expect(job.mode).toBe('api');
    // The card at its designed Instagram size; the photos cut to Instagram's 4:5 (never upscaled): all JPEG.
    expect([job.media[0].mime, job.media[0].width, job.media[0].height]).toEqual(['image/jpeg', 1080, 1350]);
    for (const m of job.media) {
      expect(m.mime).toBe('image/jpeg');
      expect(m.width / m.height).toBeCloseTo(0.8, 1);
    }
    expect(job.media.map((m) => m.alt)).toEqual([expect.any(String), 'Petugas mencatat berat badan', 'Kader menimbang balita']);

    const ch = fakeChannels();
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: defaultPublishers(ch.fetcher) });
    await ob.start({ poll: false });
    await ob.drain();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.state).toBe('published');

    // Three images went to the public host, each a JPEG; the card one is the rendered card at 1080×1350.
    expect(ch.uploads).toHaveLength(3);
    for (const u of ch.uploads) expect(u.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    const bySha = (sha: string) => ch.uploads.find((u) => u.slug === `rdk-${sha.slice(0, 24)}`)!;
    const cardUpload = bySha(done.payload.media[0].sha256);
    expect(await sharp(cardUpload.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1080, height: 1350 });

    // The carousel: one item container per image, then a CAROUSEL container with the children in the chosen order.
    const carousel = Object.entries(ch.containers).find(([, c]) => c.media_type === 'CAROUSEL')!;
    const children = carousel[1].children!.split(',');
    const urls = children.map((id) => ch.containers[id].image_url);
    expect(urls).toEqual(done.payload.media.map((m) => `https://dinkes.example.go.id/up/rdk-${m.sha256.slice(0, 24)}.jpg`));
    expect(ch.published).toEqual([carousel[0]]);
    await ob.stop();
  });

  it('refuses an Instagram choice of eleven images before writing any job', async () => {
    const api = await openApi(tempDir());
    const { post, p1, p2, card } = await postWithPhotosAndCard(api);
    const slides = [card.slides[0], ...Array.from({ length: 9 }, (_, i) => sampleSlide('kutipan', 'short', `k${i}`))];
    const many = await api.call('cards.update', { id: card.id, baseRev: api.store.collections.cards.get(card.id)!.rev, patch: { slides } });
    const v = await api.call('publishing.variants', { postId: post.id });
    expect(v.candidates).toHaveLength(12);
    const ig = v.variants.find((x) => x.channel === 'instagram')!;
    const refs = [p1.id, p2.id, ...many.slides.map((s) => cardSlideRef(card.id, s.id))].slice(0, 11);
    await api.call('publishing.saveVariants', { postId: post.id, baseRev: v.post.rev, variants: [{ ...ig, enabled: true, mediaIds: refs }] });
    await approve(api, post.id);
    await expect(api.call('publishing.schedule', { postId: post.id, channels: ['instagram'], scheduledAt: null })).rejects.toMatchObject({
      code: 'conflict',
      params: { reason: 'variant_invalid', channel: 'instagram', code: 'carousel_too_many' },
    });
    expect(api.store.collections.jobs.all()).toHaveLength(0);
  });

  it('a deleted card drops out of the choice instead of failing the schedule', async () => {
    const api = await openApi(tempDir());
    const { post, p1, card } = await postWithPhotosAndCard(api);
    const v = await api.call('publishing.variants', { postId: post.id });
    const ig = v.variants.find((x) => x.channel === 'instagram')!;
    await api.call('publishing.saveVariants', { postId: post.id, baseRev: v.post.rev, variants: [{ ...ig, enabled: true, mediaIds: [cardSlideRef(card.id, card.slides[0].id), p1.id] }] });
    await api.call('cards.trash', { id: card.id });
    await approve(api, post.id);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['instagram'], scheduledAt: null });
    expect(job.mediaCount).toBe(1);
    expect(job.mode).toBe('manual');
  });
});
