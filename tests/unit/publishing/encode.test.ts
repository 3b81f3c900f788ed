import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { csvSafeCell } from '@shared/files/csv-safe';
import { PAYLOADS } from './xss-payloads';
import { channelText, decodeHtmlEntities, htmlText, lineText, markdownLine, pdfText, plainText, wpText, xmlCdata, xmlText } from '@shared/publishing/encode';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe('outgoing field encoders', () => {
  it('the payload list is the real one (hundreds of strings, scripts among them)', () => {
    expect(PAYLOADS.length).toBeGreaterThan(400);
    expect(PAYLOADS.filter((p) => /<script|onerror/i.test(p)).length).toBeGreaterThan(20);
  });

  it('WordPress text: no markup character survives, one decode gives the text back', () => {
    for (const p of PAYLOADS) {
      const out = wpText(p);
      expect(out).not.toMatch(/[<>"'[\]]/);
      expect(out).not.toMatch(CONTROL);
      expect(decodeHtmlEntities(out)).toBe(plainText(p));
    }
    expect(wpText('<img src=x onerror=alert(document.domain)>')).toBe('&lt;img src=x onerror=alert(document.domain)&gt;');
    expect(wpText('Tom & Jerry [gallery]')).toBe('Tom &amp; Jerry &#91;gallery&#93;');
    // An entity typed by the author stays text: it is not decoded into markup on the site.
    expect(decodeHtmlEntities(wpText('&lt;b&gt;'))).toBe('&lt;b&gt;');
  });

  it('HTML text: inert in a text node and in a quoted attribute', () => {
    for (const p of PAYLOADS) {
      const out = htmlText(p);
      expect(out).not.toMatch(/[<>"']/);
      expect(decodeHtmlEntities(out)).toBe(plainText(p));
    }
  });

  it('Markdown line: rendered by a CommonMark/GFM renderer it is one paragraph of exactly that text', () => {
    const md = new Marked({ gfm: true });
    for (const p of PAYLOADS) {
      const text = lineText(p).trim();
      if (!text) continue;
      const html = (md.parse(markdownLine(p)) as string).trim();
      const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());
      expect(new Set(tags), `${JSON.stringify(p)} → ${html}`).toEqual(new Set(['p']));
      const inner = decodeHtmlEntities(html.replace(/^<p>|<\/p>$/g, ''));
      expect(inner.replace(/\s+/g, ' ').trim(), JSON.stringify(p)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('social text and PDF text: plain, well-formed, survives JSON and form encoding unchanged', () => {
    for (const p of PAYLOADS) {
      for (const out of [channelText(p), pdfText(p)]) {
        expect(out).not.toMatch(CONTROL);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(JSON.parse(JSON.stringify({ t: out })).t).toBe(out);
        expect(new URLSearchParams(new URLSearchParams({ t: out }).toString()).get('t')).toBe(out);
      }
      // Text without control characters goes out exactly as typed: the platforms show it as text.
      if (!CONTROL.test(p) && !p.includes('\r') && !/[\uD800-\uDFFF]/.test(p)) expect(channelText(p)).toBe(p);
    }
    expect(channelText('a\r\nb\u0000c\u202e')).toBe('a\nbc\u202e');
  });

  it('XML: text escaped, CDATA cannot be closed early', () => {
    for (const p of PAYLOADS) {
      expect(xmlText(p)).not.toMatch(/[<>"']/);
      const c = xmlCdata(p);
      expect(c.startsWith('<![CDATA[') && c.endsWith(']]>')).toBe(true);
      const inner = c.slice(9, -3);
      expect(inner.replace(/]]]]><!\[CDATA\[>/g, '')).not.toContain(']]>');
    }
  });
});

describe('CSV cells, edge forms beyond OWASP', () => {
  it('neutralises a formula after leading spaces or line breaks and the full-width forms', () => {
    for (const s of [' =1+1', '  +62 812', '\n=HYPERLINK("http://x")', '\r\n=1', '\u3000=1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝1', '\nteks']) {
      expect(csvSafeCell(s), JSON.stringify(s)).toBe(`'${s}`);
    }
    for (const s of ['Blora', ' Blora', 'a=b', 'Rp 1.000', '']) expect(csvSafeCell(s)).toBe(s);
  });
});
