import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { writeFileDurable } from '@core/store/durable-file';
import { sessionOf } from './session';
import { openKeyWithoutPin } from './keys';

/**
 * A sign-in that survives a restart (issue 12), until the person signs out
 * or leaves the PC idle longer than the team's setting.
 *
 * - `<dataDir>/session.json` (outside store/: never backed up, exported or
 *   synced) says who is signed in and when they last did something.
 * - The signing key: in the desktop app it is kept, while the sign-in lasts,
 *   in the OS-encrypted secret store (Electron safeStorage: DPAPI, Keychain,
 *   libsecret), so approving after a restart needs no PIN. Where no such
 *   store exists (the browser host) the key stays sealed under the PIN: the
 *   person is still signed in, and signing asks for the PIN once
 *   (`signingReady: false` in the session).
 */

const FILE = 'session.json';
/** Activity is written down at most this often (a crash loses at most this much idle time). */
const PERSIST_EVERY_MS = 60_000;

const persistedSchema = z.object({
  memberId: z.string().min(1).max(128),
  lastActiveAt: z.number().int().nonnegative(),
});

const secretId = (memberId: string) => `signing-key-${memberId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48)}`;

function osSecrets(ctx: HandlerContext) {
  const s = ctx.services.secrets;
  return s && s.kind === 'encrypted' && !s.unavailableReason() ? s : null;
}

/** Writes of the session file, one after another (never two renames racing). */
function serial(ctx: HandlerContext, work: () => Promise<void>): Promise<void> {
  const s = sessionOf(ctx);
  s.writes = (s.writes ?? Promise.resolve()).then(work).catch((err) => ctx.log('session file:', err));
  return s.writes;
}

async function writeFile(ctx: HandlerContext): Promise<void> {
  const s = sessionOf(ctx);
  const file = path.join(ctx.dataDir, FILE);
  if (!s.memberId) {
    await fsp.rm(file, { force: true });
    return;
  }
  s.persistedAt = s.lastActiveAt;
  await writeFileDurable(file, JSON.stringify({ memberId: s.memberId, lastActiveAt: s.lastActiveAt ?? ctx.store.now().getTime() }));
}

/** After sign-in: remember who, and (desktop) keep the opened signing key in the OS secret store. */
export async function rememberSignIn(ctx: HandlerContext, previousMemberId: string | null): Promise<void> {
  const s = sessionOf(ctx);
  s.lastActiveAt = ctx.store.now().getTime();
  const secrets = osSecrets(ctx);
  if (secrets) {
    if (previousMemberId && previousMemberId !== s.memberId) await secrets.delete(secretId(previousMemberId)).catch(() => undefined);
    if (s.memberId && s.privateKey) {
      const der = s.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
      await secrets.set(secretId(s.memberId), der).catch((err) => ctx.log('keeping the signing key failed:', err));
    }
  }
  await serial(ctx, () => writeFile(ctx));
}

/** After sign-out (or an idle timeout): forget who, and drop the kept key. */
export async function forgetSignIn(ctx: HandlerContext, memberId: string | null): Promise<void> {
  const secrets = osSecrets(ctx);
  if (secrets && memberId) await secrets.delete(secretId(memberId)).catch(() => undefined);
  await serial(ctx, () => writeFile(ctx));
}

function idleLimitMs(ctx: HandlerContext): number | null {
  const minutes = ctx.store.workspace.security.idleMinutes;
  return minutes > 0 ? minutes * 60_000 : null;
}

/**
 * Called by the dispatcher before every call: signs the person out when the
 * PC was idle too long. Returns true when it did.
 */
export function expireIfIdle(ctx: HandlerContext): boolean {
  const s = sessionOf(ctx);
  if (!s.memberId) return false;
  const limit = idleLimitMs(ctx);
  const last = s.lastActiveAt ?? ctx.store.now().getTime();
  if (limit === null || ctx.store.now().getTime() - last <= limit) return false;
  const who = s.memberId;
  s.memberId = null;
  s.privateKey = null;
  s.lastActiveAt = undefined;
  void forgetSignIn(ctx, who);
  return true;
}

/** Something the person did (a change, a click reported by the UI): the idle clock starts again. */
export function markActive(ctx: HandlerContext): void {
  const s = sessionOf(ctx);
  if (!s.memberId) return;
  const now = ctx.store.now().getTime();
  s.lastActiveAt = now;
  if (now - (s.persistedAt ?? 0) >= PERSIST_EVERY_MS) void serial(ctx, () => writeFile(ctx));
}

/** At start: sign the last person back in, unless they were idle too long or left the team. */
export async function restoreSession(ctx: HandlerContext): Promise<void> {
  const file = path.join(ctx.dataDir, FILE);
  let saved: z.infer<typeof persistedSchema>;
  try {
    saved = persistedSchema.parse(JSON.parse(await fsp.readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      ctx.log('session file unreadable, nobody signed in:', err);
      await fsp.rm(file, { force: true }).catch(() => undefined);
    }
    return;
  }
  const member = ctx.store.workspace.team.find((m) => m.id === saved.memberId);
  const limit = idleLimitMs(ctx);
  if (!member || (limit !== null && ctx.store.now().getTime() - saved.lastActiveAt > limit)) {
    await forgetSignIn(ctx, saved.memberId);
    return;
  }
  const s = sessionOf(ctx);
  s.memberId = member.id;
  s.lastActiveAt = saved.lastActiveAt;
  s.persistedAt = saved.lastActiveAt;
  s.privateKey = null;
  const kept = await osSecrets(ctx)?.get(secretId(member.id)).catch(() => null);
  if (kept) {
    try {
      s.privateKey = createPrivateKey({ key: Buffer.from(kept, 'base64'), format: 'der', type: 'pkcs8' });
    } catch {
      s.privateKey = null;
    }
  }
  // A key without a PIN needs nothing to open; one under a PIN waits for the PIN.
  if (!s.privateKey) s.privateKey = await openKeyWithoutPin(ctx, member.id);
}

export function sessionService(ctx: HandlerContext): Service {
  return {
    name: 'session',
    start: () => restoreSession(ctx),
    stop: async () => {
      if (sessionOf(ctx).memberId) await serial(ctx, () => writeFile(ctx));
      await sessionOf(ctx).writes;
    },
  };
}
