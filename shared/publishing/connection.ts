import { z } from 'zod';
import { recordMetaSchema } from '@shared/domain/common';
import { CHANNELS } from '@shared/domain/post';
import { siteImageTypesSchema } from './site-images';

/**
 * A channel account (collection `connections`). Only non-secret fields are
 * stored here; the application password or token lives in the secret store
 * (electron/core/publishing/secrets.ts), encrypted, never in JSON.
 */
export const connectionSchema = recordMetaSchema.extend({
  channel: z.enum(CHANNELS),
  label: z.string().max(120),
  /** WordPress site address, e.g. https://dinkes.blorakab.go.id */
  baseUrl: z.string().max(300),
  username: z.string().max(120),
  hasSecret: z.boolean(),
  lastTest: z
    .object({ at: z.iso.datetime(), ok: z.boolean(), code: z.string().max(80), detail: z.string().max(500) })
    .nullable(),
  /** WordPress: which site user each Penulis credit is published as (checked against the site when saved). */
  authors: z.array(z.object({ credit: z.string().max(200), wpUserId: z.string().regex(/^\d{1,20}$/), wpName: z.string().max(200) })).max(200).optional(),
  /** WordPress: the image types the site was found to accept (shared/publishing/site-images.ts); null or absent = not asked yet. */
  imageTypes: siteImageTypesSchema.nullable().optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** Results of "Tes koneksi"; each has its own Indonesian explanation in the UI. */
export const CONNECTION_TEST_CODES = [
  'ok',
  'bad_url',
  'unreachable',
  'rest_blocked',
  'wrong_password',
  'bad_credentials',
  'unknown_user',
  'auth_header_stripped',
  'wrong_address',
  'permalinks_plain',
  'rest_disabled',
  'tls',
  'timeout',
  'app_passwords_disabled',
  'missing_capability',
  'token_expired',
  'no_secret',
  'server_error',
  /** Browser mode: the saved password is sealed and no admin or editor has signed in with a PIN yet. */
  'secret_locked',
  /** The saved password cannot be opened (damaged, or sealed on another PC): type it again. */
  'secret_unreadable',
] as const;
export type ConnectionTestCode = (typeof CONNECTION_TEST_CODES)[number];

export interface ConnectionTestResult {
  ok: boolean;
  code: ConnectionTestCode;
  /** Technical detail (HTTP status, WordPress error code, missing capabilities). */
  detail: string;
  /** Who the site says we are, when known. */
  userName?: string;
}

/** Normalise a site address the user typed: scheme required, no trailing slash, no /wp-admin. (Pure: no URL global in shared/.) */
export function normaliseSiteUrl(input: string): string | null {
  let s = input.trim();
  if (!s) return null;
  if (!/^https?:\/\//i.test(s)) s = `https://${s}`;
  const m = /^(https?):\/\/([^/?#\s@]+)(\/[^?#\s]*)?(?:[?#].*)?$/i.exec(s);
  if (!m) return null;
  const host = m[2].toLowerCase();
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/.test(host) && !/^\[[0-9a-f:]+\](:\d{1,5})?$/.test(host)) return null;
  let p = (m[3] ?? '').replace(/\/(wp-admin|wp-login\.php|wp-json)(\/.*)?$/i, '').replace(/\/+$/, '');
  if (p === '/') p = '';
  return `${m[1].toLowerCase()}://${host}${p}`;
}

/**
 * A plain-http site address away from this computer: the password (or
 * application password) would cross the network readable by anyone on the
 * way. Loopback addresses (a local test site) are not warned about.
 */
export function isInsecureSiteUrl(url: string): boolean {
  const m = /^http:\/\/([^/?#]*)/i.exec(url.trim());
  if (!m) return false;
  const host = m[1].replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  return !(host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]');
}

/** Where a connection's saved password or token stands (browser mode seals them under PINs). */
export type SecretState = 'ok' | 'locked' | 'unreadable' | 'memory' | 'missing';

/** A Penulis credit as compared with the author map: case and spacing do not split one person in two. */
export function creditKey(credit: string): string {
  return credit.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The WordPress user a credit is mapped to on this connection, or null (the connection's own user then). */
export function mappedAuthor(conn: Pick<Connection, 'authors'>, credit: string): { wpUserId: string; wpName: string } | null {
  const key = creditKey(credit);
  if (!key) return null;
  const hit = (conn.authors ?? []).find((a) => creditKey(a.credit) === key);
  return hit ? { wpUserId: hit.wpUserId, wpName: hit.wpName } : null;
}

/** A WordPress user as the author map offers it. */
export interface WpUser {
  id: string;
  name: string;
  slug: string;
  /** Empty when the site does not tell (listed without list_users). */
  roles: string[];
}
