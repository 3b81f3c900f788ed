import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Workspace } from '@shared/domain/workspace';

/** The workspace as the UI may see it: PIN hashes blanked. */
export function withoutPins(ws: Workspace): Workspace {
  return { ...ws, team: ws.team.map((m) => ({ ...m, pinHash: null })) };
}

export function pinOf(ws: Workspace, memberId: string | undefined): string | null {
  return (memberId && ws.team.find((m) => m.id === memberId)?.pinHash) || null;
}

// scrypt parameters (N=2^14, r=8, p=1) are OWASP's minimum; a 4–8 digit PIN on a
// shared office PC guards against a colleague, not an offline attacker.
const N = 16384;
const KEYLEN = 32;

export function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEYLEN, { N, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt);
  return `scrypt$${N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [kind, n, saltB64, keyB64] = stored.split('$');
  if (kind !== 'scrypt' || Number(n) !== N || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await derive(pin, Buffer.from(saltB64, 'base64'));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
