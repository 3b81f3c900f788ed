/**
 * The public XSS payload list through the ZIP export (artikel.html and the
 * front lines of artikel.md) and the PDF approval sheet (issue 15, item 1).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { readZip } from '@core/files/zip';
import { buildPostZip } from '@core/publishing/exports';
import { approvalSheet } from '@core/review/sheet';
import { lineText } from '@shared/publishing/encode';
import { openApi, tempDir } from '../electron/helpers';
import { PAYLOADS } from './xss-payloads';

/** One-line payloads packed into fields of at most `max` characters. */
function pack(max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const p of PAYLOADS.map((x) => lineText(x)).filter((x) => x.length <= max)) {
    if (cur && cur.length + 3 + p.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur} | ${p}` : p;
  }
  if (cur) out.push(cur);
  return out;
}

describe('exports carry hostile text as text', () => {
  it(`ZIP: every payload (${PAYLOADS.length}) as title, category, tag and credit stays text in artikel.html and artikel.md`, async () => {
    const api = await openApi(tempDir());
    const md = new Marked({ gfm: true });
    const titles = pack(300);
    const small = pack(60);
    for (let i = 0; i < titles.length; i++) {
      const created = await api.call('posts.create', {
        content: { title: titles[i], lead: 'Paragraf pembuka.', bodyMd: 'Isi.', category: small[i % small.length].slice(0, 100), tags: [small[(i + 1) % small.length]], authorCredit: small[(i + 2) % small.length] },
      });
      const files = await readZip(await buildPostZip(api.ctx, created));
      const html = new TextDecoder().decode(files.get('artikel.html'));
      const head = /<title>([\s\S]*?)<\/title>/.exec(html)![1];
      expect(head, titles[i]).not.toMatch(/[<>]/);
      // artikel.html holds only the sanitised article markup: every real tag (text is escaped, so each "<" opens one)
      // is an article element without handlers or script URLs.
      for (const [, name, attrs] of html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)) {
        expect(['html', 'head', 'meta', 'title', 'body', 'article', 'header', 'h1', 'h2', 'h3', 'p', 'figure', 'img', 'figcaption', 'footer', 'span', 'strong', 'em', 'a', 'div', 'time', 'ul', 'ol', 'li', 'blockquote', 'br']).toContain(name.toLowerCase());
        expect(attrs, `<${name}${attrs}>`).not.toMatch(/\son[a-z]+\s*=|javascript:/i);
      }
      const front = new TextDecoder().decode(files.get('artikel.md')).split('\n').slice(0, 6).join('\n');
      const rendered = md.parse(front) as string;
      const tags = new Set([...rendered.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase()));
      expect([...tags].filter((t) => !['h1', 'p'].includes(t)), rendered).toEqual([]);
    }
  });

  it('PDF approval sheet: built with every payload in its text fields', async () => {
    const api = await openApi(tempDir());
    const titles = pack(300);
    const scripted = titles.filter((t) => t.includes('<script>')).slice(0, 3);
    expect(scripted.length).toBeGreaterThan(0);
    for (const title of [...titles.slice(0, 3), ...scripted]) {
      const created = await api.call('posts.create', { content: { title, lead: PAYLOADS.slice(0, 40).map((p) => lineText(p)).join(' '), bodyMd: PAYLOADS.slice(40, 120).join('\n\n'), authorCredit: pack(60)[0] } });
      const link = await approvalSheet(api.ctx, created);
      const pdf = readFileSync(path.join(api.ctx.dataDir, 'exports', decodeURIComponent(link.url.split('/').pop()!.split('?')[0])));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // No action or script object in the file: text stays text.
      expect(pdf.toString('latin1')).not.toMatch(/\/JavaScript|\/JS\s|\/Launch|\/URI\s*\(/);
      // The hostile title is printed as the letters it is made of.
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, '');
      const probe = title.split(' | ').find((t) => t.includes('<script>') && /^[\x20-\x7e]+$/.test(t));
      if (scripted.includes(title)) expect(probe).toBeTruthy();
      if (probe) expect(text).toContain(probe.replace(/\s+/g, ''));
    }
  }, 60_000);
});
