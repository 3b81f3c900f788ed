import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { teamPath } from '../../team-folder';

export interface WpEnv {
  url: string;
  user: string;
  appPassword: string;
  /** The admin's login password (wp-login.php), for driving wp-admin in a browser. */
  adminPassword: string;
}

const TOOLS = process.env.REDAKSI_WP_TOOLS ?? teamPath('tools');

/**
 * Start (or reuse) the real WordPress of ../shared/tools on its own port and
 * state folder. Returns null with the reason when it truly cannot start
 * (not root: apt-get and /etc/wordpress need it).
 */
export function startWordpress(port: number, stateDir: string): { env: WpEnv | null; reason: string } {
  if (process.getuid && process.getuid() !== 0) return { env: null, reason: 'real WordPress needs root (apt-get, /etc/wordpress): run as root as CI does' };
  let out = '';
  // The team's script can lose a race on a loaded machine (CI saw "php -S exited" when the server's PID file was
  // not written yet at its first check): it is run again, at most twice; a second start stops the first cleanly.
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 3 && !out; attempt++) {
    try {
      out = execFileSync('bash', [path.join(TOOLS, 'wordpress-up.sh')], {
        env: { ...process.env, WP_STATE_DIR: stateDir, WP_PORT: String(port) },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 600_000,
      });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      failures.push(`attempt ${attempt}: ${e.stderr?.slice(-2000) ?? e.message}`);
      if (attempt === 3) throw new Error(`wordpress-up.sh failed:\n${failures.join('\n')}`, { cause: err });
      console.warn(`wordpress-up.sh failed (attempt ${attempt} of 3), starting again:\n${failures.at(-1)}`);
      execFileSync('sleep', ['1']);
    }
  }
  const vars = Object.fromEntries(
    out
      .split('\n')
      .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  return { env: { url: vars.WP_URL, user: vars.WP_USER, appPassword: vars.WP_APP_PASSWORD, adminPassword: vars.WP_ADMIN_PASSWORD }, reason: '' };
}

export async function wp<T = unknown>(env: WpEnv, pathAndQuery: string, init: { method?: string; body?: unknown; auth?: string } = {}): Promise<{ status: number; json: T; headers: Headers }> {
  const res = await fetch(`${env.url}/wp-json${pathAndQuery}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Basic ${Buffer.from(init.auth ?? `${env.user}:${env.appPassword}`).toString('base64')}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as T, headers: res.headers };
}

/** Every item of a collection (all statuses for posts), following pagination. */
export async function wpAll<T>(env: WpEnv, base: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const sep = base.includes('?') ? '&' : '?';
    const r = await wp<T[]>(env, `${base}${sep}per_page=100&page=${page}`);
    if (r.status === 400) break; // rest_post_invalid_page_number
    out.push(...r.json);
    const pages = Number(r.headers.get('x-wp-totalpages') ?? '1');
    if (page >= pages) break;
  }
  return out;
}
