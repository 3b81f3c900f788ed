import { DEFAULT_BRAND } from '@shared/cards/brand';
import { slideSchema, type CardContent, type CardTemplate, type Slide, type SlideInput } from '@shared/cards/card';
import { templateBrand } from '@shared/cards/compose';

/** Realistic Indonesian inputs per template: short, long and worst case (long words, names, max lengths). */
export type Variant = 'short' | 'long' | 'worst';

const LONG_WORD = 'Pertanggungjawabannya';
const WORST_NAME = 'Dr. Hj. Raden Ajeng Sri Wahyuningsih Kusumawardhani Prawirodirdjo, S.Kep., M.Kes.';
const worstText = (n: number) => (`Penyelenggaraan ketidakberdayaan ${LONG_WORD} memperjuangkan kesejahteraanmasyarakatpedesaan ` as string).repeat(20).slice(0, n);

export function sampleSlide(template: CardTemplate, v: Variant, id = 's1'): Slide {
  const base: SlideInput = { id, template, theme: template === 'sampul' || template === 'penutup' ? 'brand' : 'light' };
  const S = v === 'short';
  const W = v === 'worst';
  const f: Record<CardTemplate, Partial<SlideInput>> = {
    'angka-kunci': {
      kicker: W ? worstText(60) : 'Bantuan pangan 2026',
      number: W ? '1.234.567.890.123.456,78' : S ? '12' : '48.215',
      label: W ? worstText(120) : S ? 'desa' : 'keluarga penerima manfaat menerima beras cadangan pemerintah',
      body: W ? worstText(700) : S ? '' : 'Penyaluran tahap kedua dilakukan serentak di 16 kecamatan se-Kabupaten Blora sejak Senin (3/11/2025).',
      source: W ? worstText(120) : 'Dinas Ketahanan Pangan Kab. Blora, 2025',
    },
    capaian: {
      title: W ? worstText(120) : S ? 'Capaian 2025' : 'Capaian pembangunan infrastruktur Kabupaten Blora sepanjang 2025',
      items: (S ? [0, 1, 2] : [0, 1, 2, 3, 4]).map((i) => ({
        value: W ? '9.999.999.999.999.999.999.999.999.999,9' : ['128 km', '42', '3.150', '96%', 'Rp 4,2 M'][i],
        label: W ? worstText(120) : ['jalan kabupaten diperbaiki', 'jembatan dibangun ulang', 'rumah tidak layak huni direhab', 'desa teraliri listrik', 'dana desa tersalurkan'][i],
        icon: (['road', 'home', 'people', 'chart', 'money'] as const)[i],
      })),
      source: W ? worstText(120) : 'DPUPR Kab. Blora',
    },
    kutipan: {
      body: W ? worstText(700) : S ? 'Layanan harus cepat dan ramah.' : 'Kami ingin setiap warga Blora bisa mengurus dokumen kependudukan tanpa antre lama dan tanpa biaya, cukup dari desa masing-masing.',
      speakerName: W ? WORST_NAME.slice(0, 80) : 'Arief Rohman',
      speakerTitle: W ? worstText(120) : 'Bupati Blora',
      photoId: null,
    },
    'poin-poin': {
      title: W ? worstText(120) : S ? 'Syarat daftar' : 'Syarat pendaftaran beasiswa Blora Cerdas tahun ajaran 2026/2027',
      points: W ? Array(6).fill(worstText(200)) : S ? ['KTP', 'KK', 'Rapor'] : ['Fotokopi KTP orang tua dan Kartu Keluarga', 'Rapor dua semester terakhir yang dilegalisir sekolah', 'Surat keterangan tidak mampu dari desa', 'Pas foto berwarna 3x4 sebanyak dua lembar', 'Surat pernyataan tidak menerima beasiswa lain', 'Mengisi formulir di laman beasiswa.blorakab.go.id'],
    },
    agenda: {
      kicker: W ? worstText(60) : 'Pengumuman',
      title: W ? worstText(120) : S ? 'Vaksinasi gratis' : 'Pelayanan adminduk keliling di Kecamatan Randublatung',
      body: W ? worstText(700) : S ? '' : 'Bawa KTP dan KK asli. Gratis, tanpa pungutan apa pun.',
      date: W ? worstText(60) : 'Kamis (27/11/2025)',
      time: W ? worstText(60) : '08.00–14.00 WIB',
      place: W ? worstText(120) : 'Pendopo Kecamatan Randublatung, Jl. Raya Randublatung No. 1',
      contact: W ? worstText(120) : 'WhatsApp 0812-3456-7890 (Dindukcapil)',
    },
    'foto-keterangan': {
      title: W ? worstText(120) : S ? 'Panen raya' : 'Bupati Blora meninjau panen raya padi di Desa Kedungringin',
      body: W ? worstText(700) : S ? '' : 'Produktivitas padi tahun ini naik menjadi 6,8 ton per hektare berkat perbaikan irigasi.',
      credit: W ? worstText(120) : 'Prokopim Blora',
      photoId: null,
    },
    sampul: {
      kicker: W ? worstText(60) : 'Info Blora',
      title: W ? worstText(120) : S ? 'Jadwal posyandu' : 'Lima hal yang perlu Anda tahu tentang program Blora Sehat 2026',
      label: W ? worstText(120) : S ? '' : 'Geser untuk melihat selengkapnya',
    },
    penutup: {
      title: W ? worstText(120) : 'Ikuti informasi resmi kami',
      body: W ? worstText(700) : S ? '' : 'Pertanyaan dan aduan: hubungi layanan LAPOR! Blora.',
    },
  };
  return slideSchema.parse({ ...base, ...f[template] });
}

export function sampleCard(slides: Slide[]): CardContent {
  return {
    name: 'Contoh kartu',
    slides,
    sizes: ['ig-portrait', 'ig-square', 'ig-story', 'fb-link'],
    colors: { primary: '#0b5cab', secondary: '#f2a900', text: '#1c2430', onPrimary: '#ffffff' },
    font: 'roboto',
    postId: null,
    captions: {},
  };
}

export function sampleBrand(v: Variant = 'long') {
  return templateBrand({
    brand: {
      ...DEFAULT_BRAND,
      handles: { instagram: v === 'worst' ? 'dinaskependudukandanpencatatansipilkabupatenblora' : 'dindukcapilblora', facebook: 'Dindukcapil Blora', x: 'dukcapilblora', tiktok: '', youtube: '' },
      hashtags: ['Blora', 'BloraMustika'],
    },
    opdName: v === 'worst' ? 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Blora Provinsi Jawa Tengah Republik Indonesia' : 'Dinas Kependudukan dan Pencatatan Sipil',
    website: 'https://dindukcapil.blorakab.go.id',
    opdLogo: false,
  });
}

/**
 * Official names of agencies of one regency (Kabupaten Blora, Perda on the
 * organisation of regional agencies), longest first, with the short names
 * they use on social media.
 */
export const REGENCY_AGENCIES = [
  { name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana Kabupaten Blora', short: 'DP3AP2KB Blora', web: 'dp3ap2kb.blorakab.go.id', ig: 'dp3ap2kbblora' },
  { name: 'Dinas Pertanian, Ketahanan Pangan, Peternakan dan Perikanan Kabupaten Blora', short: 'Dintanpan Blora', web: 'dintanpan.blorakab.go.id', ig: 'dintanpanblora' },
  { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Blora', short: 'BKPSDM Blora', web: 'bkpsdm.blorakab.go.id', ig: 'bkpsdmblora' },
  { name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Blora', short: 'DPMPTSP Blora', web: 'dpmptsp.blorakab.go.id', ig: 'dpmptspblora' },
  { name: 'Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup Kabupaten Blora', short: 'Dinrumkimhup Blora', web: 'dinrumkimhup.blorakab.go.id', ig: 'dinrumkimhupblora' },
  { name: 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah Kabupaten Blora', short: 'Bapperida Blora', web: 'bapperida.blorakab.go.id', ig: 'bapperidablora' },
] as const;

/** The brand of a real agency with a Pemda and an OPD logo, its website and handles in the footer. */
export function agencyBrand(a: (typeof REGENCY_AGENCIES)[number], o: { shortName?: string; name?: string } = {}) {
  return templateBrand({
    brand: {
      ...DEFAULT_BRAND,
      pemdaLogoMediaId: 'pemda',
      shortName: o.shortName ?? '',
      footer: `${a.web} · @${a.ig}`,
      handles: { instagram: a.ig, facebook: `${a.short.replace(/ Blora$/, '')} Kabupaten Blora`, x: a.ig, tiktok: '', youtube: '' },
    },
    opdName: o.name ?? a.name,
    website: `https://${a.web}`,
    opdLogo: true,
  });
}
