import { getSchema, type AnyExtension, type JSONContent } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Markdown, MarkdownManager } from '@tiptap/markdown';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import Paragraph from '@tiptap/extension-paragraph';
import StarterKit from '@tiptap/starter-kit';
import { markdownToHtml } from '@shared/posts/article';

/**
 * The visual body editor's document model and its Markdown form.
 *
 * Why TipTap (ProseMirror) rather than Lexical: the body is stored as
 * Markdown, and TipTap 3 ships an official Markdown extension
 * (@tiptap/markdown) that parses with marked, the same parser the article,
 * exports and WordPress paths render with, so what the editor shows and what
 * the website gets come from one reading of the text. Lexical's Markdown
 * support is transformer-based and round-trips lossily (lists, escapes).
 * ProseMirror decorations also give the coach's inline underlines without
 * touching the document.
 *
 * This module has no DOM dependency so the Markdown round trip is tested in
 * node (tests/unit/posts/body-markdown.test.ts) with the very extensions the
 * editor uses.
 */

/** The extensions of the body document, shared by the editor and the tests. */
export function bodyExtensions(extra: { image?: typeof Image } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      // Markdown has no underline; a mark that cannot be stored is not offered.
      underline: false,
      paragraph: false,
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: false, linkOnPaste: true },
      // The editor adds an empty paragraph after a photo at the end so typing can go on.
      trailingNode: { node: 'paragraph' },
    }),
    BodyParagraph,
    (extra.image ?? BodyImage).configure({ inline: false, allowBase64: false }),
    Markdown.configure({ indentation: { style: 'space', size: 2 } }),
  ];
}

/**
 * Empty paragraphs (pressing Enter twice) stay out of the stored text: the
 * stock renderer writes "&nbsp;" for them, which would reach the website as
 * an empty line of markup.
 */
const BodyParagraph = Paragraph.extend({
  renderMarkdown: (node: JSONContent, h: { renderChildren(c: JSONContent[]): string }) => (node.content?.length ? h.renderChildren(node.content) : ''),
});

/** `![alt](src)` exactly as the editor has always inserted photos; alt and src cannot break the syntax. */
export const BodyImage = Image.extend({
  renderMarkdown: (node: JSONContent) => {
    const alt = String(node.attrs?.alt ?? '').replace(/[[\]\s]+/g, ' ').trim();
    const src = String(node.attrs?.src ?? '').replace(/[\s()<>]/g, encodeURIComponent);
    const title = String(node.attrs?.title ?? '').replace(/["\r\n]+/g, ' ').trim();
    return title ? `![${alt}](${src} "${title}")` : `![${alt}](${src})`;
  },
});

let shared: { manager: MarkdownManager; schema: Schema } | null = null;
function codec() {
  if (!shared) {
    const extensions = bodyExtensions();
    shared = { manager: new MarkdownManager({ extensions, indentation: { style: 'space', size: 2 } }), schema: getSchema(extensions) };
  }
  return shared;
}

/** Stored Markdown → editor document. */
export function markdownToDoc(md: string): PMNode {
  const { manager, schema } = codec();
  return schema.nodeFromJSON(manager.parse(md.replace(/\r\n?/g, '\n')));
}

/** Editor document → Markdown, in the form the editor stores. */
export function docToMarkdown(doc: PMNode): string {
  return tidyMarkdown(codec().manager.serialize(doc.toJSON() as JSONContent));
}

/** Blank runs left by empty blocks collapse to one blank line; no trailing blank lines. */
export function tidyMarkdown(md: string): string {
  return md.replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '');
}

/** Markdown → editor → Markdown, as a first edit of a loaded post writes it. */
export function roundTrip(md: string): string {
  return docToMarkdown(markdownToDoc(md));
}

/**
 * Whether writing `after` in place of `before` would change the article
 * (the HTML the preview, exports and WordPress make of it). A loaded text
 * for which the editor's Markdown changes the article holds what the editor
 * cannot keep (tables) and must be edited as Markdown.
 */
export function changesArticle(before: string, after: string): boolean {
  return after !== before.trimEnd() && markdownToHtml(after) !== markdownToHtml(before);
}

/**
 * Where the characters of the Markdown text are in the document, so the
 * coach's findings (offsets into bodyMd) become document ranges and the
 * caret's document position becomes a bodyMd offset.
 *
 * The document's text appears in the Markdown in order, with markup
 * (`## `, `**`, `](…)`, escapes, entities) between or inside it: each text
 * node is found from the last match on, and its characters are matched one
 * by one, skipping at most a few markup characters (an escape or an entity).
 * Whitespace matches whitespace (a soft line break is a space in the doc).
 */
export interface OffsetMap {
  /** Document position of the character at a Markdown offset, -1 when it is markup. */
  toDoc(offset: number): number;
  /** Markdown offset of a document position (the nearest mapped character before it). */
  toMarkdown(pos: number): number;
  /** The document range of a Markdown range, or null when none of it is text in the doc. */
  range(start: number, end: number): { from: number; to: number } | null;
}

const SKIP = 8;
const WORD = /[\p{L}\p{N}]/u;
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\u00a0';
const same = (a: string, b: string) => a === b || (isSpace(a) && isSpace(b));

export function offsetMap(doc: PMNode, source: string): OffsetMap {
  // Photo syntax and link addresses are never document text: blanked out so a word of an alt text or URL is not taken for the text.
  const md = source.replace(/!\[[^\]\n]*\]\([^)\n]*\)|\]\([^)\n]*\)/g, (m) => '\u0000'.repeat(m.length));
  const mdToDoc = new Int32Array(md.length + 1).fill(-1);
  const docToMd = new Int32Array(doc.content.size + 2).fill(-1);
  let j = 0;
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    const text = node.text;
    // Find where this text node starts: its first characters, from the last match on.
    const probe = text.slice(0, Math.min(12, text.length));
    let at = md.indexOf(probe, j);
    if (at < 0) at = md.indexOf(text[0], j);
    if (at < 0) return;
    let k = at;
    for (let i = 0; i < text.length && k < md.length; i++) {
      let m = k;
      // Only markup is skipped (escapes, emphasis, link brackets): never a letter or digit of other text.
      while (m < md.length && m - k <= SKIP && !same(md[m], text[i]) && !WORD.test(md[m])) m++;
      if (m >= md.length || !same(md[m], text[i])) continue; // a character the Markdown spells differently
      mdToDoc[m] = pos + i;
      docToMd[pos + i] = m;
      k = m + 1;
    }
    j = k;
  });
  return {
    toDoc: (offset) => (offset >= 0 && offset < mdToDoc.length ? mdToDoc[offset] : -1),
    toMarkdown(pos) {
      for (let p = Math.min(pos, docToMd.length - 1); p >= 0; p--) {
        if (docToMd[p] >= 0) return docToMd[p] + (p < pos ? 1 : 0);
      }
      return 0;
    },
    range(start, end) {
      // Markup at either end is left out; an unmapped letter means the range is not (all) document text.
      let s = start;
      while (s < end && mdToDoc[s] < 0 && !WORD.test(md[s])) s++;
      let e = end - 1;
      while (e >= s && mdToDoc[e] < 0 && !WORD.test(md[e])) e--;
      if (s > e || mdToDoc[s] < 0 || mdToDoc[e] < 0) return null;
      return { from: mdToDoc[s], to: mdToDoc[e] + 1 };
    },
  };
}
