/**
 * Word lists of the writing coach, with their sources.
 *
 * NONSTANDARD: forms that KBBI daring (kbbi.kemdikbud.go.id, KBBI VI) marks
 * as "bentuk tidak baku" and points to the standard entry; the spelling of
 * prefixes (me- + k/p/t/s melts: mengubah, memengaruhi, menyukseskan) follows
 * EYD Edisi V (Badan Pengembangan dan Pembinaan Bahasa, 2022), "Penulisan
 * Kata — Kata Berimbuhan", and the Badan Bahasa list "Kata Baku dan Tidak
 * Baku". Keys are lower-case; the coach keeps the writer's capitalisation.
 */
export const NONSTANDARD: Readonly<Record<string, string>> = {
  himbau: 'imbau', menghimbau: 'mengimbau', himbauan: 'imbauan', dihimbau: 'diimbau',
  ijin: 'izin', perijinan: 'perizinan', mengijinkan: 'mengizinkan', diijinkan: 'diizinkan',
  praktek: 'praktik', mempraktekkan: 'mempraktikkan',
  resiko: 'risiko', beresiko: 'berisiko',
  silahkan: 'silakan',
  aktifitas: 'aktivitas', kreatifitas: 'kreativitas', produktifitas: 'produktivitas', efektifitas: 'efektivitas',
  sensitifitas: 'sensitivitas', objektifitas: 'objektivitas', obyektifitas: 'objektivitas',
  merubah: 'mengubah', dirubah: 'diubah', rubah: 'ubah',
  antri: 'antre', mengantri: 'mengantre', antrian: 'antrean',
  sekedar: 'sekadar',
  apotik: 'apotek',
  analisa: 'analisis', menganalisa: 'menganalisis', dianalisa: 'dianalisis',
  diagnosa: 'diagnosis', hipotesa: 'hipotesis',
  respon: 'respons', merespon: 'merespons', responnya: 'responsnya', direspon: 'direspons',
  sistim: 'sistem', sistimatis: 'sistematis',
  nasehat: 'nasihat', jadual: 'jadwal', jaman: 'zaman',
  kwalitas: 'kualitas', kwitansi: 'kuitansi', frekwensi: 'frekuensi',
  obyek: 'objek', subyek: 'subjek',
  tehnik: 'teknik', tehnologi: 'teknologi', tehnis: 'teknis',
  ijasah: 'ijazah', hutang: 'utang',
  nafas: 'napas', trampil: 'terampil', ketrampilan: 'keterampilan',
  propinsi: 'provinsi', hakekat: 'hakikat',
  kadaluarsa: 'kedaluwarsa', kadaluwarsa: 'kedaluwarsa',
  cidera: 'cedera', telpon: 'telepon', terlanjur: 'telanjur',
  koordinir: 'koordinasi', mengkoordinir: 'mengoordinasi', mengkoordinasikan: 'mengoordinasikan',
  pengkayaan: 'pengayaan', akutansi: 'akuntansi',
  kran: 'keran', trend: 'tren',
  standarisasi: 'standardisasi', legalisir: 'legalisasi',
  atlit: 'atlet', azas: 'asas', cabe: 'cabai', detil: 'detail', gubug: 'gubuk', karir: 'karier',
  konkrit: 'konkret', kongkrit: 'konkret', lobang: 'lubang', mesjid: 'masjid', milyar: 'miliar', nomer: 'nomor',
  prosentase: 'persentase', rejeki: 'rezeki', samudera: 'samudra', walikota: 'wali kota',
  rapih: 'rapi', sholat: 'salat', shalat: 'salat',
  mempengaruhi: 'memengaruhi', mensukseskan: 'menyukseskan', mentaati: 'menaati',
  mengkonsumsi: 'mengonsumsi', mensosialisasikan: 'menyosialisasikan', mempesona: 'memesona',
  menterjemahkan: 'menerjemahkan', mentolerir: 'menoleransi', pengrusakan: 'perusakan',
  nampak: 'tampak', nampaknya: 'tampaknya', tauladan: 'teladan',
  berfikir: 'berpikir', fikir: 'pikir',
  ekstrim: 'ekstrem', teoritis: 'teoretis', seksama: 'saksama', terlantar: 'telantar',
  ambulan: 'ambulans', paska: 'pasca', nopember: 'November', pebruari: 'Februari',
  // Issue 17: forms real government articles use (KBBI VI marks them non-standard or lists the standard entry).
  "jum'at": 'Jumat', 'jum’at': 'Jumat', negri: 'negeri', ramadhan: 'Ramadan', hijriyah: 'Hijriah', mie: 'mi',
  asset: 'aset', milliar: 'miliar', apapun: 'apa pun', siapapun: 'siapa pun', dimanapun: 'di mana pun', kapanpun: 'kapan pun',
  selular: 'seluler', komplit: 'komplet', staff: 'staf', mubeler: 'mebel', pendopo: 'pendapa', terimakasih: 'terima kasih',
  difinitif: 'definitif', kecematan: 'kecamatan', 'insya allah': 'insyaallah', insyaallah_: 'insyaallah',
  'idul fitri': 'Idulfitri', 'idul adha': 'Iduladha', 'hari raya idul fitri': 'Hari Raya Idulfitri', mengkampanyekan: 'mengampanyekan',
  mengkomunikasikan: 'mengomunikasikan',
};

/**
 * Foreign words with the Indonesian equivalent recommended by Badan Bahasa
 * (KBBI daring and the "Padanan Istilah" lists of Badan Pengembangan dan
 * Pembinaan Bahasa). EYD V, "Pemakaian Huruf — Huruf Miring": a foreign word
 * that is kept must be written in italics.
 */
export const FOREIGN: Readonly<Record<string, string>> = {
  interesting: 'menarik', knowledge: 'pengetahuan', stuck: 'buntu', circle: 'lingkaran',
  workshop: 'lokakarya', meeting: 'rapat', online: 'daring', offline: 'luring', event: 'acara',
  launching: 'peluncuran', upload: 'unggah', download: 'unduh', update: 'pembaruan', feedback: 'umpan balik',
  deadline: 'tenggat', talkshow: 'gelar wicara', gadget: 'gawai', smartphone: 'ponsel pintar',
  followers: 'pengikut', briefing: 'taklimat', reward: 'penghargaan', stakeholder: 'pemangku kepentingan',
  stakeholders: 'pemangku kepentingan', sharing: 'berbagi', monitoring: 'pemantauan', branding: 'penjenamaan',
  trending: 'tren', hashtag: 'tagar', link: 'tautan', password: 'kata sandi', screenshot: 'tangkapan layar',
  lockdown: 'karantina wilayah', sparepart: 'suku cadang', skill: 'keterampilan', skills: 'keterampilan',
  mindset: 'pola pikir', roadmap: 'peta jalan', timeline: 'lini masa', fans: 'penggemar', volunteer: 'relawan',
  driver: 'pengemudi', support: 'dukungan', hall: 'aula', speedboat: 'perahu cepat', warning: 'peringatan', outsourcing: 'alih daya', coaching: 'pembimbingan', mentoring: 'pendampingan',
};

/**
 * Lower-case words a government account must handle with care: ethnic,
 * religious and political labels that provoke (SARA). Source: SE MenPANRB
 * No. 137 Tahun 2018 (ASN must not spread content that insults or provokes
 * on SARA grounds); Keppres No. 12 Tahun 2014 (use "Tionghoa"/"Tiongkok"
 * instead of "Cina").
 */
export const SARA_TERMS: Readonly<Record<string, string>> = {
  kafir: 'label keagamaan yang menyinggung',
  'antek asing': 'tuduhan yang memecah belah',
  aseng: 'sebutan etnis yang merendahkan',
  pribumi: 'dikotomi etnis (Inpres 26/1998 menghentikan istilah pribumi/nonpribumi)',
  nonpribumi: 'dikotomi etnis (Inpres 26/1998 menghentikan istilah pribumi/nonpribumi)',
  'non-pribumi': 'dikotomi etnis (Inpres 26/1998 menghentikan istilah pribumi/nonpribumi)',
  cina: 'gunakan "Tionghoa" untuk etnis dan "Tiongkok" untuk negara (Keppres 12/2014)',
  sesat: 'label keyakinan yang menghakimi',
  murtad: 'label keyakinan yang menghakimi',
  cebong: 'julukan politik yang merendahkan',
  kampret: 'julukan politik yang merendahkan',
  kadrun: 'julukan politik yang merendahkan',
};

/** Phrases that present a claim without a source (hearsay). */
export const HEARSAY = [
  'konon', 'kabarnya', 'kabar beredar', 'isu beredar', 'isunya', 'desas-desus', 'santer terdengar', 'santer beredar',
  'menurut sumber yang tidak mau disebut', 'sumber yang enggan disebut', 'sumber anonim', 'belum terkonfirmasi',
  'katanya sih', 'dengar-dengar',
];

/** Campaign vocabulary checked during the election period (ASN neutrality). */
export const CAMPAIGN_TERMS = ['nomor urut', 'coblos', 'paslon', 'pasangan calon', 'menangkan', 'pilih nomor', 'dukung calon'];

/** Jabatan (positions) that are capitalised before a name, place or agency. */
export const JABATAN = [
  'wakil bupati', 'bupati', 'wakil wali kota', 'wali kota', 'wakil gubernur', 'gubernur', 'wakil presiden', 'presiden',
  'menteri', 'sekretaris daerah', 'sekda', 'camat', 'lurah', 'kepala desa', 'kades', 'kepala dinas', 'kadin',
  'kepala badan', 'kepala bagian', 'kabag', 'kepala bidang', 'kabid', 'kepala seksi', 'kasi', 'kepala sekolah',
  'kepala puskesmas', 'kapolres', 'kapolsek', 'dandim', 'danramil', 'ketua', 'wakil ketua', 'sekretaris', 'direktur',
  'asisten', 'inspektur', 'kepala', 'plt', 'pj',
];

/** Numbers one to eleven, one hundred and one thousand: one word each (spelled out, EYD V). */
export const ONE_WORD_NUMBERS: Readonly<Record<string, string>> = {
  '1': 'satu', '2': 'dua', '3': 'tiga', '4': 'empat', '5': 'lima', '6': 'enam', '7': 'tujuh', '8': 'delapan',
  '9': 'sembilan', '10': 'sepuluh', '11': 'sebelas', '100': 'seratus', '1000': 'seribu',
};

/** di + word written together by mistake where "di" is a preposition (di mana, di sini…). */
export const DI_PLACE: Readonly<Record<string, string>> = {
  dimana: 'di mana', disini: 'di sini', disana: 'di sana', disitu: 'di situ', didalam: 'di dalam', diluar: 'di luar',
  diatas: 'di atas', dibawah: 'di bawah', didepan: 'di depan', dibelakang: 'di belakang', disamping: 'di samping',
  diantara: 'di antara', disekitar: 'di sekitar', dikantor: 'di kantor', dirumah: 'di rumah', disekolah: 'di sekolah',
  didesa: 'di desa', dikota: 'di kota', dilapangan: 'di lapangan', diseluruh: 'di seluruh', disela: 'di sela',
  kemana: 'ke mana', kesini: 'ke sini', kesana: 'ke sana', kesitu: 'ke situ', kedalam: 'ke dalam',
  keatas: 'ke atas', kebawah: 'ke bawah', kedepan: 'ke depan', kebelakang: 'ke belakang',
  // Place nouns that are never a di- verb when joined (ditempati, dipasarkan are verbs; ditempat, dipasar are not).
  ditempat: 'di tempat', ditaman: 'di taman', dihadapan: 'di hadapan', ditengah: 'di tengah', diujung: 'di ujung',
  dipinggir: 'di pinggir', disebelah: 'di sebelah', diseberang: 'di seberang', dipojok: 'di pojok', disisi: 'di sisi',
  dikawasan: 'di kawasan', diwilayah: 'di wilayah', didaerah: 'di daerah', dilokasi: 'di lokasi', digedung: 'di gedung',
  diaula: 'di aula', dibalai: 'di balai', dihalaman: 'di halaman', dilingkungan: 'di lingkungan', dipasar: 'di pasar',
  dijalan: 'di jalan', dikecamatan: 'di kecamatan', dikabupaten: 'di kabupaten', dikelurahan: 'di kelurahan',
  dipuskesmas: 'di puskesmas', dimasjid: 'di masjid', diantaranya: 'di antaranya', kemanapun: 'ke mana pun',
};

/** Time words after which "pada", not "di", is the preposition. */
export const TIME_WORDS = ['tahun', 'hari', 'bulan', 'minggu', 'pekan', 'pagi', 'siang', 'sore', 'malam', 'era', 'saat', 'waktu', 'masa', 'tanggal', 'akhir tahun', 'awal tahun'];

/**
 * Reduplication with a sound change, written with a hyphen (EYD V, "Bentuk
 * Ulang"; KBBI entries): "porak poranda" → "porak-poranda".
 */
export const REDUP_SOUND = [
  'porak poranda', 'bolak balik', 'mondar mandir', 'sayur mayur', 'lauk pauk', 'compang camping', 'carut marut', 'hiruk pikuk',
  'kocar kacir', 'warna warni', 'ramah tamah', 'gerak gerik', 'serba serbi', 'tunggang langgang', 'corat coret', 'teka teki',
  'huru hara', 'simpang siur', 'tindak tanduk', 'lalu lalang', 'pontang panting', 'tegur sapa', 'asal usul', 'robak rabik', 'sorak sorai',
];
