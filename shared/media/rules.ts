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

/** Which renditions carry the creator, credit line and copyright in their metadata. */
export const CREDIT_METADATA_MODES = ['website', 'all', 'none'] as const;
export type CreditMetadataMode = (typeof CREDIT_METADATA_MODES)[number];

export interface CreditMetadata {
  creator: string | null;
  credit: string | null;
  copyright: string | null;
}

/**
 * The only metadata an exported photo may carry (Lightroom's "Copyright
 * only" idea): who made it (the photo's credit), the credit line as printed,
 * and the agency's copyright in the year the photo was taken. Nothing that
 * locates the photo or identifies a device.
 */
export function creditMetadata(p: Pick<Photo, 'credit' | 'takenAt' | 'createdAt'>, agency: string): CreditMetadata {
  const creator = p.credit.trim().replace(/^foto\s*:\s*/i, '') || null;
  const year = (p.takenAt ?? p.createdAt).slice(0, 4);
  const owner = agency.trim();
  return { creator, credit: creditLine(p.credit) || null, copyright: owner ? `© ${year} ${owner}` : null };
}

function xmlText(s: string): string {
  // Control characters are not allowed in XML 1.0.
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An XMP packet with dc:creator, photoshop:Credit and dc:rights (IPTC Core's Creator, Credit Line and Copyright Notice); null when there is nothing to say. */
export function creditXmp(m: CreditMetadata): string | null {
  if (!m.creator && !m.credit && !m.copyright) return null;
  const parts = [
    m.creator ? `<dc:creator><rdf:Seq><rdf:li>${xmlText(m.creator)}</rdf:li></rdf:Seq></dc:creator>` : '',
    m.copyright ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(m.copyright)}</rdf:li></rdf:Alt></dc:rights>` : '',
    m.credit ? `<photoshop:Credit>${xmlText(m.credit)}</photoshop:Credit>` : '',
  ];
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    parts.join('') +
    '</rdf:Description></rdf:RDF></x:xmpmeta>'
  );
}
