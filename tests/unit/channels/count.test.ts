import { describe, expect, it } from 'vitest';
import { countFor, extractHashtags, graphemeLength, xWeightedLength } from '@shared/channels/count';
import { CHANNEL_LIMITS, INSTAGRAM_CAROUSEL, INSTAGRAM_HASHTAG_LIMIT, X_URL_WEIGHT } from '@shared/channels/limits';

describe('channel limits', () => {
  it('keeps each value with a source', () => {
    expect(CHANNEL_LIMITS.instagram.text).toBe(2200);
    expect(CHANNEL_LIMITS.instagram.hashtags).toBe(INSTAGRAM_HASHTAG_LIMIT.value);
    expect(INSTAGRAM_HASHTAG_LIMIT.source).toMatch(/December 2025/);
    expect(CHANNEL_LIMITS.x.text).toBe(280);
    expect(INSTAGRAM_CAROUSEL.value.maxItems).toBe(10);
  });
});

describe('X weighted counting', () => {
  it('counts a URL as 23 whatever its length', () => {
    const short = 'https://blorakab.go.id';
    const long = 'https://blorakab.go.id/berita/2026/11/24/penyaluran-bantuan-pangan-beras-cadangan-pemerintah-tahap-kedua';
    expect(xWeightedLength(short)).toBe(X_URL_WEIGHT);
    expect(xWeightedLength(long)).toBe(X_URL_WEIGHT);
    expect(xWeightedLength(`Baca: ${long}`)).toBe(6 + 23);
  });
  it('counts an emoji as 2, including ZWJ sequences and flags', () => {
    expect(xWeightedLength('😀')).toBe(2);
    expect(xWeightedLength('👩‍🌾')).toBe(2);
    expect(xWeightedLength('🇮🇩')).toBe(2);
    expect(xWeightedLength('abc')).toBe(3);
  });
  it('is over the limit at 281 and within at 280', () => {
    expect(countFor('x', 'a'.repeat(280)).ok).toBe(true);
    const over = countFor('x', 'a'.repeat(281));
    expect(over).toMatchObject({ used: 281, limit: 280, ok: false });
    // 139 emoji = 278, plus 'ab' = 280
    expect(countFor('x', '😀'.repeat(139) + 'ab').ok).toBe(true);
    expect(countFor('x', '😀'.repeat(140) + 'a').ok).toBe(false);
  });
});

describe('Instagram counting', () => {
  it('counts graphemes so an emoji is one character', () => {
    expect(graphemeLength('Halo 👩‍🌾🇮🇩')).toBe(7);
    expect(countFor('instagram', 'x'.repeat(2200)).ok).toBe(true);
    expect(countFor('instagram', 'x'.repeat(2201)).ok).toBe(false);
  });
  it('fails on more hashtags than the cited limit', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#Blora${i}`).join(' ');
    const lim = INSTAGRAM_HASHTAG_LIMIT.value;
    expect(countFor('instagram', `Info ${tags(lim)}`)).toMatchObject({ hashtags: lim, ok: true });
    expect(countFor('instagram', `Info ${tags(lim + 1)}`)).toMatchObject({ hashtags: lim + 1, ok: false });
  });
  it('finds hashtags but not URL fragments or numbers', () => {
    expect(extractHashtags('#BloraMustika dan #ayo_sehat, lihat https://a.id/#bagian #2026 #Kab2026')).toEqual([
      'BloraMustika',
      'ayo_sehat',
      'Kab2026',
    ]);
  });
  it('has no hashtag limit on Facebook', () => {
    expect(countFor('facebook', '#a #b #c #d #e #f #g').ok).toBe(true);
  });
});
