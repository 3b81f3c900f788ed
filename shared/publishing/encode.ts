/**
 * Encoders for every field that leaves Redaksi, one per receiving system.
 * Everything an author types is TEXT; the only HTML that ever leaves is the
 * article body, which is sanitised separately (electron/core/html/sanitize.ts).
 * Apply the encoder at the sink (the publisher or the exporter), never to the
 * stored record, so the stored text stays what the author typed.
 *
 *   destination                     encoder
 *   WordPress title/excerpt/alt…    wpText        (HTML text, shortcodes inert)
 *   Facebook/Instagram/X text       channelText   (plain text, no control chars)
 *   HTML file (ZIP artikel.html)    htmlText
 *   Markdown file (ZIP artikel.md)  markdownLine
 *   XML text node / CDATA (WXR)     xmlText / xmlCdata
 *   PDF text (pdfkit)               pdfText
 *   CSV cell                        shared/files/csv-safe.ts (csvSafeCell)
 */

// C0 and C1 controls except tab and line feed; DEL; the two noncharacters
// that XML forbids. Carriage returns are normalised to line feeds first.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// A surrogate half without its partner is not text: JSON and XML refuse it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Plain text as any system can take it: LF line ends, no control characters, well-formed UTF-16. */
export function plainText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '');
}

/** Plain text on one line (titles, names): every line break becomes a space. */
export function lineText(s: string): string {
  return plainText(s).replace(/[\n\t\u2028\u2029]+/g, ' ');
}

const HTML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute value. */
export function htmlText(s: string): string {
  return plainText(s).replace(/[&<>"']/g, (c) => HTML_ESC[c]);
}

const WP_ESC: Record<string, string> = { ...HTML_ESC, '[': '&#91;', ']': '&#93;' };

/**
 * A WordPress field that WordPress stores and prints as HTML (post title,
 * excerpt, media caption and title, term names) but that Redaksi holds as
 * text. Every markup character is an entity, so an account allowed to post
 * unfiltered HTML still stores only text; brackets become &#91; &#93; (as
 * WordPress itself escapes them) so a shortcode in a title never runs. One
 * HTML decode gives back exactly the plain text.
 */
export function wpText(s: string): string {
  return plainText(s).replace(/[&<>"'[\]]/g, (c) => WP_ESC[c]);
}

/** Text for a social channel's caption/message (plain text on the platform). */
export function channelText(s: string): string {
  return plainText(s);
}

/** Text for pdfkit: it draws text, never markup; only control characters must go. */
export function pdfText(s: string): string {
  return plainText(s);
}

/**
 * One line of Markdown that renders as exactly this text (CommonMark 0.31
 * §2.4: any ASCII punctuation may be backslash-escaped). Inline syntax is
 * escaped everywhere, with ":" "@" and "www." so GFM makes no autolink; block markers (list, heading underline, ordered list)
 * only where they would start the line.
 */
export function markdownLine(s: string): string {
  // Trailing spaces would make a hard line break (<br>) in the middle of the front lines.
  return lineText(s)
    .trimEnd()
    .replace(/[\\`*_[\]<>&!|~#:@]/g, (c) => `\\${c}`)
    // GFM turns www.… into a link even without a scheme.
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** XML 1.0 text node or attribute value. */
export function xmlText(s: string): string {
  return plainText(s).replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : HTML_ESC[c]));
}

/** XML CDATA section; a "]]>" inside is split so it cannot close the section early. Only for already-sanitised HTML. */
export function xmlCdata(s: string): string {
  return `<![CDATA[${plainText(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Undo one level of HTML entity encoding (numeric and the few named entities WordPress writes). */
export function decodeHtmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
