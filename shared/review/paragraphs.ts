import type { Post } from '@shared/domain/post';
import type { Anchor } from './model';

/**
 * The article split as readers see it: paragraph 0 is the lead, then each
 * Markdown block of the body (separated by blank lines). Comments anchor to
 * these indexes and carry a quote so they find their place after edits.
 */
export function paragraphsOf(post: Pick<Post, 'lead' | 'bodyMd'>): string[] {
  const body = post.bodyMd
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return [post.lead.trim(), ...body];
}

/** Opening words of a paragraph, used as the quote of a paragraph comment. */
export function paragraphQuote(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max);
}

/**
 * Where an anchor sits in the current text: the paragraph that still holds
 * its quote (closest to the original index), or null when the quote is gone.
 */
export function locateAnchor(paragraphs: readonly string[], anchor: Anchor): number | null {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const q = norm(anchor.quote);
  if (!q) return anchor.paragraph < paragraphs.length ? anchor.paragraph : null;
  let best: number | null = null;
  paragraphs.forEach((p, i) => {
    if (norm(p).includes(q) && (best === null || Math.abs(i - anchor.paragraph) < Math.abs(best - anchor.paragraph))) best = i;
  });
  return best;
}
