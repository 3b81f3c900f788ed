import { CAMPAIGN_TERMS, DI_PLACE, FOREIGN, HEARSAY, JABATAN, NONSTANDARD, ONE_WORD_NUMBERS, SARA_TERMS, TIME_WORDS } from '../wordlists';
import { MASK_EMPHASIS, matchCase, sentences, wordCount } from '../text';
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
const jabatanLowerRe = new RegExp(
  `(?<![\\p{L}])(${[...JABATAN].sort((a, b) => b.length - a.length).map((j) => j.replace(/ /g, '\\s')).join('|')})(?=\\s+\\p{Lu}\\p{Ll})`,
  'gu',
);
const ATTRIBUTION =
  /(?<![\p{L}])(ujar|kata|tegas|ungkap|jelas|imbuh|terang|tutur|pungkas|sebut|ucap|papar|ajak|pinta|harap|tambah|lanjut|tandas|urai|seru|kilah|akui|aku)(nya)?(?![\p{L}])|(?<![\p{L}])(menurut|mengatakan|menjelaskan|menegaskan|mengungkapkan|menyampaikan|menuturkan|memaparkan|menambahkan|berkata|berpesan|mengajak|meminta|mengimbau|mengaku|menyebut|menerangkan|mengingatkan)(?![\p{L}])/iu;

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
  // One-word numbers as digits before a lower-case word: "3 orang" → "tiga orang".
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.,/:-])(\d{1,4})(?= (\p{Ll}+))/gu)) {
    const spelled = ONE_WORD_NUMBERS[m[1]];
    if (!spelled) continue;
    const next = m[2];
    // "Nomor 1 tahun 2024", "pasal 5 ayat", "RT 3": identifiers keep their digits.
    if (/(?:nomor|no\.?|nomer|pasal|ayat|tahap|lantai|rt|rw|jilid|bab|kelas|urut|angka|gelombang|sesi|ruang|pos)\s*$/iu.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (/^(persen|km|kg|m|cm|mm|ha|ton|liter|jam|menit|detik)$/.test(next)) continue;
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
  for (const m of text.matchAll(/(?<![\p{L}])(?:(?<=(?:HUT|[Uu]lang [Tt]ahun|[Pp]eringatan|[Hh]ari [Jj]adi|yang|[Jj]uara) )([Kk]e) (\d+)|([Kk]e)(\d+))(?![\d.,\p{L}])/gu)) {
    const fixed = `${m[1] ?? m[3]}-${m[2] ?? m[4]}`;
    out.push({ ruleId: 'eyd.ordinal', start: m.index, end: m.index + m[0].length, message: `Tulis "${fixed}".`, fix: fixReplace(m[0], fixed) });
  }
  // Repeated word: "yang yang".
  let prev: { w: string; start: number; end: number } | null = null;
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    const gap = prev ? text.slice(prev.end, m.index) : '';
    if (prev && prev.w === w && /^ +$/.test(gap) && !/^\d+$/.test(w)) {
      out.push({ ruleId: 'eyd.repeated', start: prev.start, end: m.index + m[0].length, message: `"${m[0]}" tertulis dua kali.`, fix: { label: 'Hapus kata ganda', replacement: text.slice(prev.start, prev.end) } });
    }
    prev = { w, start: m.index, end: m.index + m[0].length };
  }
  for (const m of text.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
    out.push({ ruleId: 'eyd.doubleSpace', start: m.index, end: m.index + m[0].length, fix: { label: 'Jadikan satu spasi', replacement: ' ' } });
  }
  for (const m of text.matchAll(/(?<=\p{L}),(?=\p{L})/gu)) {
    out.push({ ruleId: 'eyd.commaSpace', start: m.index, end: m.index + 1, fix: { label: 'Tambah spasi sesudah koma', replacement: ', ' } });
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
