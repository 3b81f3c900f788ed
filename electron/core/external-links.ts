/**
 * Which addresses the app opens in the browser without asking (Electron
 * security checklist: shell.openExternal only for vetted links). The OPD's
 * own website and the platforms Redaksi publishes to open directly; any
 * other https address is shown to the user first; anything else never opens.
 */
export const KNOWN_PLATFORM_HOSTS = ['facebook.com', 'instagram.com', 'x.com', 'twitter.com', 'threads.net', 'wordpress.org', 'wordpress.com', 'whatsapp.com', 'wa.me'] as const;

export type ExternalLinkDecision = 'open' | 'ask' | 'refuse';

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

function within(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** `ownSites`: the OPD's website and its connections' addresses (any form a user typed). */
export function externalLinkDecision(url: string, ownSites: string[]): ExternalLinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refuse';
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return 'refuse';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const own = ownSites
    .map((s) => hostOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim()) ? s.trim() : `https://${s.trim()}`))
    .filter((h): h is string => !!h);
  if (own.some((h) => host === h.replace(/^www\./, '') || host === h || host === `www.${h}`)) return 'open';
  if (KNOWN_PLATFORM_HOSTS.some((d) => within(host, d))) return 'open';
  return 'ask';
}
