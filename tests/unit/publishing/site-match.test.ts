import { describe, expect, it } from 'vitest';
import { wpSlug } from '@shared/publishing/job';
import { matchSitePosts, sameTitle, titleSlug, type SitePost } from '@shared/publishing/site-match';

const post = (id: string, title: string, slug: string, date: string | null = '2026-11-20T02:00:00Z'): SitePost => ({ id, title, slug, status: 'publish', link: `https://dinkes.example.go.id/${slug}/`, date });

describe('"Sudah ada di website?" matching', () => {
  const title = 'Vaksinasi Rabies Gratis di Kecamatan Cepu';

  it('finds our marker from any PC, WordPress’s slug of the title, and the same title; strongest first', () => {
    const found = [
      post('1', 'Vaksinasi rabies gratis di Kecamatan Cepu', 'vaksin-rabies-cepu'),
      post('2', title, wpSlug(title, 'k0therpc0001')),
      post('3', title, 'vaksinasi-rabies-gratis-di-kecamatan-cepu-2'),
      post('4', 'Vaksinasi Rabies Gratis di Kecamatan Cepu Tahap II', 'vaksinasi-rabies-gratis-di-kecamatan-cepu-tahap-ii'),
      post('5', 'Lain sama sekali', 'lain-sama-sekali'),
    ];
    expect(matchSitePosts(title, found).map((m) => [m.id, m.kind])).toEqual([
      ['2', 'marker'],
      ['3', 'slug'],
      ['1', 'title'],
    ]);
  });

  it('leaves out this job’s own slug (its earlier attempt is adopted without asking)', () => {
    const own = wpSlug(title, 'mine00000001');
    expect(matchSitePosts(title, [post('9', title, own)], own)).toEqual([]);
  });

  it('a marker survives Redaksi’s 60-character cut of long titles', () => {
    const long = 'Pemerintah Kabupaten Blora Menyalurkan Bantuan Pangan Beras Cadangan Pemerintah Tahap Kedua Tahun 2026';
    const m = matchSitePosts(long, [post('7', 'judul diubah di wp-admin', wpSlug(long, 'abcdefgh1234'))]);
    expect(m.map((x) => x.kind)).toEqual(['marker']);
    expect(titleSlug(long).length).toBeGreaterThan(60);
  });

  it('titles compare as a reader reads them; an empty title matches nothing', () => {
    expect(sameTitle('“Posyandu” Desa Sido – Blora', '"posyandu"  desa sido - blora')).toBe(true);
    expect(sameTitle('', '')).toBe(false);
    expect(matchSitePosts('', [post('1', '', '')])).toEqual([]);
  });

  it('a title with regex characters is matched literally', () => {
    const t = 'Harga (Cabai) naik 10%? [Update]';
    expect(matchSitePosts(t, [post('1', 'x', 'harga-cabai-naik-10-update'), post('2', 'y', 'harga-cabai-naik-10-updatex')]).map((m) => m.id)).toEqual(['1']);
  });
});
