import DOMPurify, { type Config } from 'dompurify';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_TAGS,
  DROP_CONTENT_TAGS,
  isSafeUrl,
} from '@shared/posts/html-policy';

/**
 * DOMPurify configured from the shared article policy
 * (shared/news/html-policy.ts), the same policy sanitize-html applies in the
 * main process. Every HTML string the UI puts into the DOM goes through here.
 */
const purify = DOMPurify(window);
const attrs = [...new Set(Object.values(ALLOWED_ATTRIBUTES).flat())];
const perTag = new Map(Object.entries(ALLOWED_ATTRIBUTES));

purify.addHook('uponSanitizeAttribute', (node, data) => {
  const tag = node.nodeName.toLowerCase();
  const allowed = (perTag.get('*') ?? []).includes(data.attrName) || (perTag.get(tag) ?? []).includes(data.attrName);
  if (!allowed) {
    data.keepAttr = false;
    return;
  }
  if ((data.attrName === 'href' && !isSafeUrl(data.attrValue, 'href')) || (data.attrName === 'src' && !isSafeUrl(data.attrValue, 'src'))) {
    data.keepAttr = false;
  }
});
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const CONFIG: Config & { RETURN_TRUSTED_TYPE: false } = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: attrs,
  FORBID_TAGS: [...DROP_CONTENT_TAGS],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_TRUSTED_TYPE: false,
};

export function sanitizeArticleHtml(html: string): string {
  return purify.sanitize(html, CONFIG);
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(input: string): string }): unknown;
}

/**
 * Trusted Types (the CSP requires them for every HTML sink): the default
 * policy runs any HTML string that reaches innerHTML through this same
 * sanitiser, so a sink that forgot to sanitise cannot inject markup either.
 * Call once at start, before the first render.
 */
export function installTrustedTypes(): void {
  const tt = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!tt) return;
  try {
    tt.createPolicy('default', { createHTML: (input) => purify.sanitize(input, CONFIG) });
  } catch {
    // Already installed (hot reload) or not allowed by the page's CSP: the sinks stay guarded by the CSP.
  }
}
