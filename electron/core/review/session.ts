import type { KeyObject } from 'node:crypto';
import { ApiError } from '@shared/api/errors';
import type { PublicMember, SessionInfo } from '@shared/api/contracts/review';
import type { TeamMember } from '@shared/domain/workspace';
import type { Actor } from '@shared/review/model';
import type { HandlerContext } from '@core/deps';
import { fingerprintOfKey, memberPublicKey } from './keys';

/**
 * Who sits at the shared PC right now. Kept in the main process (not the UI)
 * so every change can be attributed to the person, whichever window or
 * transport made it. Kept across restarts by session-persist.ts until
 * sign-out or the idle timeout.
 */
export interface Session {
  memberId: string | null;
  /** The signed-in member's private key, opened at sign-in (never stored in the clear when a PIN is set). */
  privateKey?: KeyObject | null;
  /** Failed PIN attempts per member, for a short lockout. */
  failures: Map<string, { count: number; until: number }>;
  /** Last thing the signed-in person did (store clock, ms), for the idle timeout. */
  lastActiveAt?: number;
  /** When lastActiveAt was last written to the session file. */
  persistedAt?: number;
  /** The session file's writes, in order. */
  writes?: Promise<void>;
}

export function sessionOf(ctx: HandlerContext): Session {
  let s = ctx.services.session as Session | undefined;
  if (!s) {
    s = { memberId: null, failures: new Map() };
    ctx.services.session = s;
  }
  return s;
}

export function publicMember(ctx: HandlerContext, m: TeamMember): PublicMember {
  const publicKey = memberPublicKey(ctx, m.id);
  return { id: m.id, name: m.name, role: m.role, hasPin: Boolean(m.pinHash), fingerprint: publicKey ? fingerprintOfKey(publicKey) : null, publicKey };
}

/** The signed-in member, if still on the team. */
export function currentMember(ctx: HandlerContext): TeamMember | null {
  const id = sessionOf(ctx).memberId;
  return (id && ctx.store.workspace.team.find((m) => m.id === id)) || null;
}

export function requireMember(ctx: HandlerContext): TeamMember {
  const m = currentMember(ctx);
  if (!m) throw new ApiError('forbidden', 'sign in to a profile first', { params: { reason: 'not_signed_in' } });
  return m;
}

/** Who to record for a change (a change without a signed-in profile is still recorded). */
export function currentActor(ctx: HandlerContext): Actor {
  const m = currentMember(ctx);
  return m ? { id: m.id, name: m.name } : { id: null, name: '' };
}

export function sessionInfo(ctx: HandlerContext): SessionInfo {
  const m = currentMember(ctx);
  return {
    member: m ? publicMember(ctx, m) : null,
    members: ctx.store.workspace.team.map((x) => publicMember(ctx, x)),
    signingReady: Boolean(m && sessionOf(ctx).privateKey),
    idleMinutes: ctx.store.workspace.security.idleMinutes,
  };
}
