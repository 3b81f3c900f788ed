import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '@shared/posts/article';
import { changesArticle, docToMarkdown, markdownToDoc, offsetMap, roundTrip } from '@ui/features/posts/body-markdown';

/**
 * The visual editor stores Markdown: a post opened and edited in it must
 * keep its text (and so its website HTML). The corpus is read at run time
 * (never copied into the project); structured variants are built from its
 * paragraphs so headings, quotes, lists, marks, links and photos are covered
 * on real Indonesian text with its real oddities.
 */
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/articles');
const articles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ name: f, body: readFileSync(path.join(CORPUS, f), 'utf8').split('\n').slice(5).join('\n').trimEnd() }));

/** A corpus body rewritten with every construct the toolbar offers, from its own paragraphs. */
function structured(body: string, n: number): string {
  const paras = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  paras.forEach((p, i) => {
    const words = p.split(/\s+/);
    switch (i % 7) {
      case 0:
        out.push(`## ${words.slice(0, 6).join(' ')}`, p);
        break;
      case 1:
        out.push(`> ${p}`);
        break;
      case 2: {
        const items = p.split(/(?<=\.)\s+/).filter(Boolean);
        out.push(items.map((s) => `- ${s}`).join('\n'));
        break;
      }
      case 3:
        out.push(`**${words.slice(0, 3).join(' ')}** ${words.slice(3, -2).join(' ')} *${words.slice(-2).join(' ')}*`.trim());
        break;
      case 4:
        // (An empty link text would be invisible in the editor too; short lines stay plain.)
        if (words.length < 6) out.push(p);
        else out.push(`${words.slice(0, 4).join(' ')} [${words.slice(4, 6).join(' ')}](https://dinkes.contoh.go.id/berita/${n}-${i}) ${words.slice(6).join(' ')}`.trim());
        break;
      case 5:
        out.push(`![${words.slice(0, 5).join(' ')}](./files/previews/${(n * 7919 + i).toString(16).padStart(64, '0')}.jpg)`, p);
        break;
      default:
        out.push(p.split(/(?<=\.)\s+/).map((s, k) => `${k + 1}. ${s}`).join('\n'));
    }
  });
  return out.join('\n\n');
}

describe('Markdown → editor → Markdown', () => {
  it('keeps the rendered article of every corpus text and is stable after one pass', () => {
    let identical = 0;
    for (const a of articles) {
      const once = roundTrip(a.body);
      expect(markdownToHtml(once), a.name).toBe(markdownToHtml(a.body));
      expect(roundTrip(once), a.name).toBe(once);
      if (once === a.body) identical++;
    }
    // Only escapes may differ ("(*)" is written "(\*)"): most texts come back byte for byte.
    expect(identical).toBeGreaterThanOrEqual(articles.length - 4);
  });

  it('keeps headings, quotes, lists, bold/italic, links and photos byte for byte on the corpus', () => {
    expect(articles.length).toBeGreaterThanOrEqual(20);
    const changed: string[] = [];
    articles.forEach((a, n) => {
      const md = structured(a.body, n);
      const once = roundTrip(md);
      expect(markdownToHtml(once), a.name).toBe(markdownToHtml(md));
      expect(roundTrip(once), a.name).toBe(once);
      if (once !== md) changed.push(a.name);
    });
    console.log(`structured corpus: ${articles.length - changed.length}/${articles.length} byte-identical; changed: ${changed.join(', ')}`);
    expect(changed.length).toBeLessThanOrEqual(4);
  });

  it('writes each construct in the form the article renderer reads', () => {
    const md = [
      '## Tajuk bagian',
      'Paragraf **tebal**, *miring* dan [tautan](https://contoh.go.id/a).',
      '> Kutipan narasumber.',
      '- satu\n- dua',
      '1. pertama\n2. kedua',
      '![Warga antre vaksin](./files/previews/abc.jpg)',
      'Penutup.',
    ].join('\n\n');
    expect(roundTrip(md)).toBe(md);
    const types = markdownToDoc(md).content.content.map((n) => n.type.name);
    expect(types).toEqual(['heading', 'paragraph', 'blockquote', 'bulletList', 'orderedList', 'image', 'paragraph']);
  });

  it('keeps photo syntax intact whatever the alt text holds, and drops empty paragraphs', () => {
    const doc = markdownToDoc('Teks.');
    const schema = doc.type.schema;
    const img = schema.nodes.image.create({ src: './files/previews/f00.jpg', alt: 'Foto [1]\nbaris' });
    const next = schema.nodes.doc.create(null, [doc.firstChild!, schema.nodes.paragraph.create(), schema.nodes.paragraph.create(), img, schema.nodes.paragraph.create()]);
    expect(docToMarkdown(next)).toBe('Teks.\n\n![Foto 1 baris](./files/previews/f00.jpg)');
  });
});

describe('texts the visual editor cannot keep', () => {
  it('are told apart from the corpus, which it keeps', () => {
    for (const a of articles) expect(changesArticle(a.body, roundTrip(a.body)), a.name).toBe(false);
    const table = 'Data:\n\n| Kecamatan | Warga |\n| --- | --- |\n| Blora | 120 |';
    expect(changesArticle(table, roundTrip(table))).toBe(true);
    // Raw HTML is text in the article, and stays text (escaped) in the editor: nothing changes.
    const html = 'Teks dengan <b>kode HTML</b> yang tampil sebagai teks.';
    expect(changesArticle(html, roundTrip(html))).toBe(false);
  });
});

describe('offset map (coach findings → document)', () => {
  it('maps every word of every corpus text, through headings, lists, marks and links', () => {
    articles.forEach((a, n) => {
      const md = structured(a.body, n);
      const doc = markdownToDoc(md);
      const map = offsetMap(doc, md);
      for (const m of md.matchAll(/[\p{L}\p{N}]{4,}/gu)) {
        const r = map.range(m.index, m.index + m[0].length);
        if (!r) {
          // Only the alt text and the address of a photo or link are not document text.
          expect(md.slice(Math.max(0, md.lastIndexOf('\n', m.index)), m.index)).toMatch(/!\[[^\]]*$|\]\([^)]*$/);
          continue;
        }
        expect(doc.textBetween(r.from, r.to), a.name).toBe(m[0]);
        expect(map.toMarkdown(r.from)).toBe(m.index);
      }
    });
  });

  it('maps across escapes', () => {
    const md = 'Tukasnya. (\\*) lalu **kata** penting';
    const doc = markdownToDoc(md);
    const map = offsetMap(doc, md);
    const at = md.indexOf('penting');
    const r = map.range(at, at + 7)!;
    expect(doc.textBetween(r.from, r.to)).toBe('penting');
  });
});
