import { Marked, type Tokens } from 'marked';
import type { Post } from '@shared/domain/post';
import { formatNewsDate } from '@shared/domain/time-zone';

/**
 * The pure part of article rendering, shared by the renderer preview and the
 * main process (exports, WordPress), so both produce the same markup. The
 * output is NOT yet safe: every caller passes it through its sanitiser
 * (renderer/lib/sanitize.ts or electron/core/html/sanitize.ts), both built
 * from shared/news/html-policy.ts.
 */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/**
 * The article's Markdown dialect, for the preview, exports and WordPress
 * blocks alike. Raw HTML typed into the body is shown as text, never
 * interpreted: authors write Markdown, and pasted markup is almost always an
 * accident.
 */
export const articleMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
  },
});

/** Markdown → HTML (unsanitised; raw HTML in the source is escaped). */
export function markdownToHtml(md: string): string {
  return articleMarked.parse(md.replace(/\r\n?/g, '\n')) as string;
}

/** The credit line "Penulis: … / Editor: …", empty parts left out. */
export function creditLine(post: Pick<Post, 'authorCredit' | 'editorCredit'>): string {
  const parts: string[] = [];
  if (post.authorCredit.trim()) parts.push(`Penulis: ${post.authorCredit.trim()}`);
  if (post.editorCredit.trim()) parts.push(`Editor: ${post.editorCredit.trim()}`);
  return parts.join(' / ');
}

export type ArticleFields = Pick<
  Post,
  'title' | 'dateline' | 'eventDate' | 'lead' | 'bodyMd' | 'authorCredit' | 'editorCredit' | 'photoCredits' | 'category' | 'tags'
>;

export interface ArticleOptions {
  /** Leave out the <h1> title (WordPress shows its own title). */
  omitTitle?: boolean;
  /** Pre-rendered body HTML (the preview caches it per keystroke). */
  bodyHtml?: string;
}

/**
 * Portal-style article: title, date "Kamis (25/8/2022)", lead opening with
 * the dateline "BLORA – ", body, then "Penulis: … / Editor: …".
 */
export function renderArticle(post: ArticleFields, opts: ArticleOptions = {}): string {
  const out: string[] = ['<article class="news-article">'];
  if (!opts.omitTitle || post.eventDate || post.category) {
    out.push('<header class="news-header">');
    if (post.category.trim()) out.push(`<p class="news-category">${escapeHtml(post.category.trim())}</p>`);
    if (!opts.omitTitle) out.push(`<h1 class="news-title">${escapeHtml(post.title.trim())}</h1>`);
    if (post.eventDate) {
      out.push(`<p class="news-date"><time datetime="${escapeHtml(post.eventDate)}">${escapeHtml(formatNewsDate(post.eventDate))}</time></p>`);
    }
    out.push('</header>');
  }
  const dateline = post.dateline.trim();
  const lead = post.lead.trim();
  if (lead || dateline) {
    // The lead is plain prose; inline Markdown (bold, links) is allowed in it.
    const leadHtml = lead ? articleMarked.parseInline(lead.replace(/\s*\r?\n\s*/g, ' ')) as string : '';
    const dl = dateline ? `<strong class="news-dateline">${escapeHtml(dateline.toUpperCase())}</strong> – ` : '';
    out.push(`<p class="news-lead">${dl}${leadHtml}</p>`);
  }
  out.push(`<div class="news-body">${opts.bodyHtml ?? markdownToHtml(post.bodyMd)}</div>`);
  const credits = creditLine(post);
  if (credits || post.photoCredits.trim()) {
    out.push('<footer class="news-credits">');
    if (credits) out.push(`<p class="news-credit">${escapeHtml(credits)}</p>`);
    if (post.photoCredits.trim()) out.push(`<p class="news-photo-credit">Foto: ${escapeHtml(post.photoCredits.trim())}</p>`);
    out.push('</footer>');
  }
  if (post.tags.length) {
    out.push(`<p class="news-tags">${post.tags.map((t) => `<span class="news-tag">${escapeHtml(t)}</span>`).join(' ')}</p>`);
  }
  out.push('</article>');
  return out.join('\n');
}
