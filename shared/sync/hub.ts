/**
 * The hub account as the UI and the main process share it (issue 13 item 1):
 * address rules and the reasons a connection to the hub can fail. Each reason
 * has a precise Indonesian message, `errors.reason.<reason>` in the UI.
 */

export const HUB_FAILURE_REASONS = [
  /** The address is not an http(s) URL (or carries a user name inside it). */
  'hub_bad_url',
  /** The OPD slug is not a database-safe name (a–z, 0–9, '-'). */
  'hub_bad_slug',
  /** The CouchDB user name is empty or has a colon or a leading '_'. */
  'hub_bad_user',
  /** No hub address or OPD saved yet. */
  'hub_not_configured',
  /** No password saved (or it cannot be opened by the person signed in now). */
  'hub_password_missing',
  /** _session refused the name and password. */
  'hub_wrong_password',
  /** The OPD's database does not exist on the hub (setup script not run, or wrong OPD slug). */
  'hub_no_database',
  /** Signed in, but this account is not a member of the database. */
  'hub_no_permission',
  /** Nothing listens at that address and port (connection refused). */
  'hub_refused',
  /** The host name does not resolve (typo, or no DNS on the office network). */
  'hub_dns',
  /** The server did not answer in time. */
  'hub_timeout',
  /** Any other network failure (reset, no route). */
  'hub_unreachable',
  /** HTTPS certificate signed by nobody the PC trusts (self-signed). */
  'hub_cert_self_signed',
  /** HTTPS certificate past its end date (or not valid yet). */
  'hub_cert_expired',
  /** HTTPS certificate for another name, or otherwise refused. */
  'hub_cert_invalid',
  /** Something answers there, but it is not CouchDB. */
  'hub_not_couchdb',
] as const;
export type HubFailureReason = (typeof HUB_FAILURE_REASONS)[number];

export type HubUrlCheck = { ok: true; url: string } | { ok: false; reason: 'hub_bad_url' };

/**
 * The hub address as stored: http(s) only, no user name or password inside
 * (they belong in the account fields, not in a URL that lands in logs), no
 * query or fragment, no trailing slash. A path is kept (CouchDB behind a
 * reverse proxy at https://host/couchdb). A bare host gets https://.
 */
export function normalizeHubUrl(input: string): HubUrlCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, reason: 'hub_bad_url' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'hub_bad_url' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'hub_bad_url' };
  if (u.username || u.password || u.search || u.hash || !u.hostname) return { ok: false, reason: 'hub_bad_url' };
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.protocol}//${u.host}${path}` };
}

/** A CouchDB user name as CouchDB accepts it (no colon; not starting with '_'). */
export function isHubUserName(name: string): boolean {
  return name.length > 0 && name.length <= 120 && !name.includes(':') && !name.startsWith('_') && name.trim() === name;
}
