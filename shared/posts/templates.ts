import type { PostContent, PostTemplate } from '@shared/domain/post';

/**
 * Templates offered when creating a post. Guiding placeholders are written
 * [[like this]]: the coach reports every one left (rule template.placeholder),
 * so no guide text is ever published by accident.
 */
export interface TemplateDef {
  id: PostTemplate;
  name: string;
  description: string;
  content: Pick<PostContent, 'title' | 'lead' | 'bodyMd' | 'category'>;
}

export const PLACEHOLDER_RE = /\[\[[^\]\n]{1,200}\]\]/g;

export const TEMPLATES: readonly TemplateDef[] = [
  {
    id: 'berita_kegiatan',
    name: 'Berita kegiatan',
    description: 'Liputan acara atau kegiatan OPD: siapa, apa, di mana, kapan, lalu kutipan.',
    content: {
      title: '[[Siapa melakukan apa — paling banyak 12 kata]]',
      category: 'Berita',
      lead: '[[Nama dan jabatan pelaku]] [[melakukan apa]] di [[tempat]], [[Hari (tgl/bln/tahun), misalnya Kamis (25/8/2022)]]. [[Tujuan atau hasil utama dalam satu kalimat.]]',
      bodyMd: [
        '[[Rincian terpenting: jumlah peserta, hasil, angka kunci.]]',
        '“[[Kutipan narasumber utama]],” ujar [[nama lengkap]], [[jabatan]].',
        '[[Informasi pendukung atau latar belakang.]]',
        '[[Penutup: tindak lanjut, jadwal berikutnya, atau kontak layanan.]]',
      ].join('\n\n'),
    },
  },
  {
    id: 'siaran_pers',
    name: 'Siaran pers',
    description: 'Pernyataan resmi untuk media: 300–500 kata, kutipan pejabat, kontak media.',
    content: {
      title: '[[Inti pernyataan resmi — paling banyak 12 kata]]',
      category: 'Siaran Pers',
      lead: '[[Instansi]] [[menyampaikan/meluncurkan apa]] di [[tempat]], [[Hari (tgl/bln/tahun)]]. [[Mengapa ini penting bagi warga.]]',
      bodyMd: [
        '[[Fakta dan angka utama.]]',
        '“[[Kutipan pejabat]],” kata [[nama lengkap]], [[jabatan]].',
        '[[Rincian program: jadwal, sasaran, syarat.]]',
        '[[Latar belakang dan dasar hukum.]]',
        '**Kontak media:** [[nama, jabatan, nomor telepon atau surel resmi]]',
      ].join('\n\n'),
    },
  },
  {
    id: 'pengumuman',
    name: 'Pengumuman',
    description: 'Informasi resmi untuk warga: apa, kapan, di mana, syarat, kontak.',
    content: {
      title: 'Pengumuman [[perihal]]',
      category: 'Pengumuman',
      lead: '[[Instansi]] mengumumkan [[perihal]] yang berlaku mulai [[Hari (tgl/bln/tahun)]].',
      bodyMd: [
        '- **Waktu:** [[hari, tanggal, pukul 08.00–12.00 WIB]]',
        '- **Tempat:** [[alamat lengkap]]',
        '- **Syarat:** [[dokumen yang dibawa]]',
        '[[Keterangan tambahan.]]',
        'Informasi lebih lanjut: [[kontak resmi]].',
      ].join('\n\n'),
    },
  },
  {
    id: 'artikel_edukasi',
    name: 'Artikel edukasi',
    description: 'Penjelasan untuk warga (kesehatan, layanan, aturan) dengan subjudul dan sumber.',
    content: {
      title: '[[Manfaat atau ajakan yang jelas]]',
      category: 'Edukasi',
      lead: '[[Masalah yang dihadapi warga dan mengapa penting, dengan satu angka atau fakta.]]',
      bodyMd: [
        '## [[Subjudul pertama]]',
        '[[Penjelasan dengan bahasa sehari-hari.]]',
        '## [[Subjudul kedua]]',
        '[[Langkah yang bisa dilakukan warga.]]',
        'Sumber: [[rujukan resmi, misalnya Kementerian Kesehatan]]',
      ].join('\n\n'),
    },
  },
  {
    id: 'capaian_kinerja',
    name: 'Capaian kinerja',
    description: 'Hasil kerja OPD dengan angka: target, realisasi, manfaat, sumber data.',
    content: {
      title: '[[Capaian dengan angka — paling banyak 12 kata]]',
      category: 'Capaian Kinerja',
      lead: '[[Instansi]] mencatat [[capaian dengan angka]] pada [[periode]], disampaikan di [[tempat]], [[Hari (tgl/bln/tahun)]].',
      bodyMd: [
        '[[Target dan realisasi: angka, persentase, perbandingan dengan periode lalu.]]',
        '“[[Kutipan pejabat tentang manfaat bagi warga]],” tegas [[nama lengkap]], [[jabatan]].',
        '[[Program yang mendukung capaian ini.]]',
        'Sumber data: [[dokumen atau sistem resmi]].',
      ].join('\n\n'),
    },
  },
];

export function templateContent(id: PostTemplate): TemplateDef['content'] {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown template ${id}`);
  return { ...t.content };
}
