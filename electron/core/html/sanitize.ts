import type SanitizeHtml from 'sanitize-html';
import { sanitizeHtmlLib } from '@core/files/lazy-libs';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_IMG_SCHEMES,
  ALLOWED_LINK_SCHEMES,
  ALLOWED_TAGS,
  DROP_CONTENT_TAGS,
  isSafeUrl,
} from '@shared/posts/html-policy';

/** sanitize-html configured from the shared article policy (shared/news/html-policy.ts). */
const OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([k, v]) => [k, [...v]])),
  allowedSchemes: [...ALLOWED_LINK_SCHEMES],
  allowedSchemesByTag: { img: [...ALLOWED_IMG_SCHEMES] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: [...DROP_CONTENT_TAGS],
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    // Links leave the page without handing it a window reference.
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.href && !isSafeUrl(out.href, 'href')) delete out.href;
      if (out.href && /^https?:/i.test(out.href)) out.rel = 'noopener noreferrer';
      if (out.target && out.target !== '_blank') delete out.target;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.src && !isSafeUrl(out.src, 'src')) delete out.src;
      return { tagName, attribs: out };
    },
  },
};

let sanitizeHtml: typeof SanitizeHtml | null = null;

/**
 * Loads sanitize-html on first use rather than at start (issue 22). Every
 * entry point of this folder (articleHtml, wordpressBlocks, sanitizeBlockHtml)
 * awaits it before its synchronous Markdown walk sanitises anything.
 */
export async function loadSanitizer(): Promise<void> {
  sanitizeHtml ??= await sanitizeHtmlLib();
}

export function sanitizeArticleHtml(html: string): string {
  if (!sanitizeHtml) throw new Error('sanitize-html is not loaded: await loadSanitizer() first');
  return sanitizeHtml(html, OPTIONS);
}
