/**
 * Splits a pasted article (WhatsApp, Word, a website) into post fields:
 * title, dateline, event date, lead, body paragraphs, quotes, credits and
 * the photo caption. What portals put around an article is recognised and
 * kept out of the body: menus and "Berita Terbaru" trailers, by-lines and
 * date lines ("23 Nov 2023 Hanapi 286", "• Oleh …", "pada tanggal /
 * Wednesday, 22 February 2023"), photo captions before the dateline, a dek,
 * "Penulis: … | Editor: …" lines and closing desk credits ("(rob)", "(*)").
 *
 * Datelines come in many house styles: "BLORA –", "Purwodadi –",
 * "ROKAN HILIR, RIAUBERNAS.COM -", "Rembang, INFO PAS -", "MuriaNewsCom,
 * Pati –", "Outlet.com | Aceh Utara -", "Bojonegoro (Media Center) –",
 * "Praya, 25 Februari 2026 —". The place is kept (upper case), the outlet
 * dropped; a date in it becomes the event date.
 */
export interface PastedQuote {
  text: string;
  /** The attribution after the quote ("tegas bupati"), when found. */
  attribution: string;
}

export interface PastedArticle {
  title: string;
  dateline: string;
  /** YYYY-MM-DD: the first day-date of the text ("Kamis (25/8/2022)", "Selasa, 21 Februari 2023"), else the page's date line. */
  eventDate: string | null;
  lead: string;
  paragraphs: string[];
  bodyMd: string;
  quotes: PastedQuote[];
  authorCredit: string;
  editorCredit: string;
  photoCredits: string;
  /** Photo caption (or dek) found between the title and the lead; never part of the body. */
  caption: string;
  /** The outlet named in the dateline ("RIAUBERNAS.COM"), '' when none. */
  datelineOutlet: string;
}

const CREDIT = /^\s*(?:[-•*]\s*)?(Penulis|Reporter|Editor|Penyunting|Foto|Fotografer|Pewarta|Teks|Oleh|Laporan|Rilis|Sumber|Redaktur)\b\s*(:)?\s*(.+?)\s*$/iu;
const TRAILING_DESK = /\s*\(([^()]{1,60})\)\.?\s*$/u;
const END_MARKERS = /^(Berita Terbaru|Berita Terkait|Baca [Jj]uga|BACA JUGA|Bagikan|Share|Tags?:|Komentar|Artikel Terkait|Berita Lainnya|Populer|Tinggalkan (Balasan|Komentar)|Leave a)\b/u;
const CHROME = /^(Portal Berita|No Comments|Beranda|Home|Menu|Cari|Search|Share|Bagikan|Advertisement|Iklan)$/iu;
const CAPTION_MARK = /^(photo|foto|ilustrasi|dok\.?|dokumentasi)\b|--$|—$/iu;

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, jan: 1, februari: 2, february: 2, feb: 2, pebruari: 2, maret: 3, march: 3, mar: 3, april: 4, apr: 4,
  mei: 5, may: 5, juni: 6, june: 6, jun: 6, juli: 7, july: 7, jul: 7, agustus: 8, august: 8, agu: 8, agt: 8, aug: 8,
  september: 9, sep: 9, sept: 9, oktober: 10, october: 10, okt: 10, oct: 10, november: 11, nopember: 11, nov: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};
const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DAY_ALT = "Senin|Selasa|Rabu|Kamis|Jumat|Jum['’]at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const DAY_NUMERIC = new RegExp(`(?:${DAY_ALT})\\s*\\(\\s*(\\d{1,2})\\s*/\\s*(\\d{1,2})\\s*/\\s*(\\d{4})\\s*\\)`, 'u');
const DAY_WORDS = new RegExp(`(?:${DAY_ALT}),?\\s+(?:tanggal\\s+)?(\\d{1,2})\\s+(${MONTH_ALT})\\s+(\\d{4})`, 'iu');
const PLAIN_DATE = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})[\\s-]+(${MONTH_ALT})\\.?[\\s-]+(\\d{4})(?![\\p{N}])`, 'iu');
const NUMERIC_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/u;
/** Words of a place in a dateline: capitalised ("Tamiang Layang") or upper case ("ROKAN HILIR"). */
const PLACE_WORD = /^[\p{Lu}][\p{L}.'’-]*$/u;
const OUTLET_WORD = /^(info|media|berita|kabar|warta|news|radio|tv|pos|post|online|pers|center|centre|humas)$/iu;
const OUTLET_CAPS = /^\p{Lu}{4,}(NEWS|POST|POS|TIMES|ONLINE|COM|TV|FM|PERS)$/u;
const NOT_A_PLACE = /^(Bupati|Wakil|Kepala|Pemerintah|Dinas|Camat|Lurah|Ketua|Gubernur|Menteri|Sekda|Sekretaris|Pj|Plt|Presiden|Warga|Para|Ini|Itu|Hal|Dalam|Sebanyak)$/u;

function isProse(line: string): boolean {
  return line.length >= 100 || (/[.!?”"]$/.test(line) && line.split(/\s+/).length >= 8);
}

function iso(y: string, m: number, d: string): string | null {
  const s = `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
  return m >= 1 && m <= 12 && !Number.isNaN(Date.parse(s)) ? s : null;
}

/** The first date written out in `s` (day-date forms first). */
function findDate(s: string, plainToo: boolean): string | null {
  const a = DAY_NUMERIC.exec(s);
  const b = DAY_WORDS.exec(s);
  const first = [a && { i: a.index, v: iso(a[3], Number(a[2]), a[1]) }, b && { i: b.index, v: iso(b[3], MONTHS[b[2].toLowerCase()], b[1]) }]
    .filter((x): x is { i: number; v: string | null } => !!x && !!x.v)
    .sort((x, y) => x.i - y.i)[0];
  if (first) return first.v;
  if (!plainToo) return null;
  const c = PLAIN_DATE.exec(s);
  if (c) return iso(c[3], MONTHS[c[2].toLowerCase()], c[1]);
  const d = NUMERIC_DATE.exec(s);
  return d ? iso(d[3], Number(d[2]), d[1]) : null;
}

/** A line that is only a date/time, a counter, or a by-line with a date ("mz 07 Oktober 2022 19:50:49 WIB"). */
function metaLine(t: string): { author: string; date: string | null } | null {
  const date = findDate(t, true);
  const rest = t
    .replace(PLAIN_DATE, ' ')
    .replace(new RegExp(`(?:${DAY_ALT}),?`, 'giu'), ' ')
    .replace(new RegExp(`(?<![\\p{L}])(?:${MONTH_ALT})(?![\\p{L}])`, 'giu'), ' ')
    .replace(/\d+([:./-]\d+)*/gu, ' ')
    .replace(/(?<![\p{L}])(WIB|WITA|WIT|pada tanggal|tanggal|pukul|jam|views?|dilihat|kali)(?![\p{L}])/giu, ' ')
    .replace(/[•|,\-–—:/()]/gu, ' ')
    .trim();
  const words = rest.split(/\s+/).filter(Boolean);
  if (date || /^\d[\d\s:./-]*$/u.test(t) || /^pada tanggal$/iu.test(t)) return words.length <= 3 ? { author: words.join(' '), date } : null;
  return null;
}

interface Dateline {
  place: string;
  outlet: string;
  date: string | null;
  rest: string;
}

/** "ROKAN HILIR, RIAUBERNAS.COM - Dinas…" → place, outlet, date, and the text after the dash. */
export function parseDateline(p: string): Dateline | null {
  const m = /^(.{2,80}?)\s*(?:–|—|-{1,2})(?:\s+|$)/u.exec(p);
  if (!m) return null;
  const prefix = m[1].trim();
  const glued = !/\s$/u.test(p.slice(0, m.index + m[1].length)) && !/\s/u.test(p[m[1].length] ?? ' ');
  const segments: { text: string; paren: boolean }[] = [];
  for (const part of prefix.split(/\s*[,|]\s*/u)) {
    const paren = /^(.*?)\s*\(([^)]*)\)\s*$/u.exec(part);
    if (paren) {
      if (paren[1]) segments.push({ text: paren[1], paren: false });
      segments.push({ text: paren[2], paren: true });
    } else if (part) segments.push({ text: part, paren: false });
  }
  if (!segments.length || segments.length > 4) return null;
  let outlet = '';
  let date: string | null = null;
  const places: string[] = [];
  for (const [i, s] of segments.entries()) {
    const words = s.text.split(/\s+/u);
    if (s.paren || /\.[a-z]{2,}/iu.test(s.text) || /\p{Ll}\p{Lu}/u.test(s.text) || (words.length <= 3 && words.some((w) => OUTLET_WORD.test(w) || OUTLET_CAPS.test(w)))) {
      outlet ||= s.text;
      continue;
    }
    if (/\d/u.test(s.text)) {
      date = findDate(s.text, true);
      if (!date) return null;
      continue;
    }
    if (words.length > 4 || !words.every((w) => PLACE_WORD.test(w)) || NOT_A_PLACE.test(words[0])) return null;
    // "Sentani Kawattimur-": a single mixed-case segment glued to the dash ends with the outlet.
    if (segments.length === 1 && i === 0 && glued && words.length >= 2 && s.text !== s.text.toUpperCase()) {
      places.push(words.slice(0, -1).join(' '));
      outlet ||= words[words.length - 1];
      continue;
    }
    places.push(s.text);
  }
  const place = places.find((x) => x === x.toUpperCase()) ?? places[0] ?? '';
  if (!place) return null;
  return { place: place.toUpperCase(), outlet, date, rest: p.slice(m[0].length) };
}

const GLUED_ROLE = /(?<=[^\s|])\s*(?=(?:Editor|Penulis|Reporter|Penyunting|Fotografer|Foto|Pewarta|Redaktur)\s*:)/gu;

function creditOf(line: string): { role: string; name: string }[] | null {
  // "Pamungkas Biro BloraEditor: Admin": a second role glued to the name before it.
  const parts = line.replace(GLUED_ROLE, ' | ').split(/\s+\|\s+/u);
  const out: { role: string; name: string }[] = [];
  for (const [i, part] of parts.entries()) {
    const m = CREDIT.exec(part);
    if (!m && i === 0 && parts.length > 1 && part.split(/\s+/u).length <= 5) {
      out.push({ role: 'penulis', name: part.trim() });
      continue;
    }
    if (!m) return null;
    const words = m[3].split(/\s+/u).length;
    // Without a colon only a short name follows ("Penulis hery", "Rilis Dani", "Oleh Agustinus Bole Malo").
    if (!m[2] && (words > 5 || /[.!?]$/u.test(m[3]))) return null;
    if (words > 12) return null;
    let name = m[3];
    const role = m[1].toLowerCase();
    // "Laporan Reporter Tribun Jogja, Ardhike Indah": the name is after the last comma.
    if (role === 'laporan') name = name.includes(',') ? name.slice(name.lastIndexOf(',') + 1).trim() : name.replace(/^(Reporter|Wartawan)\s+/iu, '');
    out.push({ role, name });
  }
  return out;
}

export function splitPastedArticle(raw: string): PastedArticle {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    // Three or more spaces inside a line separate paragraphs (text copied from some portals).
    .replace(/(?<=\S)[ \t]{3,}(?=\S)/g, '\n\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/u, ''));

  // The article ends at the first portal trailer or indented list (related news).
  let end = lines.length;
  let seenProse = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (isProse(t)) seenProse = true;
    if (seenProse && t && (END_MARKERS.test(t) || (/^\s{2,}\S/.test(lines[i]) && !isProse(t) && !/^\s*•/.test(lines[i])))) {
      end = i;
      break;
    }
  }

  // Join wrapped lines: a line ending with "," continues, and so does a lower-case line right under a prose line.
  const paras: string[] = [];
  let joinNext = false;
  let prevBlank = true;
  for (let i = 0; i < end; i++) {
    const t = lines[i].trim();
    if (!t) {
      joinNext = false;
      prevBlank = true;
      continue;
    }
    const last = paras[paras.length - 1] ?? '';
    const wrapped = !prevBlank && /^\p{Ll}/u.test(t) && last.split(/\s+/).length >= 8 && !/[.!?”"]$/u.test(last);
    if (paras.length && (joinNext || wrapped) && !creditOf(t)) paras[paras.length - 1] += ' ' + t;
    else paras.push(t);
    joinNext = /,$/.test(t) && paras.length > 1;
    prevBlank = false;
  }

  // Credits ("Penulis: … | Editor: …", "Oleh …", "Rilis Dani") anywhere; they never belong to the body.
  let authorCredit = '';
  let editorCredit = '';
  let photoCredits = '';
  const captions: string[] = [];
  const kept: string[] = [];
  for (const p of paras) {
    const credits = creditOf(p);
    if (!credits) {
      kept.push(p);
      continue;
    }
    for (const { role, name } of credits) {
      if (role === 'editor' || role === 'penyunting' || role === 'redaktur') editorCredit ||= name;
      // "Foto: Bupati meninjau tanggul." is a caption; "Foto: Humas Blora" a credit.
      else if ((role === 'foto' || role === 'fotografer') && (/[.!?]$/u.test(name) || name.split(/\s+/u).length > 6)) captions.push(name);
      else if (role === 'foto' || role === 'fotografer') photoCredits = name;
      else if (role === 'sumber') continue;
      else if (!authorCredit.toLowerCase().includes(name.toLowerCase())) authorCredit = authorCredit ? `${authorCredit}, ${name}` : name;
    }
  }

  // Lead: the paragraph opening with a dateline (in the first part of the text), else the first prose paragraph.
  let leadIdx = -1;
  let dl: Dateline | null = null;
  const firstProse = kept.findIndex(isProse);
  for (let i = 0; i < Math.min(kept.length, Math.max(firstProse, 0) + 4); i++) {
    let d = parseDateline(kept[i]);
    // "Lampung Utara, Lampungvisual.com-" on its own line: the lead is the next paragraph.
    if (d && !d.rest.trim() && i + 1 < kept.length) {
      kept.splice(i, 2, `${kept[i]} ${kept[i + 1]}`);
      d = parseDateline(kept[i]);
    }
    if (d && (isProse(d.rest) || d.rest.split(/\s+/u).length >= 8)) {
      leadIdx = i;
      dl = d;
      break;
    }
  }
  if (leadIdx < 0) leadIdx = kept.findIndex((p, i) => i > 0 && isProse(p) && !CAPTION_MARK.test(p));
  if (leadIdx < 0) leadIdx = kept.findIndex(isProse);
  if (leadIdx < 0) leadIdx = Math.min(1, kept.length - 1);

  // Between the title and the lead: title, captions, dek, by-lines, date lines.
  let title = '';
  let pageDate: string | null = null;
  const header = kept.slice(0, Math.max(leadIdx, 0));
  const skipped = new Set<number>();
  header.forEach((t, i) => {
    const meta = metaLine(t);
    if (meta) {
      skipped.add(i);
      pageDate ||= meta.date;
      if (meta.author && !authorCredit && /\p{L}{2,}/u.test(meta.author)) authorCredit = meta.author;
    } else if (/^[-•*]\s/u.test(t) || CHROME.test(t) || !/\p{L}/u.test(t)) skipped.add(i);
  });
  for (let i = header.length - 1; i >= 0; i--) {
    const t = header[i];
    if (skipped.has(i)) continue;
    if (isProse(t) || CAPTION_MARK.test(t)) {
      captions.unshift(t.replace(/\s*-{2,}$|\s*—$/u, ''));
      continue;
    }
    // A one- or two-word line under an earlier line is a by-line ("Tosiani"), not the title.
    const earlier = header.slice(0, i).some((x, j) => !skipped.has(j) && !isProse(x) && x.split(/\s+/u).length >= 3);
    if (earlier && t.split(/\s+/u).length <= 2 && !/[.!?]$/u.test(t)) {
      if (!authorCredit && !/^\p{Ll}+$/u.test(t)) authorCredit = t;
      continue;
    }
    title = t.replace(/^#+\s*/, '').replace(/^\*(.+)\*$/, '$1');
    break;
  }
  // The title repeated as a caption ("Judul--") is the caption's empty text, not a caption.
  const caption = captions.filter((c) => c.trim() && c.trim() !== title.trim()).join(' ');

  let lead = leadIdx >= 0 ? (kept[leadIdx] ?? '') : '';
  let dateline = '';
  let datelineOutlet = '';
  let datelineDate: string | null = null;
  if (!dl) dl = parseDateline(lead);
  if (dl && lead.endsWith(dl.rest)) {
    dateline = dl.place;
    datelineOutlet = dl.outlet;
    datelineDate = dl.date;
    lead = dl.rest;
  }
  const paragraphs = kept.slice(leadIdx + 1);

  // "(Tim Dinkominfo. Blora)", "(rob)", "(*)", "(OL-15)", "(BOLE MALO/B-5)" closing the last paragraph: the desk credit.
  if (paragraphs.length) {
    const last = paragraphs[paragraphs.length - 1];
    const desk = TRAILING_DESK.exec(last);
    const content = desk?.[1].trim() ?? '';
    if (desk && !/^\d+\s*\/\s*\d+/u.test(content) && (!/\d/u.test(content) || /\p{L}+-\d+$/u.test(content)) && content.split(/\s+/u).length <= 5) {
      paragraphs[paragraphs.length - 1] = last.slice(0, desk.index).trim();
      if (!paragraphs[paragraphs.length - 1]) paragraphs.pop();
      if (!authorCredit) authorCredit = content;
    }
  }

  const all = [lead, ...paragraphs].join('\n');
  const eventDate = findDate(all, false) ?? datelineDate ?? pageDate;

  const quotes: PastedQuote[] = [];
  for (const p of [lead, ...paragraphs]) {
    for (const m of p.matchAll(/[“"]([^”"]{10,})[”"]\s*,?\s*([^.“"]{0,60})/gu)) {
      quotes.push({ text: m[1].replace(/[,.]\s*$/, '').trim(), attribution: m[2].trim() });
    }
  }

  return {
    title,
    dateline,
    eventDate,
    lead,
    paragraphs,
    bodyMd: paragraphs.join('\n\n'),
    quotes,
    authorCredit,
    editorCredit,
    photoCredits,
    caption,
    datelineOutlet,
  };
}
