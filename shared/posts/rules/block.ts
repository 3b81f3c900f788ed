import { CAMPAIGN_TERMS, DI_PLACE, REDUP_SOUND, FOREIGN, HEARSAY, JABATAN, NONSTANDARD, ONE_WORD_NUMBERS, SARA_TERMS, TIME_WORDS } from '@shared/posts/wordlists';
import { MASK_EMPHASIS, matchCase, sentences, wordCount } from '@shared/posts/text';
import { phraseRe, type RawFinding } from './raw';

/**
 * Rules that look at one paragraph at a time. They get the prose with
 * Markdown masked (same offsets) and return offsets into it, so the coach
 * can cache them per paragraph and only re-run the paragraph being typed.
 */

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const nonstandardRe = phraseRe(Object.keys(NONSTANDARD));
const foreignRe = phraseRe(Object.keys(FOREIGN));
const diPlaceRe = phraseRe(Object.keys(DI_PLACE));
const saraRe = phraseRe(Object.keys(SARA_TERMS));
const hearsayRe = phraseRe(HEARSAY);
const campaignRe = phraseRe(CAMPAIGN_TERMS);
const redupRe = phraseRe(REDUP_SOUND);
const UNIT_WORDS = new Set([
  'persen', 'km', 'kg', 'm', 'cm', 'mm', 'ml', 'ha', 'ton', 'liter', 'jam', 'menit', 'detik', 'meter', 'kilometer', 'kilogram', 'gram',
  'hektare', 'hektar', 'rupiah', 'ribu', 'ribuan', 'juta', 'miliar', 'milyar', 'milliar', 'triliun', 'derajat', 'kuintal', 'watt', 'kwh', 'unit',
]);
const MONTHS = 'januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|jan|feb|mar|apr|jun|jul|agu|agt|sep|okt|nov|des';
const FUNCTION_WORDS = new Set([
  'yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'dengan', 'akan', 'ini', 'itu', 'pada', 'juga', 'atau', 'dalam', 'tidak', 'sudah', 'telah',
  'oleh', 'bahwa', 'karena', 'agar', 'serta', 'para', 'ia', 'dia', 'kami', 'kita', 'adalah', 'sebagai', 'bagi', 'tersebut', 'the', 'a',
]);
const jabatanLowerRe = new RegExp(
  `(?<![\\p{L}])(${[...JABATAN].sort((a, b) => b.length - a.length).map((j) => j.replace(/ /g, '\\s')).join('|')})(?=\\s+\\p{Lu}\\p{Ll})`,
  'gu',
);
const ATTRIBUTION =
  /(?<![\p{L}])(ujar|kata|tegas|ungkap|jelas|imbuh|terang|tutur|pungkas|sebut|ucap|papar|ajak|pinta|harap|tambah|lanjut|tandas|urai|seru|kilah|akui|aku|tutup|tukas|beber|cetus|timpal|sambung|paparnya|tanya|klaim|katakan)(nya)?(?![\p{L}])|(?<![\p{L}])(menurut|mengatakan|menjelaskan|menegaskan|mengungkapkan|menyampaikan|menuturkan|memaparkan|menambahkan|berkata|berpesan|mengajak|meminta|mengimbau|mengaku|menyebut|menerangkan|mengingatkan)(?![\p{L}])/iu;

export interface BlockContext {
  electionActive: boolean;
  electionRe: RegExp | null;
}

function fixReplace(original: string, replacement: string) {
  return { label: `Ganti dengan "${replacement}"`, replacement };
}

export function blockRules(text: string, ctx: BlockContext): RawFinding[] {
  const out: RawFinding[] = [];

  // Sentences and paragraph length.
  const sents = sentences(text);
  if (sents.length > 4) {
    out.push({ ruleId: 'paragraph.long', start: sents[0].start, end: sents[sents.length - 1].end, message: `Paragraf ini ${sents.length} kalimat; pecah menjadi paragraf pendek (≤ 4 kalimat).` });
  }
  for (const s of sents) {
    const n = wordCount(text.slice(s.start, s.end));
    if (n > 35) out.push({ ruleId: 'sentence.long', start: s.start, end: s.end, message: `Kalimat ini ${n} kata; pecah menjadi dua kalimat (≤ 35 kata).` });
  }

  for (const m of text.matchAll(nonstandardRe)) {
    // "Pop Mie": a brand at the end of a run of names keeps its spelling.
    if (m[0] === 'Mie' && /\p{Lu}\p{L}* $/u.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    const std = matchCase(m[0], NONSTANDARD[m[0].toLowerCase()]);
    out.push({ ruleId: 'eyd.nonstandard', start: m.index, end: m.index + m[0].length, message: `"${m[0]}" tidak baku; bentuk bakunya "${std}".`, fix: fixReplace(m[0], std) });
  }
  for (const m of text.matchAll(foreignRe)) {
    // Already italicised (*word* or _word_) foreign words are accepted.
    if (text[m.index - 1] === MASK_EMPHASIS) continue;
    // Capitalised foreign words next to other capitalised words are names ("Workshop Digital Content").
    if (/^\p{Lu}/u.test(m[0])) continue;
    const eq = FOREIGN[m[0].toLowerCase()];
    out.push({ ruleId: 'eyd.foreign', start: m.index, end: m.index + m[0].length, message: `"${m[0]}" kata asing; padanannya "${eq}" (atau tulis miring).`, fix: fixReplace(m[0], matchCase(m[0], eq)) });
  }
  for (const m of text.matchAll(diPlaceRe)) {
    const sep = matchCase(m[0], DI_PLACE[m[0].toLowerCase()]);
    out.push({ ruleId: 'eyd.diPlace', start: m.index, end: m.index + m[0].length, message: `Kata depan ditulis terpisah: "${sep}".`, fix: fixReplace(m[0], sep) });
  }
  // "di laksanakan": prefix di- written apart from a -kan verb.
  for (const m of text.matchAll(/(?<![\p{L}])([Dd]i) (\p{Ll}{3,}kan)(?![\p{L}])/gu)) {
    const joined = `${m[1]}${m[2]}`;
    out.push({ ruleId: 'eyd.diVerb', start: m.index, end: m.index + m[0].length, message: `Awalan di- ditulis serangkai: "${joined}".`, fix: fixReplace(m[0], joined) });
  }
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])([Dd]i)(?= (?:${TIME_WORDS.join('|')})(?![\\p{L}]))`, 'gu'))) {
    const pada = m[1] === 'Di' ? 'Pada' : 'pada';
    out.push({ ruleId: 'eyd.pada', start: m.index, end: m.index + 2, message: `Untuk keterangan waktu gunakan "${pada}".`, fix: fixReplace(m[0], pada) });
  }
  for (const m of text.matchAll(jabatanLowerRe)) {
    const j = m[1];
    if (j[0] !== j[0].toLowerCase()) continue;
    const cap = j.replace(/(^|\s)(\p{Ll})/gu, (_x, sp: string, c: string) => sp + c.toUpperCase());
    out.push({ ruleId: 'eyd.jabatan', start: m.index, end: m.index + j.length, message: `Jabatan sebelum nama ditulis kapital: "${cap}".`, fix: fixReplace(j, cap) });
  }
  // Official names take capitals: "pemerintah Kabupaten Pati" → "Pemerintah Kabupaten Pati", "kabupaten Pati" → "Kabupaten Pati".
  for (const m of text.matchAll(/(?<![\p{L}])(pemerintah|dinas|badan|sekretariat|inspektorat|museum|kantor) (?=(?:Kabupaten|Kota|Provinsi|Desa|Kecamatan|Kelurahan|Daerah|Pendidikan|Kesehatan|Sosial)(?![\p{L}]))/gu)) {
    const cap = m[1][0].toUpperCase() + m[1].slice(1);
    out.push({ ruleId: 'eyd.capital', start: m.index, end: m.index + m[1].length, message: `Nama resmi lembaga ditulis kapital: "${cap}".`, fix: fixReplace(m[1], cap) });
  }
  for (const m of text.matchAll(/(?<![\p{L}])(kabupaten|provinsi) (?=\p{Lu}\p{Ll})/gu)) {
    if (/(?:^|[.!?]\s+)$/u.test(text.slice(0, m.index))) continue;
    const cap = m[1][0].toUpperCase() + m[1].slice(1);
    out.push({ ruleId: 'eyd.capital', start: m.index, end: m.index + m[1].length, message: `Nama resmi wilayah ditulis kapital: "${cap} …".`, fix: fixReplace(m[1], cap) });
  }
  // A position used as a description, not before a name, is lower case: "para Kepala Desa hadir" → "para kepala desa".
  for (const m of text.matchAll(/(?<![\p{L}])(?:para|seorang|sebagai|menjadi|setiap|semua|seluruh) ((?:Wakil |Kepala )?(?:Bupati|Camat|Lurah|Kepala Desa|Kepala Sekolah|Kepala Dinas|Gubernur|Wali Kota))(?=[,.;]|\s+\p{Ll})/gu)) {
    const start = m.index + m[0].length - m[1].length;
    const low = m[1].toLowerCase();
    out.push({ ruleId: 'eyd.capital', start, end: start + m[1].length, message: `Jabatan yang tidak diikuti nama ditulis huruf kecil: "${low}".`, fix: fixReplace(m[1], low) });
  }
  // One-word numbers as digits before a lower-case word: "3 orang" → "tiga orang".
  // Never after Rp, before units or ribu/juta/miliar, in dates, after "ke", or in an enumeration of figures.
  const sentsOf = sents;
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.,/:-])(\d{1,4})(?= (\p{Ll}+))/gu)) {
    const spelled = ONE_WORD_NUMBERS[m[1]];
    if (!spelled) continue;
    const next = m[2];
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    // "Nomor 1 tahun 2024", "pasal 5 ayat", "RT 3": identifiers keep their digits.
    if (/(?:nomor|no\.?|nomer|pasal|ayat|tahap|lantai|rt|rw|jilid|bab|kelas|urut|angka|gelombang|sesi|ruang|pos|tanggal|tgl\.?|ke|rp\.?|sekitar rp)\s*$/iu.test(before)) continue;
    // After a name or acronym ("SDN Laren 1", "fraksi PDIP 6"): a label, not a count.
    if (/(?:\p{Lu}{2,}|\p{Lu}[\p{L}]*\s+\p{Lu}[\p{L}]*)\s+$/u.test(before)) continue;
    if (UNIT_WORDS.has(next)) continue;
    const s = sentsOf.find((x) => x.start <= m.index && x.end > m.index);
    if (s) {
      const sentence = text.slice(s.start, s.end);
      if ((sentence.match(/(?<![\p{L}\p{N}.,/])\d+(?![\p{L}])/gu) ?? []).length > 1) continue;
      if (new RegExp(`${m[1]}\\s+(?:(?:dan|-|–|sampai|hingga)\\s+\\d+\\s+)?(?:${MONTHS})`, 'iu').test(sentence.slice(m.index - s.start))) continue;
    }
    out.push({ ruleId: 'eyd.number', start: m.index, end: m.index + m[1].length, message: `Tulis dengan huruf: "${spelled}".`, fix: fixReplace(m[1], spelled) });
  }
  for (const m of text.matchAll(/(?<![\p{L}])Rp(\.\s*|\s+)(?=\d)/gu)) {
    out.push({ ruleId: 'eyd.rupiah', start: m.index, end: m.index + m[0].length, message: 'Tulis "Rp" rapat dengan angka, tanpa titik: Rp5.000,00.', fix: { label: 'Rapatkan: "Rp"', replacement: 'Rp' } });
  }
  for (const m of text.matchAll(/(?<![\p{L}])(jam|pukul|Pukul|Jam) (\d{1,2})[:.](\d{2})(?!\d)/gu)) {
    const word = m[1].toLowerCase() === 'jam' ? (m[1] === 'Jam' ? 'Pukul' : 'pukul') : m[1];
    const fixed = `${word} ${m[2]}.${m[3]}`;
    if (fixed === m[0]) continue;
    out.push({ ruleId: 'eyd.pukul', start: m.index, end: m.index + m[0].length, message: `Tulis "${fixed}".`, fix: fixReplace(m[0], fixed) });
  }
  // "ke20", or "HUT ke 20": never plain "ke 3 desa" (preposition + number).
  for (const m of text.matchAll(/(?<![\p{L}])(?:(?<=(?:HUT|[Uu]lang [Tt]ahun|[Pp]eringatan|[Hh]ari [Jj]adi|yang|[Jj]uara|\)) )([Kk]e) (\d+)(?= (?:tingkat|tahun|kali|se)|[,.)]? |[,.]$)|([Kk]e)(\d+))(?![\d\p{L}]|[.,]\d)/gu)) {
    const fixed = `${m[1] ?? m[3]}-${m[2] ?? m[4]}`;
    out.push({ ruleId: 'eyd.ordinal', start: m.index, end: m.index + m[0].length, message: `Tulis "${fixed}".`, fix: fixReplace(m[0], fixed) });
  }
  // Repeated word: "yang yang" is a slip (delete one); "lain lain" is reduplication written without its hyphen.
  let prev: { w: string; start: number; end: number } | null = null;
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    const gap = prev ? text.slice(prev.end, m.index) : '';
    if (prev && prev.w === w && /^ +$/.test(gap) && !/^\d+$/.test(w)) {
      if (FUNCTION_WORDS.has(w)) {
        out.push({ ruleId: 'eyd.repeated', start: prev.start, end: m.index + m[0].length, message: `"${m[0]}" tertulis dua kali.`, fix: { label: 'Hapus kata ganda', replacement: text.slice(prev.start, prev.end) } });
      } else {
        const joined = `${text.slice(prev.start, prev.end)}-${m[0]}`;
        out.push({ ruleId: 'eyd.reduplication', start: prev.start, end: m.index + m[0].length, message: `Kata ulang ditulis dengan tanda hubung: "${joined}".`, fix: fixReplace(m[0], joined) });
      }
    }
    prev = { w, start: m.index, end: m.index + m[0].length };
  }
  for (const m of text.matchAll(redupRe)) {
    const joined = m[0].replace(/\s+/u, '-');
    out.push({ ruleId: 'eyd.reduplication', start: m.index, end: m.index + m[0].length, message: `Kata ulang berubah bunyi ditulis dengan tanda hubung: "${joined}".`, fix: fixReplace(m[0], joined) });
  }
  // "setiap warga-warga", "para siswa-siswa": the plural is already said.
  for (const m of text.matchAll(/(?<![\p{L}])([Ss]etiap|[Tt]iap|[Pp]ara|[Bb]eberapa|[Ss]emua|[Ss]eluruh) ((\p{Ll}+)-\3)(?![\p{L}-])/gu)) {
    const start = m.index + m[1].length + 1;
    out.push({ ruleId: 'eyd.redundantPlural', start, end: start + m[2].length, message: `Sesudah "${m[1]}" kata benda tidak diulang: "${m[1]} ${m[3]}".`, fix: fixReplace(m[2], m[3]) });
  }
  // "se Kabupaten" → "se-Kabupaten", "se kecamatan" → "sekecamatan"; "antar umat" → "antarumat"; "kata nya" → "katanya".
  for (const m of text.matchAll(/(?<![\p{L}.])([Ss]e) (\p{L}{3,})(?![\p{L}])/gu)) {
    const joined = /^\p{Lu}/u.test(m[2]) ? `${m[1]}-${m[2]}` : `${m[1]}${m[2]}`;
    out.push({ ruleId: 'eyd.se', start: m.index, end: m.index + m[0].length, message: `Awalan se- ditulis serangkai: "${joined}".`, fix: fixReplace(m[0], joined) });
  }
  for (const m of text.matchAll(/(?<![\p{L}])([Aa]ntar|[Pp]asca|[Pp]ra|[Nn]on|[Mm]ulti|[Pp]urna) (\p{L}{3,})(?![\p{L}])/gu)) {
    if (/^antar$/iu.test(m[1]) && /^(jemput|barang|paket|ke|jarak)$/u.test(m[2])) continue;
    const joined = /^\p{Lu}/u.test(m[2]) ? `${m[1]}-${m[2]}` : `${m[1]}${m[2]}`;
    out.push({ ruleId: 'eyd.affix', start: m.index, end: m.index + m[0].length, message: `Bentuk terikat ditulis serangkai: "${joined}".`, fix: fixReplace(m[0], joined) });
  }
  for (const m of text.matchAll(/(?<=\p{L}) (nya)(?![\p{L}])/gu)) {
    out.push({ ruleId: 'eyd.clitic', start: m.index, end: m.index + m[0].length, message: '"-nya" ditulis serangkai dengan kata di depannya.', fix: { label: 'Rapatkan "-nya"', replacement: 'nya' } });
  }
  for (const m of text.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
    out.push({ ruleId: 'eyd.doubleSpace', start: m.index, end: m.index + m[0].length, fix: { label: 'Jadikan satu spasi', replacement: ' ' } });
  }
  for (const m of text.matchAll(/(?<=\p{L}),(?=\p{L})/gu)) {
    out.push({ ruleId: 'eyd.commaSpace', start: m.index, end: m.index + 1, fix: { label: 'Tambah spasi sesudah koma', replacement: ', ' } });
  }

  // No space before , . ; : ! ? and inside brackets; a space before "(" after a word.
  for (const m of text.matchAll(/(?<=[\p{L}\p{N})”"]) +(?=[,;!?]|:(?:\s|$)|\.(?:\s|$))/gu)) {
    out.push({ ruleId: 'eyd.punctSpace', start: m.index, end: m.index + m[0].length, message: `Tanpa spasi sebelum "${text[m.index + m[0].length]}".`, fix: { label: 'Hapus spasi', replacement: '' } });
  }
  for (const m of text.matchAll(/\( +(?=\S)|(?<=\S) +\)/gu)) {
    out.push({ ruleId: 'eyd.parenSpace', start: m.index + (m[0][0] === '(' ? 1 : 0), end: m.index + m[0].length - (m[0].endsWith(')') ? 1 : 0), message: 'Tanpa spasi di dalam tanda kurung.', fix: { label: 'Hapus spasi', replacement: '' } });
  }
  for (const m of text.matchAll(/(?<=\p{Ll}{2})\((?=\p{L})/gu)) {
    out.push({ ruleId: 'eyd.parenSpace', start: m.index, end: m.index + 1, message: 'Beri spasi sebelum tanda kurung buka.', fix: { label: 'Tambah spasi', replacement: ' (' } });
  }
  // Quote marks: a closing mark is followed by a space ('," katanya'), an opening one is not ('“ Kami').
  {
    let straight = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const closing = c === '”' || (c === '"' && straight % 2 === 1);
      const opening = c === '“' || (c === '"' && straight % 2 === 0);
      if (c === '"') straight++;
      if (closing && /[,.]/u.test(text[i + 1] ?? '') && /\p{L}/u.test(text[i + 2] ?? '') && !/[,.!?]/u.test(text[i - 1] ?? '')) {
        out.push({ ruleId: 'eyd.quoteSpace', start: i, end: i + 2, message: 'Tanda baca penutup kutipan ditulis di dalam tanda petik, lalu spasi.', fix: { label: 'Perbaiki', replacement: `${text[i + 1]}${c} ` } });
      } else if (closing && /[,.!?]/u.test(text[i - 1] ?? '') && /\p{L}/u.test(text[i + 1] ?? '')) {
        out.push({ ruleId: 'eyd.quoteSpace', start: i, end: i + 1, message: 'Beri spasi sesudah tanda petik penutup.', fix: { label: 'Tambah spasi', replacement: c + ' ' } });
      } else if (opening && / /.test(text[i + 1] ?? '') && /\p{L}/u.test(text[i + 2] ?? '') && (i === 0 || /\s/.test(text[i - 1]))) {
        out.push({ ruleId: 'eyd.quoteSpace', start: i, end: i + 2, message: 'Tanpa spasi sesudah tanda petik pembuka.', fix: { label: 'Hapus spasi', replacement: c } });
      }
    }
  }
  // Paired conjunctions: "antara A dan B"; "meskipun …, namun" takes one of the two.
  for (const m of text.matchAll(/(?<![\p{L}])antara ((?:[\p{L}-]+ ){1,5})(dengan)(?![\p{L}])/giu)) {
    const at = m.index + m[0].length - m[2].length;
    out.push({ ruleId: 'eyd.pairedConj', start: at, end: at + m[2].length, message: 'Pasangan "antara" adalah "dan": "antara A dan B".', fix: fixReplace(m[2], matchCase(m[2], 'dan')) });
  }
  for (const m of text.matchAll(/(?<![\p{L}])(?:meski|meskipun|walaupun|walau|biarpun|kendati|kendatipun)(?![\p{L}])[^.!?“”"]{1,140}?,\s*(namun|tetapi|tapi)(?![\p{L}])/giu)) {
    const at = m.index + m[0].length - m[1].length;
    out.push({ ruleId: 'eyd.pairedConj', start: at, end: at + m[1].length, message: `"Meskipun" tidak berpasangan dengan "${m[1]}": hapus salah satu.` });
  }
  // A paragraph of prose ends with a full stop (or ? ! or a closing quote).
  {
    const trimmed = text.replace(/[\s\u2063\u2064]+$/u, '');
    const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
    if (/[\p{L}\p{N}]$/u.test(trimmed) && wordCount(lastLine) >= 6 && !/^[\u2064\s]*[-•*\d]/u.test(lastLine) && /\p{Ll}{3,}/u.test(lastLine)) {
      const w = /[\p{L}\p{N}]+$/u.exec(trimmed)!;
      out.push({ ruleId: 'eyd.finalStop', start: w.index, end: trimmed.length, message: 'Akhiri kalimat dengan tanda titik.', fix: { label: 'Tambah titik', replacement: `${w[0]}.` } });
    }
  }

  // Quotes.
  const curlyOpen = [...text.matchAll(/“/g)].length;
  const curlyClose = [...text.matchAll(/”/g)].length;
  const straight = [...text.matchAll(/"/g)].length;
  if (curlyOpen !== curlyClose || straight % 2 === 1) {
    const i = text.search(/[“”"]/);
    out.push({ ruleId: 'quote.unbalanced', start: Math.max(0, i), end: Math.max(0, i) + 1 });
  } else {
    for (const q of quotes(text)) {
      if (q.end - q.start < 25) continue; // short quoted terms ("mati suri") are not speech
      const before = text.slice(Math.max(0, q.start - 140), q.start);
      const after = text.slice(q.end, q.end + 60);
      const attributed = ATTRIBUTION.test(after) || ATTRIBUTION.test(before) || /:\s*$/.test(before);
      if (!attributed) out.push({ ruleId: 'quote.unattributed', start: q.start, end: q.end });
    }
  }
  for (const m of text.matchAll(/(?<![\p{L}])[Bb]eliau(?![\p{L}])/gu)) {
    out.push({ ruleId: 'quote.beliau', start: m.index, end: m.index + m[0].length });
  }

  // Sensitivity.
  for (const m of text.matchAll(hearsayRe)) {
    out.push({ ruleId: 'sens.hearsay', start: m.index, end: m.index + m[0].length, message: `"${m[0]}": klaim tanpa sumber jelas. Sebut sumber resmi atau hapus.` });
  }
  for (const m of text.matchAll(saraRe)) {
    if (m[0].toLowerCase() === 'cina') {
      out.push({ ruleId: 'sens.tionghoa', start: m.index, end: m.index + m[0].length, message: `"${m[0]}": tulis "Tiongkok" untuk negara atau "Tionghoa" untuk orang dan komunitas (Keppres 12/2014).` });
      continue;
    }
    out.push({ ruleId: 'sens.sara', start: m.index, end: m.index + m[0].length, message: `"${m[0]}": ${SARA_TERMS[m[0].toLowerCase()]}.` });
  }
  if (ctx.electionActive) {
    for (const m of text.matchAll(campaignRe)) {
      out.push({ ruleId: 'sens.election', start: m.index, end: m.index + m[0].length, message: `"${m[0]}": istilah kampanye pada masa pemilihan. Jaga netralitas ASN.` });
    }
    if (ctx.electionRe) {
      for (const m of text.matchAll(ctx.electionRe)) {
        out.push({ ruleId: 'sens.election', start: m.index, end: m.index + m[0].length, message: `"${m[0]}" terdaftar sebagai nama calon/partai pada masa pemilihan.` });
      }
    }
  }
  return out;
}

/** Spans of quoted speech (including the quote marks). */
export function quotes(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/“[^”]*”|"[^"]*"/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
