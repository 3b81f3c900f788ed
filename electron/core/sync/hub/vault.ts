import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Where the hub password is kept between runs (issue 13 item 1: "the password
 * kept like every other credential").
 *
 * - In the desktop app, in the SecretStore (Electron safeStorage), like channel
 *   credentials.
 * - Where that store keeps secrets in memory only (the loopback HTTP host) or
 *   safeStorage is refused (Linux 'basic_text'), sealed under the signed-in
 *   person's signing key (AES-256-GCM, key by HKDF-SHA256). That private key is
 *   itself sealed under the person's PIN (scrypt, review/keys.ts) and opened
 *   only while they are signed in, so the hub password opens exactly when the
 *   person who saved it signs in with their PIN. A person without a PIN has no
 *   PIN to seal under: the password then stays in memory only, and the page
 *   says so.
 */

export const sealedPasswordSchema = z.object({
  memberId: z.string(),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type SealedPassword = z.infer<typeof sealedPasswordSchema>;

const INFO = Buffer.from('redaksi/hub-password/v1');

function keyFrom(privateKey: KeyObject, salt: Buffer): Buffer {
  const ikm = privateKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(hkdfSync('sha256', ikm, salt, INFO, 32));
}

export function sealPassword(password: string, memberId: string, privateKey: KeyObject): SealedPassword {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(privateKey, salt), iv);
  cipher.setAAD(Buffer.from(memberId, 'utf8'));
  const data = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return { memberId, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The password, or null when this key cannot open it (another person's, or a key renewed after a PIN reset). */
export function unsealPassword(sealed: SealedPassword, memberId: string | null, privateKey: KeyObject | null | undefined): string | null {
  if (!privateKey || memberId !== sealed.memberId) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(privateKey, Buffer.from(sealed.salt, 'base64')), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(sealed.memberId, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
