/**
 * Splits a pasted article (WhatsApp, Word, a website) into post fields:
 * title, dateline, event date, lead, body paragraphs, quotes and credits.
 * Portal chrome around the article (menus, "Berita Terbaru", bullet meta
 * lines like "- 27 Aug") is dropped.
 */
export interface PastedQuote {
  text: string;
  /** The attribution after the quote ("tegas bupati"), when found. */
  attribution: string;
}

export interface PastedArticle {
  title: string;
  dateline: string;
  /** YYYY-MM-DD from the first "Kamis (25/8/2022)" in the text, or null. */
  eventDate: string | null;
  lead: string;
  paragraphs: string[];
  bodyMd: string;
  quotes: PastedQuote[];
  authorCredit: string;
  editorCredit: string;
  photoCredits: string;
}

const DATELINE = /^([\p{Lu}][\p{Lu} .'/-]{1,40}?)\s*[–—-]{1,2}\s+(?=\S)/u;
const DAY_DATE = /(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*\(\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*\)/u;
const CREDIT = /^\s*(Penulis|Reporter|Editor|Penyunting|Foto|Fotografer|Pewarta|Teks)\s*:\s*(.+?)\s*$/iu;
const TRAILING_DESK = /\s*\(([^()]{2,60})\)\.?\s*$/u;
const END_MARKERS = /^(Berita Terbaru|Berita Terkait|Baca [Jj]uga|Bagikan|Share|Tags?:|Komentar|Artikel Terkait|Berita Lainnya|Populer)\b/u;
const CHROME = /^(Portal Berita|No Comments|Beranda|Home|Menu|Cari|Search|Share|Bagikan)$/iu;

function isProse(line: string): boolean {
  return line.length >= 100 || (/[.!?”"]$/.test(line) && line.split(/\s+/).length >= 8);
}

export function splitPastedArticle(raw: string): PastedArticle {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+$/u, ''));

  // The article ends at the first portal trailer or indented list (related news).
  let end = lines.length;
  let seenProse = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (isProse(t)) seenProse = true;
    if (seenProse && t && (END_MARKERS.test(t) || (/^\s{2,}\S/.test(lines[i]) && !isProse(t)))) {
      end = i;
      break;
    }
  }

  // Join wrapped lines: a line ending with "," or a next line starting in lower case continues.
  const paras: string[] = [];
  let joinNext = false;
  for (let i = 0; i < end; i++) {
    const t = lines[i].trim();
    if (!t) {
      joinNext = false;
      continue;
    }
    if (paras.length && (joinNext || /^\p{Ll}/u.test(t)) && !CREDIT.test(t)) paras[paras.length - 1] += ' ' + t;
    else paras.push(t);
    joinNext = /,$/.test(t);
  }

  // Credits ("Penulis: …") anywhere after the lead; they never belong to the body.
  let authorCredit = '';
  let editorCredit = '';
  let photoCredits = '';
  const kept: string[] = [];
  for (const p of paras) {
    const m = CREDIT.exec(p);
    if (!m) {
      kept.push(p);
      continue;
    }
    const role = m[1].toLowerCase();
    if (role === 'editor' || role === 'penyunting') editorCredit = m[2];
    else if (role === 'foto' || role === 'fotografer') photoCredits = m[2];
    else authorCredit = authorCredit ? `${authorCredit}, ${m[2]}` : m[2];
  }

  // Lead: the paragraph with a dateline, else the first prose paragraph.
  let leadIdx = kept.findIndex((p) => DATELINE.test(p) && isProse(p));
  if (leadIdx < 0) leadIdx = kept.findIndex(isProse);
  if (leadIdx < 0) leadIdx = Math.min(1, kept.length - 1);

  // Title: the last short non-meta line before the lead.
  let title = '';
  for (let i = leadIdx - 1; i >= 0; i--) {
    const t = kept[i];
    if (/^[-•*]\s/.test(t) || CHROME.test(t) || isProse(t)) continue;
    title = t.replace(/^#+\s*/, '').replace(/^\*(.+)\*$/, '$1');
    break;
  }

  let lead = leadIdx >= 0 ? (kept[leadIdx] ?? '') : '';
  let dateline = '';
  const dl = DATELINE.exec(lead);
  if (dl) {
    dateline = dl[1].trim().replace(/[,.]$/, '');
    lead = lead.slice(dl[0].length);
  }
  const paragraphs = kept.slice(leadIdx + 1);

  // "(Tim Dinkominfo. Blora)" / "(Humas/Redaksi)" closing the last paragraph is the desk credit.
  if (paragraphs.length) {
    const last = paragraphs[paragraphs.length - 1];
    const desk = TRAILING_DESK.exec(last);
    if (desk && !/\d/.test(desk[1])) {
      paragraphs[paragraphs.length - 1] = last.slice(0, desk.index).trim();
      if (!paragraphs[paragraphs.length - 1]) paragraphs.pop();
      if (!authorCredit) authorCredit = desk[1].trim();
    }
  }

  const all = [lead, ...paragraphs].join('\n');
  const dd = DAY_DATE.exec(all);
  const eventDate = dd ? `${dd[3]}-${dd[2].padStart(2, '0')}-${dd[1].padStart(2, '0')}` : null;

  const quotes: PastedQuote[] = [];
  for (const p of [lead, ...paragraphs]) {
    for (const m of p.matchAll(/[“"]([^”"]{10,})[”"]\s*,?\s*([^.“"]{0,60})/gu)) {
      quotes.push({ text: m[1].replace(/[,.]\s*$/, '').trim(), attribution: m[2].trim() });
    }
  }

  return {
    title,
    dateline,
    eventDate: eventDate && !Number.isNaN(Date.parse(eventDate)) ? eventDate : null,
    lead,
    paragraphs,
    bodyMd: paragraphs.join('\n\n'),
    quotes,
    authorCredit,
    editorCredit,
    photoCredits,
  };
}
