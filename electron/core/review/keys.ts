import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { ApiError } from '@shared/api/errors';
import type { TeamMember } from '@shared/domain/workspace';
import type { KeyRecord } from '@shared/review/model';
import { canonicalJson, fingerprintOf, type DecisionPayload } from '@shared/review/signature';
import type { HandlerContext } from '@core/deps';
import { derive } from './pins';
import { sessionOf } from './session';

/**
 * A key pair per person (issue 12). The private key never leaves this PC:
 * it is stored in the `keys` collection, encrypted under the member's PIN
 * (scrypt → AES-256-GCM), and held in memory only while that member is
 * signed in. The public key is listed in the team with its fingerprint.
 */

export function keyIdOf(publicKeyB64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex');
}

export function fingerprintOfKey(publicKeyB64: string): string {
  return fingerprintOf(keyIdOf(publicKeyB64));
}

async function seal(privateKey: KeyObject, pin: string | null): Promise<Pick<KeyRecord, 'protection' | 'salt' | 'iv' | 'tag' | 'data'>> {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  if (!pin) return { protection: 'none', salt: '', iv: '', tag: '', data: der.toString('base64') };
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(pin, salt), iv);
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  return { protection: 'pin', salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

async function unseal(rec: KeyRecord, pin: string | null): Promise<KeyObject | null> {
  if (rec.protection === 'none') return createPrivateKey({ key: Buffer.from(rec.data, 'base64'), format: 'der', type: 'pkcs8' });
  if (!pin) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await derive(pin, Buffer.from(rec.salt, 'base64')), Buffer.from(rec.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(rec.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(rec.data, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

/** The member's public key on this PC (SPKI DER, base64), once they signed in here. */
export function memberPublicKey(ctx: HandlerContext, memberId: string): string | null {
  return ctx.store.collections.keys.get(memberId)?.publicKey ?? null;
}

/** A fresh key pair for the member, sealed under `pin`; the public key is listed with the team. */
export async function createKey(ctx: HandlerContext, member: TeamMember, pin: string | null): Promise<KeyObject> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const at = ctx.store.now().toISOString();
  const prev = ctx.store.collections.keys.get(member.id);
  await ctx.store.collections.keys.put({
    id: member.id,
    createdAt: prev?.createdAt ?? at,
    updatedAt: at,
    rev: (prev?.rev ?? 0) + 1,
    publicKey: pub,
    ...(await seal(privateKey, pin)),
  });
  return privateKey;
}

/**
 * At sign-in (the PIN, if any, already verified): open the member's private
 * key for this session, creating one on first sign-in.
 */
export async function openKeyForSession(ctx: HandlerContext, member: TeamMember, pin: string | null): Promise<void> {
  const rec = ctx.store.collections.keys.get(member.id);
  let key = rec ? await unseal(rec, pin) : null;
  // No key yet, or one that can no longer be opened (its PIN was reset by an admin): a new one.
  if (!key) key = await createKey(ctx, member, pin);
  sessionOf(ctx).privateKey = key;
}

/** The member's key when it is not under a PIN (restoring a sign-in after a restart), else null. */
export async function openKeyWithoutPin(ctx: HandlerContext, memberId: string): Promise<KeyObject | null> {
  const rec = ctx.store.collections.keys.get(memberId);
  return rec && rec.protection === 'none' ? unseal(rec, null) : null;
}

/** A PIN change: the open key is sealed again under the new PIN (or a new key made when it cannot be opened). */
export async function resealKey(ctx: HandlerContext, member: TeamMember, pin: string | null, oldPin: string | null): Promise<void> {
  const rec = ctx.store.collections.keys.get(member.id);
  const s = sessionOf(ctx);
  const key = (s.memberId === member.id ? s.privateKey : null) ?? (rec ? await unseal(rec, oldPin) : null);
  if (!rec || !key) {
    const fresh = await createKey(ctx, member, pin);
    if (s.memberId === member.id) s.privateKey = fresh;
    return;
  }
  const at = ctx.store.now().toISOString();
  await ctx.store.collections.keys.put({ ...rec, ...(await seal(key, pin)), rev: rec.rev + 1, updatedAt: at });
}

/** The signed-in member's private key, for signing a decision now. */
export function signingKey(ctx: HandlerContext, member: TeamMember): KeyObject {
  const s = sessionOf(ctx);
  if (s.memberId === member.id && s.privateKey) return s.privateKey;
  throw new ApiError('forbidden', 'sign in again to open your signing key', { params: { reason: 'key_locked' } });
}

export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

export function signPayload(privateKey: KeyObject, payload: DecisionPayload): string {
  return sign(null, Buffer.from(canonicalJson(payload), 'utf8'), privateKey).toString('base64');
}

export function verifyPayload(publicKeyB64: string, payload: DecisionPayload, sigB64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(canonicalJson(payload), 'utf8'), key, Buffer.from(sigB64, 'base64'));
  } catch {
    return false;
  }
}

/** Who a key belongs to on this PC: a team member with that key, or a key an admin confirmed. */
export function trustOf(ctx: HandlerContext, keyId: string): { name: string; role: TeamMember['role']; memberId: string | null } | null {
  const ws = ctx.store.workspace;
  const member = ws.team.find((m) => {
    const pub = memberPublicKey(ctx, m.id);
    return pub !== null && keyIdOf(pub) === keyId;
  });
  if (member) return { name: member.name, role: member.role, memberId: member.id };
  const t = ws.trustedKeys.find((k) => k.keyId === keyId);
  return t ? { name: t.name, role: t.role, memberId: null } : null;
}
