import sanitizeHtmlLib from 'sanitize-html';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_IMG_SCHEMES,
  ALLOWED_LINK_SCHEMES,
  ALLOWED_TAGS,
  DROP_CONTENT_TAGS,
  isSafeUrl,
} from '@shared/posts/html-policy';

/** sanitize-html configured from the shared article policy (shared/news/html-policy.ts). */
const OPTIONS: sanitizeHtmlLib.IOptions = {
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

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtmlLib(html, OPTIONS);
}
