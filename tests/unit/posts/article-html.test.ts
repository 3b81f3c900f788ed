import { describe, expect, it } from 'vitest';
import { articleHtml } from '@core/html/article';
import { loadSanitizer, sanitizeArticleHtml } from '@core/html/sanitize';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { workspaceSchema } from '@shared/domain/workspace';
import { DEFAULT_OPD } from '@shared/domain/workspace';
import { isSafeUrl } from '@shared/posts/html-policy';

const ws = workspaceSchema.parse({ id: 'workspace', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', rev: 1, opd: DEFAULT_OPD, team: [], language: 'id' });
function post(p: Partial<Post>): Post {
  return { ...emptyPostContent(), id: 'p1', createdAt: ws.createdAt, updatedAt: ws.updatedAt, rev: 1, status: 'draft', deletedAt: null, ...p };
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">a</a>',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">gaya</div>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '[js](javascript:alert(1))',
  '[caps](JaVaScRiPt:alert(1))',
  '[ent](javascript&#58;alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![img](javascript:alert(1))',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<https://example.org" onmouseover="alert(1)>',
];

/** Checks real tags only: escaped payload text ("&lt;img onerror=…&gt;") is inert and allowed. */
function assertInert(html: string) {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/^<(script|iframe|object|embed|svg|math|style|details|form|input|link|meta|base)\b/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i);
    expect(tag).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  }
  // No raw "<" that a browser could read as a tag start outside the tags found above.
  expect(html.replace(/<[a-zA-Z][^>]*>|<\/[a-zA-Z][a-zA-Z0-9]*>/g, '')).not.toMatch(/<[a-zA-Z!/?]/);
}

describe('articleHtml (main process, sanitize-html)', () => {
  it('renders the portal layout: title, date, dateline + lead, body, credits', async () => {
    const html = await articleHtml(
      post({
        title: 'Medsos OPD Jangan Mati Suri',
        dateline: 'BLORA',
        eventDate: '2022-08-25',
        lead: 'Media sosial milik OPD harus aktif.',
        bodyMd: 'Paragraf **penting**.\n\n> Kutipan blok',
        authorCredit: 'Tim Liputan Prokompim Blora',
        editorCredit: 'Di, Diskominfo Jateng',
        category: 'Berita',
      }),
      ws,
    );
    expect(html).toContain('<h1 class="news-title">Medsos OPD Jangan Mati Suri</h1>');
    expect(html).toContain('<time datetime="2022-08-25">Kamis (25/8/2022)</time>');
    expect(html).toContain('<p class="news-lead"><strong class="news-dateline">BLORA</strong> – Media sosial milik OPD harus aktif.</p>');
    expect(html).toContain('<strong>penting</strong>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('Penulis: Tim Liputan Prokompim Blora / Editor: Di, Diskominfo Jateng');
  });

  it('falls back to the OPD dateline and can leave out the title for WordPress', async () => {
    const html = await articleHtml(post({ title: 'Judul', lead: 'Teras.' }), ws, { omitTitle: true });
    expect(html).toContain('<strong class="news-dateline">BLORA</strong> – Teras.');
    expect(html).not.toContain('<h1');
  });

  it('keeps safe links and relative photo URLs', async () => {
    const html = await articleHtml(post({ bodyMd: '[laman](https://blorakab.go.id/) ![foto](./files/previews/abc.jpg)' }), ws);
    expect(html).toContain('<a href="https://blorakab.go.id/" rel="noopener noreferrer">laman</a>');
    expect(html).toContain('<img src="./files/previews/abc.jpg" alt="foto" />');
  });

  it('never lets an XSS payload through, in title, lead or body', async () => {
    for (const p of PAYLOADS) {
      const html = await articleHtml(post({ title: p.slice(0, 300).replace(/\n/g, ' '), lead: p, bodyMd: p, authorCredit: p.slice(0, 200) }), ws);
      assertInert(html);
    }
    assertInert(await articleHtml(post({ bodyMd: PAYLOADS.join('\n\n') }), ws));
  });

  it('the sanitiser alone strips raw HTML attacks too (for HTML from other sources)', async () => {
    await loadSanitizer();
    for (const p of PAYLOADS) assertInert(sanitizeArticleHtml(p));
    expect(sanitizeArticleHtml('<p onclick="x()">teks <b>tebal</b></p>')).toBe('<p>teks <b>tebal</b></p>');
  });
});

describe('URL policy', () => {
  it('allows http(s), mailto, tel and relative links; never javascript:, data: or vbscript:', () => {
    for (const ok of ['https://a.go.id', 'http://a', 'mailto:a@b.id', 'tel:+62', './files/x.jpg', '/x', '#top']) expect(isSafeUrl(ok, 'href'), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:x', 'java\tscript:x', 'java\u0000script:x', 'data:text/html,x', 'vbscript:x']) expect(isSafeUrl(bad, 'href'), bad).toBe(false);
    expect(isSafeUrl('mailto:a@b.id', 'src')).toBe(false);
    expect(isSafeUrl('data:image/png;base64,AAA', 'src')).toBe(false);
  });
});
