import type { Role } from '@shared/domain/workspace';
import { slugBase } from '@shared/files/safe-name';

/**
 * Names on the sync hub (issue 13): one database per OPD for the shared
 * workspace, one for its complaints (editors and admins only), one rollup per
 * regency (issue 14), and CouchDB roles per OPD. Pure, shared by the main
 * process (replication, hub setup) and the UI (settings page).
 */

/** A CouchDB database-name-safe slug: lower-case a–z, 0–9 and '-', starting with a letter. */
export function hubSlug(name: string): string {
  const s = slugBase(name, 60);
  if (!s) return '';
  return /^[a-z]/.test(s) ? s : `x-${s}`;
}

/** True when `slug` is what hubSlug would produce for some name (used to check settings input). */
export function isHubSlug(slug: string): boolean {
  return /^[a-z][a-z0-9-]{0,61}$/.test(slug) && !slug.endsWith('-') && !slug.includes('--');
}

export const opdDatabase = (slug: string): string => `opd-${slug}`;
export const aduanDatabase = (slug: string): string => `aduan-${slug}`;
export const rollupDatabase = (regionSlug: string): string => `rollup-${regionSlug}`;

/** The CouchDB role a team member holds in one OPD. */
export const opdRole = (slug: string, role: Role): string => `opd-${slug}-${role}`;

/**
 * Roles on a regency's rollup (issue 14): every OPD account of the regency
 * writes its own summaries ('opd'; the rollup's validation checks which OPD),
 * Diskominfo's monitoring accounts read ('pantau').
 */
export const regionRole = (regionSlug: string, kind: 'opd' | 'pantau'): string => `rollup-${regionSlug}-${kind}`;

/** Roles that may open the OPD's complaint database (personal data). */
export const ADUAN_ROLES: readonly Role[] = ['editor', 'admin'];
