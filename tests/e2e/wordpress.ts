import { execFileSync } from 'node:child_process';
import path from 'node:path';

const TOOLS = process.env.REDAKSI_WP_TOOLS ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'tools');

export interface Wp {
  url: string;
  user: string;
  appPassword: string;
}

/**
 * The real WordPress on loopback for e2e specs (../shared/tools/wordpress-up.sh),
 * one per state folder and port so specs never share a site by accident.
 * Returns null with the reason when it cannot run here (not root; or the
 * script failed and the spec asked to skip), for `test.skip(!wp, reason)`.
 */
export function startWordpress(stateDir: string, port: number, onFailure: 'throw' | 'skip' = 'throw'): { wp: Wp | null; reason: string } {
  if (process.getuid && process.getuid() !== 0) return { wp: null, reason: 'real WordPress needs root (apt-get, /etc/wordpress): run as root as CI does' };
  try {
    const out = execFileSync('bash', [path.join(TOOLS, 'wordpress-up.sh')], {
      env: { ...process.env, WP_STATE_DIR: stateDir, WP_PORT: String(port) },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
    const v = Object.fromEntries(out.split('\n').map((l) => l.split('=')).filter((p) => p.length >= 2).map(([k, ...r]) => [k.trim(), r.join('=').trim()]));
    if (!v.WP_URL) throw new Error(`no WP_URL in: ${out.slice(0, 300)}`);
    return { wp: { url: v.WP_URL, user: v.WP_USER, appPassword: v.WP_APP_PASSWORD }, reason: '' };
  } catch (err) {
    // A site that should run and does not is a failure, unless the spec chose to skip with the reason.
    if (onFailure === 'throw') throw err;
    return { wp: null, reason: `WordPress could not start (${path.join(TOOLS, 'wordpress-up.sh')}): ${String((err as Error).message).slice(0, 400)}` };
  }
}

/** The queue specs' site (they run one after another in one worker's order, and each makes its own posts). */
export const queueWordpress = (): { wp: Wp | null; reason: string } =>
  startWordpress(process.env.REDAKSI_E2E_WP_STATE ?? '/tmp/redaksi-e2e-wp-queue', Number(process.env.REDAKSI_E2E_WP_PORT ?? 8163));
