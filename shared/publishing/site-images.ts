import { z } from 'zod';

/**
 * Which image types an OPD's WordPress takes, and which file of a website
 * picture is sent there.
 *
 * Detection is a real upload, not a guess from the version number: the
 * types a site takes depend on its WordPress version (WebP since 5.8, AVIF
 * since 6.5), on its `upload_mimes` filter (security and media plugins
 * remove types), on the user's role and, since 6.5, on whether the server's
 * image library can make sub-sizes of that type. Only an upload answers all
 * of these at once. `probeImageTypes` (electron/core/publishing/wordpress.ts)
 * uploads a tiny picture of each type through the REST API and deletes it
 * right after (`DELETE /wp/v2/media/<id>?force=true`). The answer is kept on
 * the connection with its date and the address and user it was asked for:
 * - asked again by "Tes koneksi" (and so after the address, the user or the
 *   password changes: the form tests the connection it saved);
 * - forgotten when the address or the user changes (`knownImageTypes`);
 * - corrected by a refusal while sending (`afterRefusal`), so the next
 *   picture is made in a type the site takes.
 *
 * JPEG is always taken (every WordPress since 1.x allows it).
 */

export const siteImageTypesSchema = z.object({
  webp: z.boolean(),
  avif: z.boolean(),
  /** When the site was asked (or refused a type while sending). */
  checkedAt: z.iso.datetime(),
  /** `site|user` it was asked for (siteKey): an answer for another address or user is not used. */
  site: z.string().max(500),
});
export type SiteImageTypes = z.infer<typeof siteImageTypesSchema>;

export type WebsiteImageMime = 'image/jpeg' | 'image/webp' | 'image/avif';

export function siteKey(conn: { baseUrl: string; username: string }): string {
  return `${conn.baseUrl.replace(/\/+$/, '').toLowerCase()}|${conn.username}`;
}

/** The answer on the connection when it belongs to its current address and user, else null (not known). */
export function knownImageTypes(conn: { baseUrl: string; username: string; imageTypes?: SiteImageTypes | null }): SiteImageTypes | null {
  const t = conn.imageTypes;
  return t && t.site === siteKey(conn) ? t : null;
}

/**
 * The formats worth encoding for the website besides JPEG.
 * - Known: exactly what the site takes.
 * - Not known yet: WebP (WordPress has taken it since 5.8, July 2021, and a
 *   refusal only costs sending the JPEG beside it); AVIF only once the site
 *   has shown it takes it, since it is the costly encode and most sites
 *   still run a WordPress older than 6.5.
 */
export function websiteFormats(known: SiteImageTypes | null): { webp: boolean; avif: boolean } {
  if (!known) return { webp: true, avif: false };
  return { webp: known.webp, avif: known.avif };
}

export interface WebsiteCandidate {
  mime: WebsiteImageMime;
  bytes: number;
}

/**
 * The file sent to the website: the smallest of the candidates the site may
 * take (every candidate is already at the same look: each was encoded at the
 * lowest quality that keeps PERCEPTUAL_TARGET), JPEG on a tie. The JPEG is
 * always among the candidates, and it is the fallback of any other choice.
 */
export function pickWebsiteFile<T extends WebsiteCandidate>(candidates: readonly T[], known: SiteImageTypes | null): T {
  const allowed = websiteFormats(known);
  const jpeg = candidates.find((c) => c.mime === 'image/jpeg');
  if (!jpeg) throw new Error('pickWebsiteFile: the JPEG candidate is required');
  let best = jpeg;
  for (const c of candidates) {
    if (c.mime === 'image/webp' && !allowed.webp) continue;
    if (c.mime === 'image/avif' && !allowed.avif) continue;
    if (c.bytes < best.bytes) best = c;
  }
  return best;
}

/** The connection's answer after the site refused `mime` while sending: that type is no longer used for it. */
export function afterRefusal(conn: { baseUrl: string; username: string; imageTypes?: SiteImageTypes | null }, mime: string, at: string): SiteImageTypes | null {
  if (mime !== 'image/webp' && mime !== 'image/avif') return conn.imageTypes ?? null;
  const before = knownImageTypes(conn) ?? { webp: true, avif: false, checkedAt: at, site: siteKey(conn) };
  return { ...before, [mime === 'image/webp' ? 'webp' : 'avif']: false, checkedAt: at, site: siteKey(conn) };
}

/** "JPEG, WebP, AVIF": the types in the order the UI lists them. */
export function acceptedTypeNames(t: SiteImageTypes): string[] {
  return ['JPEG', ...(t.webp ? ['WebP'] : []), ...(t.avif ? ['AVIF'] : [])];
}
