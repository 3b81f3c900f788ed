/**
 * Hand labels for the evaluation corpus in ../shared/corpus/articles (issue 17).
 * The articles belong to their publishers: only rule ids, short spans (a few
 * words, to find the place) and the expected split fields are kept here.
 *
 * A label is a true error in the published text. `rule` lists the rule ids
 * that correctly report it. `span` locates it (first occurrence, or the n-th
 * with `n`); a label without span is about the whole field (a lead without a
 * date). `optional` marks debatable points: a finding there is no false
 * alarm, a miss costs no recall.
 */
export interface ErrorLabel {
  rule: string | string[];
  span?: string;
  n?: number;
  optional?: true;
}

export interface SplitLabel {
  /** Expected dateline (place only, upper case), '' when the text has none. */
  dateline: string;
  /** The lead (first paragraph after dateline) starts with these words. */
  leadStart: string;
  /** The last body paragraph ends with these words (credit removed). */
  bodyEnd: string;
  /** Words of the by-line or closing credit expected in author or editor credit (any case); '' when none or not decidable. */
  credit: string;
}

export interface ArticleLabels {
  file: string;
  split: SplitLabel;
  errors: ErrorLabel[];
}

const SPELL = 'spell.unknown';
const NONSTD = 'eyd.nonstandard';
const CLITIC = ['eyd.clitic', SPELL];
const REDUP = ['eyd.reduplication', 'eyd.repeated', SPELL];
const SE = ['eyd.se', SPELL];
const QUOTE_SPACE = 'eyd.quoteSpace';
const UNBAL = 'quote.unbalanced';
const FINAL = 'eyd.finalStop';
const CONJ = 'eyd.pairedConj';
const PAREN = 'eyd.parenSpace';
const PUNCT_SPACE = 'eyd.punctSpace';
const CAPITAL = 'eyd.capital';
const WHEN = 'lead.when';

export const LABELS: ArticleLabels[] = [
  {
    file: '01-aceh-utara-bantuan-puting-beliung.txt',
    split: { dateline: 'ACEH UTARA', leadStart: 'Sebanyak 26 Jiwa', bodyEnd: 'dalam musibah tersebut.', credit: 'masta' },
    errors: [
      { rule: 'eyd.doubleSpace', span: 'Kecamatan  Paya' },
      { rule: 'eyd.doubleSpace', span: 'beliung  Gampong' },
      { rule: 'eyd.doubleSpace', span: 'rumah  yang' },
      { rule: 'eyd.doubleSpace', span: 'desa  maupun' },
      { rule: PAREN, span: 'Keluarga(KK)' },
      { rule: QUOTE_SPACE, span: '",kata' },
      { rule: CLITIC, span: 'kata nya' },
      { rule: 'eyd.commaSpace', span: 'Goreng,dan' },
      { rule: 'eyd.commaSpace', span: 'instan,serta' },
      { rule: REDUP, span: 'lain lain' },
      { rule: CLITIC, span: 'lain nya' },
      { rule: CLITIC, span: 'rumah nya' },
      { rule: NONSTD, span: 'Mesjid', n: 0 },
      { rule: NONSTD, span: 'Mesjid', n: 1 },
      { rule: NONSTD, span: 'mesjid' },
      { rule: SPELL, span: 'dipriotitaskan' },
      { rule: CLITIC, span: 'pihak nya', n: 0 },
      { rule: CLITIC, span: 'pihak nya', n: 1 },
      { rule: SPELL, span: 'memproritaskan', n: 0 },
      { rule: SPELL, span: 'memproritaskan', n: 1 },
      { rule: CLITIC, span: 'Jelas nya' },
      { rule: 'eyd.diVerb', span: 'di tangani' },
      { rule: SPELL, span: 'kusus' },
      { rule: CLITIC, span: 'kusus nya' },
      { rule: CLITIC, span: 'sebelum nya' },
      { rule: [...REDUP, SPELL], span: 'memporak poranda' },
      { rule: 'eyd.diVerb', span: 'di sapu' },
      { rule: CAPITAL, span: 'Aceh utara', n: 0, optional: true },
      { rule: CAPITAL, span: 'aceh utara', optional: true },
      { rule: [CAPITAL, SPELL], span: 'yusup', optional: true },
      { rule: [CAPITAL, SPELL], span: 'bakong', optional: true },
      { rule: NONSTD, span: 'mie instan' },
      { rule: 'title.case', span: 'Untuk', optional: true },
    ],
  },
  {
    file: '02-rohil-sumbangan-siswa-gempa.txt',
    split: { dateline: 'ROKAN HILIR', leadStart: 'Dinas pendidikan Kabupaten', bodyEnd: 'kata Bupati.', credit: 'Syofyan' },
    errors: [
      { rule: SE, span: 'Se Rohil', optional: true },
      { rule: SE, span: 'se Kabupaten', n: 0 },
      { rule: SE, span: 'se Kabupaten', n: 1 },
      { rule: SE, span: 'se Kabupaten', n: 2 },
      { rule: 'eyd.rupiah', span: 'Rp 203', },
      { rule: 'eyd.rupiah', span: 'Rp 125' },
      { rule: 'eyd.rupiah', span: 'Rp 328' },
      { rule: PUNCT_SPACE, span: 'SD ,SMP' },
      { rule: 'eyd.commaSpace', span: 'SD,SMP' },
      { rule: 'eyd.ordinal', span: 'Ke 19' },
      { rule: ['eyd.diPlace', SPELL], span: 'ditaman' },
      { rule: ['eyd.diPlace', SPELL], span: 'Ditempat' },
      { rule: [...REDUP, SPELL], span: 'porak poranda' },
      { rule: SPELL, span: 'diluluh' },
      { rule: CAPITAL, span: 'Rokan hilir', n: 0, optional: true },
      { rule: CAPITAL, span: 'Rokan hilir', n: 1, optional: true },
      { rule: CONJ, span: 'Rupiah, tapi' },
      { rule: NONSTD, span: 'Insya Allah', n: 0, optional: true },
      { rule: NONSTD, span: 'Insya Allah', n: 1, optional: true },
      { rule: WHEN },
      { rule: 'title.case', span: 'Untuk', optional: true },
    ],
  },
  {
    file: '03-prabumulih-gotong-royong-cambai.txt',
    split: { dateline: 'PRABUMULIH', leadStart: 'Pemerintah Kecamatan Cambai', bodyEnd: 'penuh semangat.', credit: '' },
    errors: [
      { rule: CONJ, span: 'antara pemerintah dengan' },
      { rule: WHEN },
    ],
  },
  {
    file: '04-bangka-belinyu-jumat-bersih.txt',
    split: { dateline: 'BANGKA', leadStart: 'Pemerintah Kecamatan Belinyu', bodyEnd: 'lingkungan kerja mereka.', credit: 'Edho' },
    errors: [
      { rule: NONSTD, span: 'Jum’at', n: 0 },
      { rule: NONSTD, span: 'Jum’at', n: 1 },
      { rule: NONSTD, span: 'Jum’at', n: 2 },
      { rule: NONSTD, span: 'Jum’at', n: 3 },
      { rule: NONSTD, span: 'Jum’at', n: 4 },
      { rule: SE, span: 'se Kecamatan' },
      { rule: FINAL, span: 'pagi' },
      { rule: NONSTD, span: 'nampak', n: 0 },
      { rule: NONSTD, span: 'nampak', n: 1 },
      { rule: UNBAL, span: '” Memang' },
      { rule: 'eyd.diVerb', span: 'di harapkan' },
      { rule: SPELL, span: 'lapaisan' },
      { rule: SPELL, span: 'masyrakat' },
      { rule: SPELL, span: 'mebersihkan' },
      { rule: SPELL, span: 'perkarangan' },
      { rule: [SPELL, NONSTD], span: 'staff' },
    ],
  },
  {
    file: '05-lampung-barat-gotong-royong-pekon.txt',
    split: { dateline: 'LAMBAR', leadStart: 'Sebagai wujud kebersamaan', bodyEnd: 'tutupnya', credit: 'rin/mlo' },
    errors: [
      { rule: 'eyd.doubleSpace', span: ')  ke-77' },
      { rule: 'eyd.doubleSpace', span: 'tersebut  sebagai' },
      { rule: 'eyd.pada', span: 'di masa' },
      { rule: ['eyd.foreign', SPELL], span: 'support' },
      { rule: FINAL, span: 'support', optional: true },
      { rule: FINAL, span: 'tutupnya', optional: true },
      { rule: UNBAL, span: '“Gotong' },
      { rule: CONJ, span: 'antara perangkat pekon dengan' },
      { rule: 'lead.background', optional: true },
    ],
  },
  {
    file: '06-lampung-utara-mkks-smp.txt',
    split: { dateline: 'LAMPUNG UTARA', leadStart: 'Kepala Dinas Pendidikan', bodyEnd: 'berantakan dan rusak.', credit: 'Andrian folta' },
    errors: [
      { rule: [NONSTD, SPELL], span: 'Negri' },
      { rule: 'title.case', span: 'dinas pendidikan', optional: true },
      { rule: PAREN, span: '( Disdikbud' },
      { rule: SPELL, span: 'penyerapanya' },
      { rule: SPELL, span: 'berkerja' },
      { rule: SPELL, span: 'proposional' },
      { rule: FINAL, span: 'kata dia' },
      { rule: NONSTD, span: 'menghimbau' },
      { rule: [NONSTD, SPELL], span: 'ramadhan' },
      { rule: [NONSTD, SPELL], span: 'mubeler' },
    ],
  },
  {
    file: '07-kepulauan-seribu-imunisasi-polio.txt',
    split: { dateline: '', leadStart: 'Suku Dinas Kesehatan', bodyEnd: 'selama sepekan.', credit: '' },
    errors: [
      { rule: 'dateline.missing' },
      { rule: WHEN },
      { rule: FINAL, span: 'jemput bola' },
      { rule: 'eyd.diPlace', span: 'dimana' },
      { rule: CAPITAL, span: 'Balitanya', optional: true },
    ],
  },
  {
    file: '08-bandung-cipamokolan-gober.txt',
    split: { dateline: 'BANDUNG', leadStart: 'Pemerintah Kelurahan Cipamokolan', bodyEnd: 'Kota Bandung.', credit: 'Dani' },
    errors: [{ rule: WHEN }],
  },
  {
    file: '09-garut-harga-bahan-pokok.txt',
    split: { dateline: 'GARUT', leadStart: 'Bupati Garut, Rudy', bodyEnd: 'tandasnya.', credit: 'Hanapi' },
    errors: [
      { rule: 'title.case', span: 'Di Pasar', optional: true },
      { rule: CONJ, span: 'ada, namun' },
      { rule: [NONSTD, SPELL], span: 'komplit' },
    ],
  },
  {
    file: '10-wonosobo-rawan-longsor.txt',
    split: { dateline: '', leadStart: '15 kecamatan yang', bodyEnd: 'pungkas Bambang.', credit: 'Tosiani' },
    errors: [
      { rule: 'dateline.missing' },
      { rule: WHEN },
      { rule: 'eyd.numberStart', span: '15 kecamatan', optional: true },
      { rule: SPELL, span: 'teksture' },
      { rule: SPELL, span: 'daerag' },
      { rule: SPELL, span: 'rawab' },
      { rule: QUOTE_SPACE, span: '"katanya' },
      { rule: SPELL, span: 'ekstren' },
      { rule: QUOTE_SPACE, span: '"pungkas' },
    ],
  },
  {
    file: '11-klaten-bantuan-banjir-demak.txt',
    split: { dateline: 'KLATEN', leadStart: 'Pemerintah Kabupaten (Pemkab) Klaten', bodyEnd: 'tukasnya.', credit: 'Ardhike Indah' },
    errors: [
      { rule: WHEN },
      { rule: NONSTD, span: 'Pendopo Pemkab Klaten', optional: true },
      { rule: NONSTD, span: 'Pendopo Pemkab Demak', optional: true },
    ],
  },
  {
    file: '12-kulonprogo-bansos-apbd.txt',
    split: { dateline: 'KULONPROGO', leadStart: 'Pemda DIY telah', bodyEnd: 'ucapnya.', credit: '' },
    errors: [{ rule: [SPELL, 'eyd.foreign'], span: 'tercover' }],
  },
  {
    file: '13-gunungkidul-tepus-alat-pertanian.txt',
    split: { dateline: 'TEPUS', leadStart: 'Dalam tahun anggaran', bodyEnd: 'bagi masyarakat.', credit: 'mz' },
    errors: [
      { rule: WHEN },
      { rule: SPELL, span: 'efisian' },
      { rule: 'lead.where', optional: true },
    ],
  },
  {
    file: '14-bojonegoro-pantau-harga-sembako.txt',
    split: { dateline: 'BOJONEGORO', leadStart: 'Bupati Bojonegoro Suyoto', bodyEnd: 'per liter.', credit: '*' },
    errors: [
      { rule: [NONSTD, SPELL], span: 'Ramadhan' },
      { rule: NONSTD, span: 'Idul Fitri', optional: true },
      { rule: [NONSTD, SPELL], span: 'selular', n: 0 },
      { rule: [NONSTD, SPELL], span: 'selular', n: 1 },
      { rule: SPELL, span: 'erly' },
      { rule: ['eyd.foreign', SPELL], span: 'warning', optional: true },
      { rule: SPELL, span: 'disambungkean' },
      { rule: [SPELL, CAPITAL], span: 'BOjonegoro', optional: true },
      { rule: SPELL, span: 'menjelakan' },
    ],
  },
  {
    file: '15-lamongan-vaksinasi-anak-sd.txt',
    split: { dateline: '', leadStart: 'Program vaksinasi Covid-19', bodyEnd: 'SDN Laren 2.', credit: '' },
    errors: [
      { rule: 'dateline.missing' },
      { rule: WHEN },
      { rule: SPELL, span: 'ditetepkan' },
      { rule: UNBAL, span: '"Saya meminta' },
      { rule: UNBAL, span: '"Sasaran' },
      { rule: 'eyd.number', span: '3 sampai', optional: true },
      { rule: 'eyd.number', span: '4 minggu', n: 1, optional: true },
      { rule: SPELL, span: 'sinovac', optional: true },
    ],
  },
  {
    file: '16-barito-timur-puskesmas-bentot.txt',
    split: { dateline: 'TAMIANG LAYANG', leadStart: 'Bupati Barito Timur', bodyEnd: 'pungkas Ampera.', credit: 'BOLE MALO' },
    errors: [
      { rule: 'eyd.rupiah', span: 'Rp 4' },
      { rule: [SPELL, NONSTD], span: 'mengkampanyekan' },
    ],
  },
  {
    file: '17-kotim-rakor-camat-pulau-hanaut.txt',
    split: { dateline: 'SAMPIT', leadStart: 'Program Rapat Koordinasi', bodyEnd: 'tandasnya.', credit: 'ifin' },
    errors: [
      { rule: ['eyd.ordinal', 'eyd.number'], span: 'ke 4' },
      { rule: 'quote.firstMention', span: 'Eddy', optional: true },
    ],
  },
  {
    file: '18-tabalong-disdukcapil-cuti-lebaran.txt',
    split: { dateline: '', leadStart: 'HARI Raya Idul', bodyEnd: 'tambah Rowi.', credit: 'hery' },
    errors: [
      { rule: 'dateline.missing' },
      { rule: WHEN },
      { rule: 'lead.where', optional: true },
      { rule: [NONSTD, SPELL], span: 'Hijriyah' },
      { rule: NONSTD, span: 'Idul Fitri', optional: true },
      { rule: 'eyd.pada', span: 'di hari' },
    ],
  },
  {
    file: '19-kolaka-buka-puasa-insan-pers.txt',
    split: { dateline: 'KOLAKA', leadStart: 'Pemerintah Kabupaten Kolaka', bodyEnd: 'kode etik jurnalistik.', credit: '' },
    errors: [
      { rule: SPELL, span: 'sinergitas', n: 0 },
      { rule: SPELL, span: 'sinergitas', n: 1 },
    ],
  },
  {
    file: '20-lombok-tengah-bantuan-banjir.txt',
    split: { dateline: 'PRAYA', leadStart: 'Dinas Sosial Kabupaten', bodyEnd: 'kita bangkit.', credit: '' },
    errors: [
      { rule: 'title.allcaps' },
      { rule: WHEN, optional: true },
      { rule: [NONSTD, SPELL], span: 'Mie' },
      { rule: ['eyd.foreign', SPELL], span: 'Kids ware', optional: true },
      { rule: ['eyd.foreign', SPELL], span: 'Family', optional: true },
      { rule: ['eyd.affix', SPELL], span: 'pasca banjir' },
    ],
  },
  {
    file: '21-manggarai-timur-jalan-rusak.txt',
    split: { dateline: 'BORONG', leadStart: 'Jalan menuju Desa', bodyEnd: 'melalui APBDes.', credit: 'Robert Ropo' },
    errors: [
      { rule: WHEN },
      { rule: 'lead.who', optional: true },
      { rule: [NONSTD, SPELL], span: 'Asset', n: 0 },
      { rule: [NONSTD, SPELL], span: 'Asset', n: 1 },
      { rule: 'title.case', span: 'Untuk', optional: true },
      { rule: ['eyd.foreign', SPELL], span: 'double', optional: true },
      { rule: ['eyd.foreign', SPELL], span: 'cabin', optional: true },
    ],
  },
  {
    file: '22-maluku-utara-apel-asn.txt',
    split: { dateline: '', leadStart: 'Wakil Gubernur (Wagub)', bodyEnd: 'Provinsi Maluku Utara.', credit: '' },
    errors: [
      { rule: 'dateline.missing' },
      { rule: ['eyd.foreign', SPELL], span: 'speedboat', optional: true },
    ],
  },
  {
    file: '23-jayapura-bantuan-puncak-yapen.txt',
    split: { dateline: 'SENTANI', leadStart: 'Pemerintah Puncak memberikan', bodyEnd: 'katanya.', credit: 'tom' },
    errors: [
      { rule: [NONSTD, SPELL], span: 'Milliar', n: 0 },
      { rule: [NONSTD, SPELL], span: 'milliar' },
      { rule: 'eyd.rupiah', span: 'Rp 500', n: 0 },
      { rule: 'eyd.rupiah', span: 'Rp 500', n: 1 },
      { rule: WHEN },
      { rule: SPELL, span: 'pemberikan' },
      { rule: SPELL, span: 'kepeduliaan' },
      { rule: QUOTE_SPACE, span: '“ Kami', n: 0 },
      { rule: QUOTE_SPACE, span: ',”katanya' },
      { rule: 'eyd.commaSpace', span: 'katanya,Rabu' },
      { rule: ['eyd.diPlace', SPELL], span: 'Disamping' },
      { rule: SPELL, span: 'belasukawa' },
      { rule: 'eyd.doubleSpace', span: 'baik.  “' },
      { rule: PUNCT_SPACE, span: 'baik ,”' },
      { rule: QUOTE_SPACE, span: '“ Kami', n: 1 },
      { rule: QUOTE_SPACE, span: ',”ungkapnya' },
      { rule: ['eyd.diPlace', SPELL], span: 'dihadapan' },
      { rule: ['eyd.diPlace', SPELL], span: 'Ditempat' },
      { rule: [NONSTD, SPELL], span: 'Apapun' },
      { rule: UNBAL, span: ',’ katanya' },
      { rule: 'title.case', span: 'Dan Yapen', optional: true },
    ],
  },
  {
    file: '24-kota-jayapura-paket-bantuan.txt',
    split: { dateline: 'JAYAPURA', leadStart: 'Pemerintah Kota (Pemkot)', bodyEnd: 'sebanyak 23 KK.', credit: 'HumasKotaJayapura' },
    errors: [
      { rule: WHEN },
      { rule: NONSTD, span: 'Walikota' },
      { rule: ['eyd.foreign', SPELL], span: 'hall', optional: true },
      { rule: 'eyd.diVerb', span: 'di petakan' },
      { rule: CAPITAL, span: 'Mengharapkan', optional: true },
    ],
  },
];
