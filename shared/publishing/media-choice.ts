import { CARD_SIZES, type CardSizeId } from '@shared/cards/card';
import type { Channel, Post } from '@shared/domain/post';
import { plannedImage, type PlannedImage } from './variants';

/**
 * What a channel variant can send as images: the photos of the post (the
 * ones in the article, then the ones linked to it on the photo desk under
 * "Terkait berita"), and every slide of the cards attached to it. A variant
 * keeps the refs it chose, in the order the admin set; a card slide is
 * referred to as `card:<cardId>:<slideId>` (the slide id survives a reorder
 * of the card's slides).
 */

const CARD_REF = /^card:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{1,64})$/;

export function cardSlideRef(cardId: string, slideId: string): string {
  return `card:${cardId}:${slideId}`;
}

export function parseCardSlideRef(ref: string): { cardId: string; slideId: string } | null {
  const m = CARD_REF.exec(ref);
  return m ? { cardId: m[1], slideId: m[2] } : null;
}

/**
 * The card size a channel gets, among the sizes the card was designed for:
 * Instagram's portrait feed first (4:5, inside its carousel range), a
 * landscape link size for the website's featured image, and so on; a card
 * designed for one size only is sent at that size.
 */
const CARD_SIZE_PREFERENCE: Record<Channel, readonly CardSizeId[]> = {
  instagram: ['ig-portrait', 'ig-square', 'fb-link', 'ig-story'],
  facebook: ['ig-portrait', 'ig-square', 'fb-link', 'ig-story'],
  x: ['fb-link', 'ig-square', 'ig-portrait', 'ig-story'],
  website: ['fb-link', 'ig-square', 'ig-portrait', 'ig-story'],
  whatsapp: ['ig-square', 'ig-portrait', 'fb-link', 'ig-story'],
  other: ['ig-square', 'ig-portrait', 'fb-link', 'ig-story'],
};

export function cardSizeFor(channel: Channel, sizes: readonly CardSizeId[]): CardSizeId {
  return CARD_SIZE_PREFERENCE[channel].find((s) => sizes.includes(s)) ?? sizes[0] ?? 'ig-portrait';
}

/** One image a variant may choose: a photo, or one slide of an attached card. */
export interface MediaCandidate {
  /** The ref stored in ChannelVariant.mediaIds. */
  id: string;
  kind: 'photo' | 'card';
  width: number;
  height: number;
  altText: string;
  caption: string;
  /** Photos: content hash (thumbnails are named by it); cards: empty. */
  sha256: string;
  /** Cards: the sizes it was designed for, its name and the slide number (1-based). */
  card?: { sizes: CardSizeId[]; name: string; slide: number; slides: number };
  /** Cards: a rendered preview (photos use their thumbnail by hash). */
  imageUrl?: string;
}

/** How one chosen image will be sent on a channel (photo: the channel's preset; card: the card size for it, JPEG). */
export function plannedMedia(channel: Channel, m: MediaCandidate): PlannedImage {
  if (m.kind === 'card' && m.card) {
    const size = CARD_SIZES.find((s) => s.id === cardSizeFor(channel, m.card!.sizes)) ?? CARD_SIZES[0];
    return { width: size.width, height: size.height, mime: 'image/jpeg', bytes: null, alt: m.altText };
  }
  return plannedImage(channel, m);
}

/** Refs chosen by a variant that are still available, in the chosen order (a deleted photo or slide drops out). */
export function chosenMedia(mediaIds: readonly string[], available: Record<string, MediaCandidate>): MediaCandidate[] {
  return [...new Set(mediaIds)].filter((id) => available[id]).map((id) => available[id]);
}

/**
 * The order candidates are offered in: the article's photos (featured
 * first), photos linked to the post on the photo desk, then card slides.
 * Pure over ids; `linkedPhotoIds` and `cardSlides` come from the stores.
 */
export function candidateOrder(post: Pick<Post, 'media'>, linkedPhotoIds: readonly string[], cardSlides: readonly string[]): string[] {
  const article = [...post.media.filter((m) => m.role === 'featured'), ...post.media.filter((m) => m.role !== 'featured' && m.role !== 'card')].map((m) => m.mediaId);
  return [...new Set([...article, ...linkedPhotoIds, ...cardSlides])];
}

/** Move one chosen ref a step earlier (-1) or later (+1) in the send order. */
export function moveChoice(mediaIds: readonly string[], id: string, step: -1 | 1): string[] {
  const out = [...mediaIds];
  const i = out.indexOf(id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}
