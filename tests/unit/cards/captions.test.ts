import { describe, expect, it } from 'vitest';
import { countFor } from '@shared/channels/count';
import { INSTAGRAM_HASHTAG_LIMIT } from '@shared/channels/limits';
import { DEFAULT_BRAND } from '@shared/cards/brand';
import { buildCaption, captionsFor } from '@shared/cards/captions';
import { draftAltText } from '@shared/cards/alt-text';
import { sampleCard, sampleSlide } from './samples';

const brand = { ...DEFAULT_BRAND, handles: { ...DEFAULT_BRAND.handles, instagram: 'dinkesblora' }, hashtags: ['Blora', 'BloraSehat', 'Posyandu', 'Stunting', 'JawaTengah', 'Kesehatan', 'blora'] };
const longUrl = 'https://dinkes.blorakab.go.id/berita/2026/11/24/penyaluran-makanan-tambahan-balita-di-enam-belas-kecamatan-kabupaten-blora';

describe('caption builder', () => {
  const card = sampleCard([sampleSlide('sampul', 'long', 'a'), sampleSlide('angka-kunci', 'long', 'b'), sampleSlide('penutup', 'long', 'c')]);
  it('drafts hook, body, source, call to action and hashtags within each channel', () => {
    const c = captionsFor({ card, post: { title: 'Judul', lead: 'BLORA – Teras berita 😀 dengan emoji 👩‍🌾.', url: longUrl }, brand, website: 'dinkes.blorakab.go.id' });
    expect(c.instagram.split('\n')[0]).toBe(card.slides[0].title);
    expect(c.instagram).toContain('Sumber: Dinas Ketahanan Pangan');
    expect(c.instagram).toContain('tautan di bio @dinkesblora');
    expect(c.facebook).toContain(longUrl);
    for (const ch of ['instagram', 'facebook', 'x'] as const) expect(countFor(ch, c[ch]).ok, ch).toBe(true);
    // Hashtags de-duplicated case-insensitively and capped at the cited Instagram limit.
    expect(countFor('instagram', c.instagram).hashtags).toBe(Math.min(INSTAGRAM_HASHTAG_LIMIT.value, 6));
  });
  it('fits X in 280 weighted characters with a long URL (23) and emoji (2)', () => {
    const long = sampleCard([{ ...sampleSlide('sampul', 'long', 'a'), title: `${'Penyaluran bantuan 🍚 '.repeat(6)}`.slice(0, 120) }]);
    const x = buildCaption('x', { card: long, post: { title: 't', lead: 'l', url: longUrl }, brand, website: '' });
    const n = countFor('x', x);
    expect(n.used).toBeLessThanOrEqual(280);
    expect(x).toContain(longUrl);
    expect(n.hashtags).toBe(2);
    // The URL is weighted 23 whatever its length: the same caption with a short URL weighs the same.
    const short = buildCaption('x', { card: long, post: { title: 't', lead: 'l', url: 'https://a.id/b' }, brand, website: '' });
    expect(countFor('x', short).used).toBe(n.used);
    expect(n.used).toBeLessThan([...x].length);
  });
  it('trims a body longer than Instagram allows, keeping the call to action and hashtags', () => {
    const big = sampleCard([{ ...sampleSlide('angka-kunci', 'long', 'a') }]);
    const ig = buildCaption('instagram', { card: big, post: { title: 't', lead: 'Kalimat panjang sekali. '.repeat(150), url: null }, brand, website: '' });
    expect(countFor('instagram', ig).used).toBeLessThanOrEqual(2200);
    expect(ig).toContain('#Blora');
    expect(ig).toContain('Simpan dan bagikan');
  });
});

describe('alt text draft', () => {
  it('says what the card says', () => {
    const alt = draftAltText(sampleSlide('angka-kunci', 'long'), 'Dinas Ketahanan Pangan');
    expect(alt).toBe(
      'Infografis Dinas Ketahanan Pangan: 48.215 keluarga penerima manfaat menerima beras cadangan pemerintah. Penyaluran tahap kedua dilakukan serentak di 16 kecamatan se-Kabupaten Blora sejak Senin (3/11/2025). Sumber: Dinas Ketahanan Pangan Kab. Blora, 2025.',
    );
    expect(draftAltText(sampleSlide('agenda', 'long'), '')).toContain('Tempat: Pendopo Kecamatan Randublatung');
  });
});
