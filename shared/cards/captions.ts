import { countFor, extractHashtags, xWeightedLength } from '@shared/channels/count';
import { CHANNEL_LIMITS, type Channel } from '@shared/channels/limits';
import type { BrandKit } from './brand';
import { atHandle } from './brand';
import type { CardContent } from './card';

export interface CaptionPost {
  title: string;
  lead: string;
  /** Public address of the article, when it has one. */
  url: string | null;
}

export interface CaptionInput {
  card: Pick<CardContent, 'slides' | 'name'>;
  post: CaptionPost | null;
  brand: BrandKit;
  website: string;
}

export const CAPTION_CHANNELS = ['instagram', 'facebook', 'x'] as const satisfies readonly Channel[];
export type CaptionChannel = (typeof CAPTION_CHANNELS)[number];

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function hook(input: CaptionInput): string {
  const s0 = input.card.slides[0];
  const main = input.card.slides.find((s) => s.template !== 'sampul' && s.template !== 'penutup') ?? s0;
  if (s0.template === 'sampul' && s0.title.trim()) return clean(s0.title);
  if (main.template === 'angka-kunci' && main.number.trim()) return clean(`${main.number} ${main.label}`);
  return clean(main.title || input.post?.title || input.card.name);
}

function body(input: CaptionInput): string {
  if (input.post?.lead.trim()) return clean(input.post.lead);
  const parts: string[] = [];
  for (const s of input.card.slides) {
    if (s.template === 'penutup') continue;
    if (s.template === 'angka-kunci' && s.body.trim()) parts.push(clean(s.body));
    if (s.template === 'capaian') parts.push(...s.items.filter((i) => i.value.trim()).map((i) => `• ${clean(`${i.value} ${i.label}`)}`));
    if (s.template === 'poin-poin') parts.push(...s.points.filter((p) => p.trim()).map((p) => `• ${clean(p)}`));
    if (s.template === 'agenda') parts.push(...[s.date, s.time, s.place, s.contact].filter((x) => x.trim()).map((x) => `• ${clean(x)}`));
    if ((s.template === 'foto-keterangan' || s.template === 'kutipan') && s.body.trim()) parts.push(clean(s.body));
    if (s.template === 'sampul' && s.label.trim()) parts.push(clean(s.label));
  }
  return parts.join('\n');
}

function sourceLine(input: CaptionInput): string {
  const src = input.card.slides.map((s) => s.source.trim()).find(Boolean);
  return src ? (/^sumber/i.test(src) ? src : `Sumber: ${src}`) : '';
}

/** Hashtags with "#", at most `limit`, no duplicates (case-insensitive). */
export function hashtagLine(tags: string[], limit: number | null): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const v = t.replace(/^#+/, '').trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(`#${v}`);
  }
  return (limit === null ? out : out.slice(0, limit)).join(' ');
}

/** Draft caption for one channel: hook, short body, call to action, link, hashtags; within the channel's limits. */
export function buildCaption(channel: CaptionChannel, input: CaptionInput): string {
  const link = input.post?.url ?? (input.website.trim() ? input.website.trim() : '');
  const h = hook(input);
  const src = sourceLine(input);
  const tags = hashtagLine(input.brand.hashtags, CHANNEL_LIMITS[channel].hashtags);
  if (channel === 'x') {
    const cta = link ? `Selengkapnya: ${link}` : '';
    const tail = [cta, hashtagLine(input.brand.hashtags, 2)].filter(Boolean).join('\n');
    const fixed = (t: string) => [t, tail].filter(Boolean).join('\n\n');
    let head = h;
    // Shorten the hook (word by word) until the whole post fits 280 weighted characters.
    while (head && xWeightedLength(fixed(head)) > CHANNEL_LIMITS.x.text) {
      const cut = head.split(' ').slice(0, -1).join(' ');
      head = cut ? `${cut.replace(/[.,;:…]+$/, '')}…` : '';
      if (head === '…') head = '';
    }
    return fixed(head);
  }
  const ig = atHandle(input.brand.handles.instagram);
  const cta =
    channel === 'instagram'
      ? link
        ? `Info lengkap: tautan di bio${ig ? ` ${ig}` : ''}.`
        : 'Simpan dan bagikan agar lebih banyak warga tahu.'
      : link
        ? `Baca selengkapnya: ${link}`
        : 'Bagikan agar lebih banyak warga tahu.';
  const parts = [h, body(input), src, cta, tags].filter((x) => x.trim());
  let text = parts.join('\n\n');
  const limit = CHANNEL_LIMITS[channel].text;
  if (countFor(channel, text).used > limit) {
    // Trim the body, never the call to action or the hashtags.
    const b = body(input);
    const room = limit - countFor(channel, [h, src, cta, tags].join('\n\n')).used - 6;
    const short = [...b].slice(0, Math.max(0, room)).join('').replace(/\s+\S*$/, '') + '…';
    text = [h, short, src, cta, tags].filter((x) => x.trim()).join('\n\n');
  }
  return text;
}

export function captionsFor(input: CaptionInput): Record<CaptionChannel, string> {
  return { instagram: buildCaption('instagram', input), facebook: buildCaption('facebook', input), x: buildCaption('x', input) };
}

/** Hashtags the caption uses beyond the channel's limit (to name them in the counter). */
export function excessHashtags(channel: Channel, text: string): string[] {
  const limit = CHANNEL_LIMITS[channel].hashtags;
  return limit === null ? [] : extractHashtags(text).slice(limit);
}
