import type { Token, Tokens } from 'marked';
import type { Post } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { articleMarked, creditLine, escapeHtml } from '@shared/posts/article';
import { loadSanitizer, sanitizeArticleHtml } from './sanitize';

/**
 * A post as WordPress block markup (the serialised form the block editor
 * saves: developer.wordpress.org/block-editor/explanations/architecture/key-concepts/
 * "Serialization and parsing"), so the editor opens it as paragraphs,
 * headings, lists, quotes and images instead of one Classic block, and
 * without "unexpected or invalid content".
 *
 * Each block's HTML is exactly what the block's save() writes for its
 * attributes in WordPress 6.1 (Debian 12); later versions migrate these
 * forms through their block deprecations. Category, tags and the date are
 * NOT written into the content: WordPress keeps them as terms and post date,
 * and themes show them already.
 */

/** Inline Markdown → sanitised inline HTML (links, bold, italic, code). */
function inline(raw: string): string {
  return sanitizeArticleHtml(articleMarked.parseInline(raw) as string).trim();
}

/** Any other block token → sanitised HTML. */
function blockHtml(t: Token): string {
  return sanitizeArticleHtml(articleMarked.parser([t])).trim();
}

function block(name: string, attrs: Record<string, unknown> | null, html: string): string {
  const a = attrs && Object.keys(attrs).length ? ` ${JSON.stringify(attrs)}` : '';
  return `<!-- wp:${name}${a} -->\n${html}\n<!-- /wp:${name} -->`;
}

export const paragraphBlock = (html: string) => block('paragraph', null, `<p>${html}</p>`);

function listItems(list: Tokens.List): string {
  return list.items
    .map((item) => {
      const parts: string[] = [];
      for (const t of item.tokens) {
        if (t.type === 'list') parts.push(listHtml(t as Tokens.List));
        else if (t.type === 'text' || t.type === 'paragraph') parts.push(inline((t as Tokens.Text).text));
        else parts.push(blockHtml(t));
      }
      return `<li>${parts.join('')}</li>`;
    })
    .join('');
}

function listHtml(list: Tokens.List): string {
  const tag = list.ordered ? 'ol' : 'ul';
  const start = list.ordered && list.start !== '' && list.start !== 1 ? ` start="${Number(list.start)}"` : '';
  return `<${tag}${start}>${listItems(list)}</${tag}>`;
}

function blocksOf(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break;
      case 'paragraph': {
        const html = inline((t as Tokens.Paragraph).text);
        if (html) out.push(paragraphBlock(html));
        break;
      }
      case 'heading': {
        const h = t as Tokens.Heading;
        // The post title is the page's h1: article headings start at h2.
        const level = Math.min(6, Math.max(2, h.depth));
        const html = inline(h.text);
        if (html) out.push(block('heading', level === 2 ? null : { level }, `<h${level}>${html}</h${level}>`));
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        const attrs: Record<string, unknown> = {};
        if (l.ordered) attrs.ordered = true;
        if (l.ordered && l.start !== '' && l.start !== 1) attrs.start = Number(l.start);
        out.push(block('list', attrs, listHtml(l)));
        break;
      }
      case 'blockquote': {
        const q = t as Tokens.Blockquote;
        const paras = q.tokens
          .filter((x) => x.type !== 'space')
          .map((x) => (x.type === 'paragraph' ? `<p>${inline((x as Tokens.Paragraph).text)}</p>` : blockHtml(x)))
          .join('');
        out.push(block('quote', null, `<blockquote class="wp-block-quote">${paras || '<p></p>'}</blockquote>`));
        break;
      }
      case 'html': {
        // Raw HTML typed into the body is text (as in the preview), never markup.
        const text = (t as Tokens.HTML).text.trim();
        if (text) out.push(paragraphBlock(escapeHtml(text)));
        break;
      }
      case 'hr':
        out.push(block('separator', null, '<hr class="wp-block-separator has-alpha-channel-opacity"/>'));
        break;
      default: {
        // Tables, code and anything else: a Custom HTML block (always valid), sanitised like the article.
        const html = blockHtml(t);
        if (html) out.push(block('html', null, html));
      }
    }
  }
  return out;
}

export interface WpImage {
  id: number;
  url: string;
  alt: string;
  caption: string;
}

/** A core/image block with alt text and caption, as WordPress 6.1's image save() writes it. */
export function imageBlock(img: WpImage): string {
  const alt = escapeHtml(img.alt);
  const caption = img.caption.trim() ? `<figcaption class="wp-element-caption">${escapeHtml(img.caption.trim())}</figcaption>` : '';
  return block(
    'image',
    { id: img.id, sizeSlug: 'large', linkDestination: 'none' },
    `<figure class="wp-block-image size-large"><img src="${escapeHtml(img.url)}" alt="${alt}" class="wp-image-${img.id}"/>${caption}</figure>`,
  );
}

/**
 * The article body as blocks: the lead with its dateline ("BLORA – …"),
 * the body, then the credit line. Images are added by the publisher once
 * they have WordPress ids (imageBlock).
 */
export async function wordpressBlocks(post: Pick<Post, 'dateline' | 'lead' | 'bodyMd' | 'authorCredit' | 'editorCredit' | 'photoCredits'>, workspace: Pick<Workspace, 'opd'>): Promise<string> {
  await loadSanitizer();
  const out: string[] = [];
  const dateline = (post.dateline.trim() || workspace.opd.dateline).trim();
  const lead = post.lead.trim();
  if (lead || dateline) {
    const leadHtml = lead ? inline(lead.replace(/\s*\r?\n\s*/g, ' ')) : '';
    out.push(paragraphBlock(`${dateline ? `<strong>${escapeHtml(dateline.toUpperCase())}</strong> – ` : ''}${leadHtml}`));
  }
  out.push(...blocksOf(articleMarked.lexer(post.bodyMd.replace(/\r\n?/g, '\n'))));
  const credits = creditLine(post);
  if (credits) out.push(paragraphBlock(escapeHtml(credits)));
  if (post.photoCredits.trim()) out.push(paragraphBlock(`Foto: ${escapeHtml(post.photoCredits.trim())}`));
  return out.join('\n\n');
}

/** A block delimiter comment as Redaksi writes it: name and optional JSON attributes, nothing that could end the comment early. */
const BLOCK_COMMENT = /<!-- \/?wp:[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)?(?: \{(?:(?!-->)[^<>])*\})? \/?-->/g;

/**
 * Sanitises block markup again right before it is sent (the job file on disk
 * could have been edited): the HTML between the block delimiters goes
 * through the article policy, and only well-formed wp: delimiters survive.
 */
export async function sanitizeBlockHtml(html: string): Promise<string> {
  await loadSanitizer();
  const out: string[] = [];
  let last = 0;
  for (const m of html.matchAll(BLOCK_COMMENT)) {
    out.push(sanitizeArticleHtml(html.slice(last, m.index)), m[0]);
    last = m.index + m[0].length;
  }
  out.push(sanitizeArticleHtml(html.slice(last)));
  return out.join('');
}
