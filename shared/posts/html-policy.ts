/**
 * The one HTML policy for article markup. Both sanitisers (DOMPurify in the
 * renderer, sanitize-html in the main process) are configured from these
 * lists, so the preview, exports and what is sent to the website allow
 * exactly the same things. Anything not listed is removed: script, style,
 * iframe, object, embed, form controls, event handlers (on*), style
 * attributes, and every URL scheme other than the ones below.
 */
export const ALLOWED_TAGS = [
  'article', 'header', 'footer', 'section', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr',
  'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'time',
  'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'span', 'div', 'code', 'pre',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
] as const;

/** Attributes per tag; '*' applies to every allowed tag. */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['class', 'title', 'lang'],
  a: ['href', 'rel', 'target'],
  img: ['src', 'alt', 'width', 'height', 'loading'],
  time: ['datetime'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

/** Schemes allowed in href. Relative URLs are allowed too (no scheme). */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;
/** Schemes allowed in img src: never data: (can carry SVG script) or javascript:. */
export const ALLOWED_IMG_SCHEMES = ['http', 'https'] as const;

/** Tags whose content is dropped with the tag (not unwrapped into text). */
export const DROP_CONTENT_TAGS = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'svg', 'math'] as const;

/**
 * True when a URL is safe for the attribute under this policy. Control
 * characters and whitespace are stripped first, as browsers do, so
 * "java\tscript:" cannot sneak through.
 */
export function isSafeUrl(raw: string, kind: 'href' | 'src'): boolean {
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(url);
  // No scheme: a relative URL (the app's own ./files/… routes), allowed.
  if (!m) return true;
  const scheme = m[1];
  const allowed: readonly string[] = kind === 'href' ? ALLOWED_LINK_SCHEMES : ALLOWED_IMG_SCHEMES;
  return allowed.includes(scheme);
}
