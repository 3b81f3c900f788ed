import { countFor, extractHashtags, graphemeLength, xWeightedLength } from '@shared/channels/count';
import {
  FACEBOOK_TEXT_LIMIT,
  INSTAGRAM_CAPTION_LIMIT,
  INSTAGRAM_CAROUSEL,
  INSTAGRAM_HASHTAG_LIMIT,
  X_MAX_IMAGE_BYTES,
  X_MAX_IMAGES,
  X_TEXT_LIMIT,
} from '@shared/channels/limits';
import type { Channel, ChannelVariant, Post } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { getPreset } from '@shared/media/presets';

/** The photo-desk preset each channel's images are rendered with. */
export const CHANNEL_PRESET: Record<Channel, string> = {
  website: 'web-featured',
  facebook: 'fb-feed',
  instagram: 'ig-portrait',
  x: 'x-post',
  whatsapp: 'wa-channel',
  other: 'web-inline',
};

export const VARIANT_CHANNELS: readonly Channel[] = ['website', 'facebook', 'instagram', 'x', 'whatsapp', 'other'];

/** Tags → hashtags the way OPD accounts write them: #BloraSehat (no spaces, capitalised words). */
export function hashtagsFromTags(tags: string[], max: number): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const words = t
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    if (!words.length) continue;
    const tag = `#${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
    if (!out.includes(tag)) out.push(tag);
    if (out.length >= max) break;
  }
  return out;
}

function leadOf(post: Post): string {
  const lead = post.lead.trim();
  if (lead) return lead;
  const firstPara = post.bodyMd.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith('#')) ?? '';
  return firstPara.replace(/[*_`>#]/g, '').trim();
}

/** A channel's text prefilled from the post; the user edits it afterwards. */
export function defaultVariantText(channel: Channel, post: Post, ws: Workspace): string {
  const lead = leadOf(post);
  const site = ws.opd.website.trim();
  const tags = hashtagsFromTags(post.tags, channel === 'instagram' ? INSTAGRAM_HASHTAG_LIMIT.value : 3);
  const credit = [post.authorCredit && `Penulis: ${post.authorCredit}`, post.photoCredits && `Foto: ${post.photoCredits}`]
    .filter(Boolean)
    .join(' | ');
  const join = (...parts: (string | false | undefined)[]) => parts.filter((p) => p && p.trim()).join('\n\n');
  switch (channel) {
    case 'website':
      return lead;
    case 'facebook':
      return join(post.title, lead, site && `Selengkapnya: ${site}`, tags.join(' '));
    case 'instagram':
      return join(post.title, lead, credit, tags.join(' '));
    case 'x':
      return fitX(post.title, lead, site, tags.join(' '));
    case 'whatsapp':
      return join(`*${post.title}*`, lead, site && `Baca selengkapnya: ${site}`);
    case 'other':
      return join(post.title, lead, site);
  }
}

const ELLIPSIS = '…';

/** Cut a text to at most `fits(text)` by whole words where possible, ending with a visible ellipsis. */
function trimToFit(text: string, fits: (t: string) => boolean): string {
  if (fits(text)) return text;
  const chars = [...new Intl.Segmenter('id', { granularity: 'grapheme' }).segment(text)].map((x) => x.segment);
  let lo = 0;
  let hi = chars.length;
  // Longest prefix that still fits with the ellipsis (binary search: X length is monotonic in the prefix).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS)) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,.;:–-]+$/u, '');
  return cut ? cut + ELLIPSIS : '';
}

/**
 * The X text prefilled within X's 280 weighted characters: title, lead, site
 * and hashtags; the lead is shortened first (with a visible "…"), then the
 * hashtags go, then the title is shortened. Never prefilled over the limit.
 */
export function fitX(title: string, lead: string, site: string, tags: string): string {
  const join = (...parts: string[]) => parts.filter((p) => p && p.trim()).join('\n\n');
  const fits = (t: string) => xWeightedLength(t) <= X_TEXT_LIMIT.value;
  const full = join(title, lead, site, tags);
  if (fits(full)) return full;
  const room = (withTags: boolean) => (l: string) => fits(join(title, l, site, withTags ? tags : ''));
  for (const withTags of [true, false]) {
    if (fits(join(title, site, withTags ? tags : ''))) {
      const l = trimToFit(lead, room(withTags));
      return join(title, l, site, withTags ? tags : '');
    }
  }
  return trimToFit(join(title, site), fits) || trimToFit(title, fits);
}

/**
 * Variants for every channel: the stored ones kept, missing ones prefilled.
 * A missing variant is on only where the OPD has a daily target for the
 * channel or a connection to it (`connected`): no X with a target of 0 and
 * no account switched on by default.
 */
export function variantsFor(post: Post, ws: Workspace, connected: readonly Channel[] = []): ChannelVariant[] {
  const featured = post.media.filter((m) => m.role === 'featured').map((m) => m.mediaId);
  // Cards are offered slide by slide in the variant editor; by default a channel gets the article's photos.
  const all = [...featured, ...post.media.filter((m) => m.role !== 'featured' && m.role !== 'card').map((m) => m.mediaId)];
  return VARIANT_CHANNELS.map((channel) => {
    const stored = post.channelVariants.find((v) => v.channel === channel);
    if (stored) return stored;
    const max = channel === 'x' ? X_MAX_IMAGES.value : channel === 'instagram' ? INSTAGRAM_CAROUSEL.value.maxItems : 10;
    return {
      channel,
      enabled: connected.includes(channel) || (ws.targets?.perChannel?.[channel] ?? 0) > 0,
      text: defaultVariantText(channel, post, ws),
      mediaIds: [...new Set(all)].slice(0, max),
    };
  });
}

/** What a check knows of one image as it will be sent (after its channel rendition). */
export interface PlannedImage {
  width: number;
  height: number;
  mime: string;
  /** Bytes when known (rendered); null before rendering. */
  bytes: number | null;
  alt: string;
}

export interface VariantFinding {
  level: 'error' | 'warning';
  code: string;
  params: Record<string, string | number>;
  /** Where the rule comes from. */
  source: string;
}

export interface VariantMeter {
  used: number;
  limit: number;
  unit: 'chars' | 'weighted';
  hashtags: number;
  hashtagLimit: number | null;
}

export interface VariantCheck {
  meter: VariantMeter | null;
  findings: VariantFinding[];
  /** No error-level finding: the variant may be queued. */
  ok: boolean;
}

export interface WebsiteFields {
  title: string;
  excerpt: string;
  category: string;
  tags: string[];
}

const EXCERPT_SOFT_LIMIT = 300;

const INSTAGRAM_CAROUSEL_FRAME_SOURCE = 'Instagram Help Center, "Share multiple photos or videos in one post": all items of a carousel are shown in the first item\'s aspect ratio';

/** Live checks of one channel variant (pure; the same rules run in the UI and before queuing). */
export function checkVariant(channel: Channel, text: string, images: PlannedImage[], web?: WebsiteFields): VariantCheck {
  const f: VariantFinding[] = [];
  let meter: VariantMeter | null = null;
  const err = (code: string, source: string, params: Record<string, string | number> = {}) => f.push({ level: 'error', code, params, source });
  const warn = (code: string, source: string, params: Record<string, string | number> = {}) => f.push({ level: 'warning', code, params, source });

  switch (channel) {
    case 'instagram': {
      const c = countFor('instagram', text);
      meter = { used: c.used, limit: c.limit, unit: 'chars', hashtags: c.hashtags, hashtagLimit: c.hashtagLimit };
      if (c.used > c.limit) err('caption_too_long', INSTAGRAM_CAPTION_LIMIT.source, { used: c.used, limit: c.limit });
      if (c.hashtagLimit !== null && c.hashtags > c.hashtagLimit)
        err('too_many_hashtags', INSTAGRAM_HASHTAG_LIMIT.source, { used: c.hashtags, limit: c.hashtagLimit });
      const car = INSTAGRAM_CAROUSEL.value;
      if (images.length === 0) err('image_required', INSTAGRAM_CAROUSEL.source);
      if (images.length > car.maxItems) err('carousel_too_many', INSTAGRAM_CAROUSEL.source, { used: images.length, limit: car.maxItems });
      images.forEach((im, i) => {
        const aspect = im.width / im.height;
        if (aspect < car.minAspect - 0.005 || aspect > car.maxAspect + 0.005)
          err('aspect_out_of_range', INSTAGRAM_CAROUSEL.source, { n: i + 1, aspect: Math.round(aspect * 100) / 100 });
        if (!car.formats.includes(im.mime)) err('jpeg_required', INSTAGRAM_CAROUSEL.source, { n: i + 1 });
      });
      // Instagram shows every carousel item in the first item's frame: a different shape is cropped.
      const first = images[0];
      const other = first ? images.findIndex((im) => Math.abs(im.width / im.height - first.width / first.height) > 0.01) : -1;
      if (other > 0) warn('carousel_mixed_aspect', INSTAGRAM_CAROUSEL_FRAME_SOURCE, { n: other + 1 });
      break;
    }
    case 'x': {
      const used = xWeightedLength(text);
      meter = { used, limit: X_TEXT_LIMIT.value, unit: 'weighted', hashtags: extractHashtags(text).length, hashtagLimit: null };
      if (used > X_TEXT_LIMIT.value) err('x_too_long', X_TEXT_LIMIT.source, { used, limit: X_TEXT_LIMIT.value, over: used - X_TEXT_LIMIT.value });
      if (!text.trim()) err('text_required', X_TEXT_LIMIT.source);
      if (images.length > X_MAX_IMAGES.value) err('too_many_images', X_MAX_IMAGES.source, { used: images.length, limit: X_MAX_IMAGES.value });
      images.forEach((im, i) => {
        if (im.bytes !== null && im.bytes > X_MAX_IMAGE_BYTES.value) err('image_too_large', X_MAX_IMAGE_BYTES.source, { n: i + 1, mb: Math.round((im.bytes / 1048576) * 10) / 10 });
      });
      break;
    }
    case 'facebook': {
      const used = graphemeLength(text);
      meter = { used, limit: FACEBOOK_TEXT_LIMIT.value, unit: 'chars', hashtags: extractHashtags(text).length, hashtagLimit: null };
      if (used > FACEBOOK_TEXT_LIMIT.value) err('caption_too_long', FACEBOOK_TEXT_LIMIT.source, { used, limit: FACEBOOK_TEXT_LIMIT.value });
      if (!text.trim() && images.length === 0) err('text_required', FACEBOOK_TEXT_LIMIT.source);
      if (images.length === 0) warn('no_image', 'Meta for Media: posts with a photo reach more people than text only');
      break;
    }
    case 'website': {
      const src = 'WordPress REST API, Posts and Media reference (developer.wordpress.org/rest-api/reference/posts/)';
      const w = web ?? { title: '', excerpt: text, category: '', tags: [] };
      if (!w.title.trim()) err('title_required', src);
      if (!w.excerpt.trim()) warn('excerpt_missing', src);
      else if (graphemeLength(w.excerpt) > EXCERPT_SOFT_LIMIT) warn('excerpt_long', src, { used: graphemeLength(w.excerpt), limit: EXCERPT_SOFT_LIMIT });
      if (!w.category.trim()) err('category_required', src);
      if (w.tags.length === 0) warn('tags_missing', src);
      if (images.length === 0) err('featured_required', src);
      else if (!images[0].alt.trim()) err('alt_required', 'WCAG 2.2 SC 1.1.1 Non-text Content (w3.org/TR/WCAG22/#non-text-content)');
      break;
    }
    case 'whatsapp':
    case 'other': {
      const used = graphemeLength(text);
      meter = { used, limit: 0, unit: 'chars', hashtags: extractHashtags(text).length, hashtagLimit: null };
      if (!text.trim()) err('text_required', 'WhatsApp Channels help (faq.whatsapp.com/549900560675125)');
      break;
    }
  }
  return { meter, findings: f, ok: !f.some((x) => x.level === 'error') };
}

/** How a photo will look once rendered with its channel's preset (before the file exists). */
export function plannedImage(channel: Channel, photo: { width: number; height: number; altText: string }): PlannedImage {
  const preset = getPreset(CHANNEL_PRESET[channel]);
  if (!preset) return { width: photo.width, height: photo.height, mime: 'image/jpeg', bytes: null, alt: photo.altText };
  const width = preset.height ? preset.width : Math.min(preset.width, photo.width);
  const height = preset.height ?? Math.max(1, Math.round((photo.height * width) / photo.width));
  return { width, height, mime: preset.format === 'png' ? 'image/png' : 'image/jpeg', bytes: null, alt: photo.altText };
}
