/**
 * "Sudah ada di website?": a post already on the OPD's WordPress that is the
 * same article, found before Redaksi creates it there. It may have been
 * published by hand in wp-admin, by Redaksi on another PC, or by this PC
 * before its data was restored from an old backup. Pure: the publisher
 * fetches the site's posts, this decides which of them match and how.
 */

/** How sure the match is, strongest first. */
export type SiteMatchKind = 'marker' | 'slug' | 'title';

export interface SitePost {
  id: string;
  /** Title as text (HTML entities decoded). */
  title: string;
  slug: string;
  status: string;
  link: string;
  /** When it went out (GMT ISO), or null for a draft never dated. */
  date: string | null;
}

export interface SiteMatch extends SitePost {
  kind: SiteMatchKind;
}

/** WordPress-like slug of a title without length cut (sanitize_title for the Latin text OPDs write). */
export function titleSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Titles compared as a reader would: case, spacing, quotes and dashes do not matter. */
export function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
      .replace(/[\u2013\u2014-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(a) !== '' && norm(a) === norm(b);
}

/**
 * The posts of `found` that are this article: a slug Redaksi made for the
 * same title (`<title>-rdk<key>`, our marker, from any PC), the slug
 * WordPress makes from the title when it is typed in wp-admin (`<title>`,
 * `<title>-2`), or the same title. `ownSlug`, the slug this job would
 * create, is not a match here: that is the job's own earlier attempt, which
 * the publisher already adopts without asking.
 */
export function matchSitePosts(title: string, found: readonly SitePost[], ownSlug: string | null = null): SiteMatch[] {
  const full = titleSlug(title);
  // Redaksi's slugs cut the title part at 60 characters (wpSlug in job.ts).
  const cut = full.slice(0, 60).replace(/-+$/, '');
  const marker = new RegExp(`^${escape(cut)}-rdk[a-z0-9]{8,32}(-\\d+)?$`);
  const byWp = new RegExp(`^${escape(full)}(-\\d+)?$`);
  const out: SiteMatch[] = [];
  for (const p of found) {
    if (ownSlug && p.slug === ownSlug) continue;
    let kind: SiteMatchKind | null = null;
    if (cut && marker.test(p.slug)) kind = 'marker';
    else if (full && byWp.test(p.slug)) kind = 'slug';
    else if (sameTitle(title, p.title)) kind = 'title';
    if (kind) out.push({ ...p, kind });
  }
  const rank: Record<SiteMatchKind, number> = { marker: 0, slug: 1, title: 2 };
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || (b.date ?? '').localeCompare(a.date ?? ''));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
