import twttr from 'twitter-text';
import { CHANNEL_LIMITS, type Channel } from './limits';

export interface CountResult {
  used: number;
  limit: number;
  ok: boolean;
  hashtags: number;
  hashtagLimit: number | null;
}

// Unicode-aware hashtag match: "#" after start/space/punctuation, then letters, digits, marks or "_".
const HASHTAG_RE = /(^|[^\p{L}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)/gu;

/** Hashtags in a text (without "#"), in order, duplicates kept. */
export function extractHashtags(text: string): string[] {
  return [...text.matchAll(HASHTAG_RE)].map((m) => m[2]);
}

/** Characters as a person (and Instagram/Facebook) counts them: grapheme clusters. */
export function graphemeLength(text: string): number {
  const seg = new Intl.Segmenter('id', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

/** X weighted length: URL = 23, emoji = 2, CJK = 2 (twitter-text v3 rules). */
export function xWeightedLength(text: string): number {
  return twttr.parseTweet(text).weightedLength;
}

/** How much of a channel's text budget a caption uses. */
export function countFor(channel: Channel, text: string): CountResult {
  const limits = CHANNEL_LIMITS[channel];
  const used = channel === 'x' ? xWeightedLength(text) : graphemeLength(text);
  const hashtags = extractHashtags(text).length;
  const hashtagLimit = limits.hashtags;
  return {
    used,
    limit: limits.text,
    ok: used <= limits.text && (hashtagLimit === null || hashtags <= hashtagLimit),
    hashtags,
    hashtagLimit,
  };
}
