import type { RuleInfo } from '@shared/posts/types';

const EYD = 'Ejaan Bahasa Indonesia yang Disempurnakan Edisi V (EYD V), Badan Pengembangan dan Pembinaan Bahasa, 2022';
const KBBI = 'KBBI daring (kbbi.kemdikbud.go.id), bentuk baku dan tidak baku';
const NEWS = 'Kaidah dasar penulisan berita: piramida terbalik dan teras 5W+1H; gaya portal pemerintah daerah (contoh: "Medsos OPD Jangan Mati Suri", Portal Berita Pemprov Jateng, 27/8/2022)';
const SE137 = 'Surat Edaran Menteri PANRB No. 137 Tahun 2018 tentang Penyebarluasan Informasi Melalui Media Sosial bagi Aparatur Sipil Negara';
const NEUTRAL = 'UU No. 20 Tahun 2023 tentang ASN (asas netralitas) dan SKB Menteri PANRB, Mendagri, Kepala BKN, Ketua KASN, Ketua Bawaslu No. 2 Tahun 2022 tentang Pedoman Netralitas ASN';

/** Every coach rule: id, severity, Indonesian title, explanation and source. */
export const RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  (
    [
      ['template.placeholder', 'struktur', 'error', 'Teks panduan templat belum diganti', 'Bagian bertanda [[…]] adalah panduan dari templat. Ganti dengan isi sebenarnya sebelum tulisan ditinjau.', 'Templat tulisan Redaksi'],
      ['title.missing', 'struktur', 'error', 'Judul belum diisi', 'Setiap berita memerlukan judul yang menggambarkan inti peristiwa.', NEWS],
      ['title.long', 'struktur', 'warning', 'Judul terlalu panjang', 'Judul yang ringkas (paling banyak 12 kata atau 80 karakter, dapat diatur di Pengaturan) mudah dibaca di beranda portal dan media sosial.', NEWS],
      ['title.allcaps', 'struktur', 'warning', 'Judul ditulis dengan huruf kapital semua', 'Judul ditulis dengan huruf kapital pada awal setiap kata, bukan seluruhnya kapital. Huruf kapital semua terbaca seperti berteriak.', `${EYD}, Huruf Kapital (judul)`],
      ['title.period', 'struktur', 'warning', 'Judul diakhiri titik', 'Tanda titik tidak dipakai pada akhir judul.', `${EYD}, Tanda Titik`],
      ['dateline.missing', 'struktur', 'error', 'Dateline (kota) belum diisi', 'Berita dibuka dengan nama kota tempat peristiwa dalam huruf kapital, diikuti tanda pisah: "BLORA – …".', NEWS],
      ['dateline.format', 'struktur', 'warning', 'Dateline ditulis dengan huruf kapital', 'Nama kota pada dateline ditulis dengan huruf kapital semua, tanpa tanda baca: "BLORA".', NEWS],
      ['lead.missing', 'struktur', 'error', 'Teras berita belum diisi', 'Teras (lead) adalah paragraf pertama yang menjawab apa, siapa, di mana, dan kapan.', NEWS],
      ['lead.sentences', 'struktur', 'warning', 'Teras lebih dari tiga kalimat', 'Teras berita paling banyak tiga kalimat agar inti berita langsung terbaca.', NEWS],
      ['lead.length', 'struktur', 'info', 'Panjang teras di luar 30–45 kata', 'Teras yang baik umumnya 30–45 kata: cukup untuk apa, siapa, di mana, dan kapan, tanpa latar belakang.', NEWS],
      ['lead.when', 'struktur', 'warning', 'Teras belum menyebut hari dan tanggal', 'Tulis waktu peristiwa dengan format hari dan tanggal, misalnya "Kamis (25/8/2022)".', NEWS],
      ['lead.where', 'struktur', 'info', 'Teras belum menyebut tempat', 'Sebut tempat peristiwa, misalnya "di Pendopo Rumah Dinas Bupati".', NEWS],
      ['lead.who', 'struktur', 'info', 'Teras belum menyebut pelaku', 'Sebut siapa pelaku atau narasumber utama dengan nama dan jabatannya.', NEWS],
      ['lead.background', 'struktur', 'info', 'Teras dibuka dengan latar belakang', 'Piramida terbalik: informasi terpenting lebih dahulu. Latar belakang ("Dalam rangka…", "Seperti diketahui…") dipindahkan ke paragraf berikutnya.', NEWS],
      ['paragraph.long', 'struktur', 'info', 'Paragraf lebih dari empat kalimat', 'Paragraf berita pendek (paling banyak empat kalimat) lebih mudah dibaca di layar ponsel.', NEWS],
      ['sentence.long', 'struktur', 'info', 'Kalimat lebih dari 35 kata', 'Kalimat panjang sulit dipahami. Pecah menjadi dua kalimat.', NEWS],
      ['body.length', 'struktur', 'info', 'Panjang tulisan di luar anjuran templat', 'Setiap jenis tulisan punya panjang yang lazim, misalnya siaran pers 300–500 kata.', NEWS],
      ['quote.unbalanced', 'kutipan', 'error', 'Tanda petik tidak berpasangan', 'Setiap tanda petik pembuka harus ditutup di paragraf yang sama.', `${EYD}, Tanda Petik`],
      ['quote.unattributed', 'kutipan', 'warning', 'Kutipan tanpa narasumber', 'Setiap kutipan langsung harus jelas siapa yang mengucapkannya: "…," ujar/kata/tegas/ungkap/jelas/imbuh + nama atau jabatan.', NEWS],
      ['quote.firstMention', 'kutipan', 'warning', 'Narasumber belum disebut lengkap', 'Saat pertama disebut, tulis nama lengkap dan jabatan narasumber; sesudahnya cukup nama panggilan atau jabatan.', NEWS],
      ['quote.beliau', 'kutipan', 'info', 'Hindari "beliau"', 'Bahasa berita memakai kata ganti netral "ia" atau "dia", atau nama/jabatan. "Beliau" adalah ragam hormat (KBBI) yang tidak netral dalam berita.', `${KBBI}, lema "beliau"`],
      ['eyd.nonstandard', 'ejaan', 'warning', 'Kata tidak baku', 'KBBI mencatat bentuk ini sebagai tidak baku. Gunakan bentuk bakunya.', `${KBBI}; ${EYD}, Kata Berimbuhan`],
      ['eyd.foreign', 'ejaan', 'info', 'Kata asing', 'Gunakan padanan bahasa Indonesia. Jika kata asing tetap dipakai, tulis dengan huruf miring (*kata*).', `${EYD}, Huruf Miring; Padanan Istilah Badan Bahasa`],
      ['eyd.diPlace', 'ejaan', 'warning', 'Kata depan "di"/"ke" ditulis terpisah', '"Di" dan "ke" sebagai kata depan (sebelum tempat atau arah) ditulis terpisah: di mana, di sini, ke luar kota.', `${EYD}, Kata Depan`],
      ['eyd.diVerb', 'ejaan', 'warning', 'Awalan "di-" ditulis serangkai', 'Awalan di- pada kata kerja pasif ditulis serangkai dengan kata dasarnya: dilaksanakan, disampaikan.', `${EYD}, Kata Berimbuhan`],
      ['eyd.pada', 'ejaan', 'warning', '"Pada" untuk keterangan waktu', 'Kata depan "di" menunjukkan tempat; untuk waktu gunakan "pada": pada tahun 2024, pada hari Senin.', `${EYD}, Kata Depan`],
      ['eyd.jabatan', 'ejaan', 'warning', 'Jabatan sebelum nama ditulis kapital', 'Huruf pertama nama jabatan yang diikuti nama orang, instansi, atau tempat ditulis kapital: Bupati Blora Arief Rohman.', `${EYD}, Huruf Kapital`],
      ['eyd.number', 'ejaan', 'info', 'Bilangan satu kata ditulis dengan huruf', 'Bilangan yang dapat dinyatakan dengan satu kata ditulis dengan huruf: tiga orang, sepuluh desa.', `${EYD}, Angka dan Bilangan`],
      ['eyd.rupiah', 'ejaan', 'warning', 'Penulisan Rp', 'Lambang mata uang Rp ditulis tanpa titik dan tanpa spasi sebelum angka: Rp5.000,00.', `${EYD}, Angka dan Bilangan; Singkatan`],
      ['eyd.pukul', 'ejaan', 'warning', 'Penulisan waktu', 'Saat (titik waktu) ditulis "pukul", dan jam dipisahkan dari menit dengan titik: pukul 15.00. "Jam" menyatakan lama waktu.', `${EYD}, Tanda Titik; ${KBBI}, lema "pukul" dan "jam"`],
      ['eyd.ordinal', 'ejaan', 'warning', 'Bilangan tingkat "ke-"', 'Bilangan tingkat dengan angka ditulis dengan "ke-" dan tanda hubung: ke-20, HUT ke-77.', `${EYD}, Tanda Hubung`],
      ['eyd.repeated', 'ejaan', 'warning', 'Kata berulang', 'Kata yang sama tertulis dua kali berturut-turut. Kata ulang ditulis dengan tanda hubung (masing-masing).', `${EYD}, Bentuk Ulang`],
      ['eyd.reduplication', 'ejaan', 'warning', 'Kata ulang tanpa tanda hubung', 'Kata ulang ditulis dengan tanda hubung: "lain-lain", "masing-masing", "porak-poranda".', `${EYD}, Tanda Hubung dan Bentuk Ulang`],
      ['eyd.redundantPlural', 'ejaan', 'info', 'Makna jamak ganda', 'Sesudah kata yang sudah bermakna jamak (setiap, para, beberapa, semua) kata benda tidak diulang: "setiap warga", "para siswa".', `${EYD}, Bentuk Ulang`],
      ['eyd.capital', 'ejaan', 'warning', 'Huruf kapital pada nama resmi dan jabatan', 'Nama resmi lembaga dan wilayah ditulis dengan huruf kapital (Pemerintah Kabupaten Pati, Dinas Kesehatan); jabatan yang tidak diikuti nama orang atau tempat ditulis huruf kecil (para kepala desa).', `${EYD}, Huruf Kapital`],
      ['eyd.se', 'ejaan', 'warning', 'Awalan se- ditulis serangkai', 'Awalan se- ditulis serangkai dengan kata dasarnya ("sekecamatan"), dan dengan tanda hubung sebelum huruf kapital ("se-Kabupaten Blora").', `${EYD}, Kata Berimbuhan dan Tanda Hubung`],
      ['eyd.affix', 'ejaan', 'warning', 'Bentuk terikat ditulis serangkai', 'Bentuk terikat antar-, pasca-, pra-, non-, multi- ditulis serangkai ("antarumat", "pascabanjir"), dengan tanda hubung sebelum huruf kapital ("pasca-Lebaran").', `${EYD}, Bentuk Terikat`],
      ['eyd.clitic', 'ejaan', 'warning', '"-nya" ditulis serangkai', 'Kata ganti -nya ditulis serangkai dengan kata yang mendahuluinya: "katanya", "rumahnya".', `${EYD}, Kata Ganti -ku, -mu, -nya`],
      ['eyd.punctSpace', 'ejaan', 'info', 'Spasi sebelum tanda baca', 'Tanda koma, titik, titik dua, titik koma, tanda tanya, dan tanda seru ditulis rapat dengan kata di depannya.', `${EYD}, Tanda Baca`],
      ['eyd.parenSpace', 'ejaan', 'info', 'Spasi pada tanda kurung', 'Tanda kurung ditulis rapat dengan isinya dan berjarak satu spasi dari kata di luarnya: "kepala keluarga (KK)".', `${EYD}, Tanda Kurung`],
      ['eyd.quoteSpace', 'kutipan', 'info', 'Spasi pada tanda petik', 'Tanda petik pembuka rapat dengan kata sesudahnya; sesudah tanda petik penutup diberi spasi: “Kami siap,” kata Bupati.', `${EYD}, Tanda Petik`],
      ['eyd.pairedConj', 'ejaan', 'warning', 'Pasangan kata penghubung', 'Kata penghubung berpasangan dipakai dengan pasangannya: "antara … dan …"; "meskipun …" tidak diikuti "namun" atau "tetapi".', `${EYD}, Kata Penghubung; Badan Bahasa, Kesalahan Berbahasa`],
      ['eyd.finalStop', 'ejaan', 'warning', 'Kalimat tanpa tanda titik', 'Kalimat pernyataan diakhiri tanda titik.', `${EYD}, Tanda Titik`],
      ['sens.tionghoa', 'sensitivitas', 'warning', 'Gunakan "Tiongkok" atau "Tionghoa"', 'Keppres No. 12 Tahun 2014 mengganti sebutan "Cina": "Tiongkok" untuk negara dan "Tionghoa" untuk orang atau komunitas. Nama resmi dan kutipan sejarah dapat tetap.', 'Keputusan Presiden No. 12 Tahun 2014 tentang Pencabutan Surat Edaran Presidium Kabinet Ampera No. SE-06/Pres.Kab/6/1967'],
      ['eyd.doubleSpace', 'ejaan', 'info', 'Spasi ganda', 'Antarkata cukup satu spasi.', EYD],
      ['eyd.commaSpace', 'ejaan', 'info', 'Spasi sesudah koma', 'Sesudah tanda koma diberi satu spasi: "Atika, S.Kom.".', `${EYD}, Tanda Koma`],
      ['spell.unknown', 'ejaan_kamus', 'warning', 'Kata tidak dikenal kamus', 'Kata ini tidak ada dalam kamus Hunspell bahasa Indonesia maupun kamus kerja OPD. Periksa ejaannya, atau tambahkan ke kamus jika kata ini nama lokal atau istilah yang benar.', 'Kamus Hunspell id_ID (LibreOffice, LGPL-3) dan kamus kerja OPD'],
      ['sens.hearsay', 'sensitivitas', 'warning', 'Klaim tanpa sumber', 'Akun pemerintah hanya menyebarkan informasi yang terverifikasi dan bersumber jelas. Sebut sumbernya atau hapus klaim ini.', SE137],
      ['sens.sara', 'sensitivitas', 'error', 'Istilah SARA yang sensitif', 'ASN dilarang menyebarkan konten yang menghina atau memprovokasi atas dasar suku, agama, ras, dan antargolongan. Periksa ulang kata ini.', SE137],
      ['sens.election', 'sensitivitas', 'error', 'Nama calon/partai pada masa pemilihan', 'Selama masa pemilihan yang diatur di Pengaturan, akun OPD wajib netral: jangan memuat nama calon atau partai, atau ajakan memilih, kecuali informasi resmi penyelenggaraan.', NEUTRAL],
    ] as const
  ).map(([id, category, severity, title, explanation, source]) => [id, { id, category, severity, title, explanation, source }]),
);
