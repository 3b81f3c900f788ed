import type { Photo } from './photo';

export type PhotoProblem = 'alt_missing' | 'caption_missing' | 'credit_missing' | 'trashed';

/**
 * What stops a photo from being published. Alt text is required (screen
 * readers; WCAG 2.1 SC 1.1.1 asks for text alternatives);
 * a caption and a "Foto: …" credit are newsroom practice for government news.
 */
export function photoPublishProblems(p: Pick<Photo, 'altText' | 'caption' | 'credit' | 'deletedAt'>): PhotoProblem[] {
  const out: PhotoProblem[] = [];
  if (p.deletedAt) out.push('trashed');
  if (p.altText.trim().length < 3) out.push('alt_missing');
  if (!p.caption.trim()) out.push('caption_missing');
  if (!p.credit.trim()) out.push('credit_missing');
  return out;
}

/** True when the photo may go out (alt text, caption and credit present). */
export function isPhotoPublishable(p: Pick<Photo, 'altText' | 'caption' | 'credit' | 'deletedAt'>): boolean {
  return photoPublishProblems(p).length === 0;
}

/** The credit line as printed under a photo: "Foto: Humas Dinkes". */
export function creditLine(credit: string): string {
  const c = credit.trim().replace(/^foto\s*:\s*/i, '');
  return c ? `Foto: ${c}` : '';
}

/** Caption plus credit for a caption band or a post: "Bupati meninjau … (Foto: Humas)". */
export function captionWithCredit(caption: string, credit: string): string {
  const cap = caption.trim();
  const cr = creditLine(credit);
  if (cap && cr) return `${cap} (${cr})`;
  return cap || cr;
}

/** Normalised tags: trimmed, lower-case, unique, in first-seen order. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 60);
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

export interface PhotoFilter {
  query?: string;
  tag?: string;
  /** YYYY-MM-DD inclusive bounds on takenAt. */
  takenFrom?: string;
  takenTo?: string;
  postId?: string;
}

/** Library search: caption, alt text, credit, name and tags by text; tag, date taken and post exactly. */
export function matchesPhoto(p: Photo, f: PhotoFilter): boolean {
  const q = f.query?.trim().toLowerCase();
  if (q) {
    const hay = [p.caption, p.altText, p.credit, p.originalName, ...p.tags].join('\n').toLowerCase();
    if (!q.split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  if (f.tag && !p.tags.includes(f.tag.trim().toLowerCase())) return false;
  if (f.postId && !p.postIds.includes(f.postId)) return false;
  if (f.takenFrom || f.takenTo) {
    const day = p.takenAt?.slice(0, 10);
    if (!day) return false;
    if (f.takenFrom && day < f.takenFrom) return false;
    if (f.takenTo && day > f.takenTo) return false;
  }
  return true;
}
