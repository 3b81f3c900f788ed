import type { PostTemplate } from '@shared/domain/post';
import type { NewsSettings } from '@shared/posts/settings';
import { sentences, wordCount } from '@shared/posts/text';
import type { RawFinding } from './raw';

export function titleRules(title: string, s: NewsSettings): RawFinding[] {
  const t = title.trim();
  if (!t) return [{ ruleId: 'title.missing', start: 0, end: 0 }];
  const out: RawFinding[] = [];
  const from = title.indexOf(t);
  const n = wordCount(t);
  if (n > s.titleMaxWords || t.length > s.titleMaxChars) {
    out.push({ ruleId: 'title.long', start: from, end: from + t.length, message: `Judul ${n} kata / ${t.length} karakter; usahakan ≤ ${s.titleMaxWords} kata dan ≤ ${s.titleMaxChars} karakter.` });
  }
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && /\s/.test(t)) {
    const fixed = t.toLowerCase().replace(/(^|[\s("“-])(\p{Ll})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
    out.push({ ruleId: 'title.allcaps', start: from, end: from + t.length, fix: { label: 'Ubah ke huruf kapital awal kata', replacement: fixed } });
  }
  if (/[^.]\.$/.test(t)) {
    const at = from + t.length - 1;
    out.push({ ruleId: 'title.period', start: at, end: at + 1, fix: { label: 'Hapus titik', replacement: '' } });
  }
  return out;
}

export function datelineRules(dateline: string): RawFinding[] {
  const d = dateline.trim();
  if (!d) return [{ ruleId: 'dateline.missing', start: 0, end: 0 }];
  if (!/^[\p{Lu}][\p{Lu} .'-]*$/u.test(d) || /[.–-]\s*$/.test(d)) {
    const fixed = d.toUpperCase().replace(/[\s.,–-]+$/u, '');
    return [{ ruleId: 'dateline.format', start: 0, end: dateline.length, message: `Tulis dateline "${fixed}".`, fix: { label: `Ganti dengan "${fixed}"`, replacement: fixed } }];
  }
  return [];
}

const DAY = "(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum['’]at|Sabtu|Minggu|Ahad)";
const MONTH = '(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)';
// "Kamis (25/8/2022)", "Jumat (23/08)", "Minggu, 30 November 2025", "Rabu 29 Juli 2020", "pada 12 Mei 2024".
const DAY_DATE = new RegExp(
  `(?<![\\p{L}])(?:${DAY}\\s*\\(\\s*\\d{1,2}\\s*/\\s*\\d{1,2}(?:\\s*/\\s*\\d{2,4})?\\s*\\)|${DAY},?\\s+(?:tanggal\\s+)?\\d{1,2}\\s+${MONTH}|\\d{1,2}\\s+${MONTH}\\s+\\d{4})`,
  'u',
);
// "di Pendopo", "di kawasan …", "di belakang …", or a named region or village acting in the lead ("Pemerintah Kabupaten Pati menggelar…").
const PLACE =
  /(?<![\p{L}])(?:di|ke|dari|se)[\s-]+(\p{Lu}|(ruang|pendopo|pendapa|gedung|aula|kantor|balai|lapangan|halaman|desa|kelurahan|kecamatan|kabupaten|kota|provinsi|alun-alun|masjid|sekolah|puskesmas|rumah|kompleks|komplek|wilayah|lokasi|area|jalan|pasar|taman|stadion|hotel|kawasan|belakang|depan|samping|sekitar|seluruh|sepanjang|dalam|luar|tengah|pinggir|ujung|tepi|atas|bawah|lingkungan|sejumlah|berbagai|tiap|setiap|hadapan|daerah|pelosok|pulau|dermaga|pelabuhan|bandara|terminal|sawah|lahan|hutan|pantai|sungai)(?![\p{L}]))|(?<![\p{L}])(?:Kabupaten|Kota|Kecamatan|Desa|Kelurahan|Kalurahan|Provinsi|Pekon|Gampong|Nagari|Distrik|Kampung|Kepulauan|Pulau|Pemkab|Pemkot|Pemprov|Pemda|Kab\.|Kec\.)\s+\p{Lu}/u;
// Two capitalised words (a name or agency); case-sensitive on purpose: /i would make \p{Lu} match any letter.
const NAME = /\p{Lu}\p{Ll}+\s+\p{Lu}[\p{Ll}\p{Lu}]+/u;
const ROLE = /(?<![\p{L}])(bupati|wakil bupati|camat|kepala|sekda|gubernur|menteri|ketua|dinas|badan|pemerintah|pemkab|pemprov|opd|dprd|petugas|warga|siswa|peserta|tim)(?![\p{L}])/iu;
const BACKGROUND = /^(dalam rangka|seperti diketahui|sebagaimana diketahui|sebagaimana|seiring|dewasa ini|di tengah|di era|pada era|berdasarkan|menindaklanjuti|sehubungan dengan|mengingat|perlu diketahui)(?![\p{L}])/iu;

export function leadRules(lead: string): RawFinding[] {
  const t = lead.trim();
  if (!t) return [{ ruleId: 'lead.missing', start: 0, end: 0 }];
  const from = lead.indexOf(t);
  const whole = { start: from, end: from + t.length };
  const out: RawFinding[] = [];
  const sents = sentences(t);
  if (sents.length > 3) out.push({ ruleId: 'lead.sentences', ...whole, message: `Teras ini ${sents.length} kalimat; ringkas menjadi paling banyak tiga.` });
  const n = wordCount(t);
  if (n < 30 || n > 45) out.push({ ruleId: 'lead.length', ...whole, message: `Teras ini ${n} kata; yang lazim 30–45 kata.` });
  if (!DAY_DATE.test(t)) out.push({ ruleId: 'lead.when', ...whole });
  if (!PLACE.test(t)) out.push({ ruleId: 'lead.where', ...whole });
  if (!NAME.test(t) && !ROLE.test(t)) out.push({ ruleId: 'lead.who', ...whole });
  const bg = BACKGROUND.exec(t);
  if (bg) out.push({ ruleId: 'lead.background', start: from, end: from + bg[0].length });
  return out;
}

/** Usual length (words, lead + body) per template. */
export const TEMPLATE_LENGTH: Readonly<Record<PostTemplate, [number, number]>> = {
  berita_kegiatan: [200, 600],
  siaran_pers: [300, 500],
  pengumuman: [50, 350],
  artikel_edukasi: [400, 1200],
  capaian_kinerja: [200, 600],
};

export function bodyLengthRule(template: PostTemplate | null, words: number): RawFinding[] {
  if (!template || words === 0) return [];
  const [min, max] = TEMPLATE_LENGTH[template];
  if (words >= min && words <= max) return [];
  return [{ ruleId: 'body.length', start: 0, end: 0, message: `Tulisan ini ${words} kata; untuk templat ini yang lazim ${min}–${max} kata.` }];
}

const SPEAKER = /(?<![\p{L}])(?:ujar|kata|tegas|ungkap|jelas|imbuh|terang|tutur|pungkas|sebut|ucap|papar|tambah|lanjut|tandas)(?:nya)?\s+(\p{Lu}\p{Ll}+)/gu;
const NOT_A_NAME = /^(Bupati|Wakil|Camat|Kepala|Ketua|Sekda|Gubernur|Menteri|Direktur|Sekretaris|Kapolres|Dandim|Lurah|Kades|Dia|Ia|Beliau|Pak|Bu|Ibu|Bapak)$/;

/** Words that give a speaker's position or role (jabatan, or who they are for the reader). */
const POSITION = /(?<![\p{L}])(bupati|wakil|wabup|camat|lurah|kades|kepala|kadis|kadisdik|kadinkes|kasudin|kasubdit|kasat|kalak|kabid|kasi|kasubag|kabag|sekretaris|sekda|ketua|direktur|dirut|manajer|koordinator|plt\.?|plh\.?|gubernur|menteri|kapolres|kapolsek|dandim|danramil|anggota|admin|staf|pegawai|petugas|pejabat|pengelola|penyuluh|bidan|perawat|dokter|guru|kepsek|dosen|pendamping|relawan|warga|siswa|mahasiswa|peserta|pemilik|pedagang|petani|nelayan|tokoh|pemenang|juara)(?![\p{L}])/iu;

/** The text around a mention, within its paragraph: positions come before ("Kepala Dinas X, Nama") or after ("Nama, admin Dinas X"). */
function paragraphWindow(text: string, at: number, len: number): string {
  const start = Math.max(text.lastIndexOf('\n', at) + 1, at - 100);
  const nl = text.indexOf('\n', at + len);
  const end = Math.min(nl < 0 ? text.length : nl, at + len + 160);
  return text.slice(start, end);
}

/** Speakers named in an attribution must have appeared earlier with a full (two-word) name and a position. */
export function firstMentionRules(prior: string, body: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of body.matchAll(SPEAKER)) {
    const name = m[1];
    if (NOT_A_NAME.test(name)) continue;
    const nameAt = m.index + m[0].length - name.length;
    const before = prior + '\n' + body.slice(0, m.index);
    const full = new RegExp(`\\p{Lu}[\\p{L}.]+,?\\s+${name}(?![\\p{L}])|(?<![\\p{L}])${name}\\s+\\p{Lu}\\p{Ll}+`, 'u');
    const first = full.exec(before);
    // "ujar Mirsad, Kasudin Kesehatan …": introduced with the position right in the attribution.
    const rightAfter = body.slice(nameAt + name.length, nameAt + name.length + 80);
    if (/^,\s+/u.test(rightAfter) && POSITION.test(rightAfter.split(/[.;]/u)[0])) continue;
    if (!first) {
      out.push({ ruleId: 'quote.firstMention', start: nameAt, end: nameAt + name.length, message: `"${name}" belum pernah disebut dengan nama lengkap dan jabatan sebelum kutipan ini.` });
    } else if (!POSITION.test(paragraphWindow(before, first.index, first[0].length))) {
      out.push({ ruleId: 'quote.firstMention', start: nameAt, end: nameAt + name.length, message: `"${name}" sudah disebut dengan nama lengkap, tetapi tanpa jabatan atau peran. Tambahkan jabatannya saat pertama disebut.` });
    }
  }
  return out;
}
