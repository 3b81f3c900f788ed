/**
 * What the UI shows about team sync (issue 13), everywhere: the sidebar line
 * "Tersinkron 10.42 · 3 perubahan menunggu · Luring · 1 konflik" and the
 * Sinkron page in Pengaturan. Produced by the main process's sync engine.
 */
export type SyncState =
  /** No hub configured, or sync switched off on this PC. */
  | 'off'
  /** Configured, but not signed in to the hub (or the session ran out). */
  | 'signed_out'
  /** Configured and signed in, but the hub cannot be reached now. */
  | 'offline'
  | 'syncing'
  /** Up to date with the hub as of lastSyncAt. */
  | 'synced'
  /** Stopped by an error that needs a person (wrong password, no permission, …). */
  | 'error';

export interface SyncStatus {
  state: SyncState;
  /** ISO time of the last completed exchange with the hub. */
  lastSyncAt: string | null;
  /** Local changes not yet on the hub. */
  pending: number;
  /** Records with unresolved conflicting versions. */
  conflicts: number;
  /** When state is 'error' (or 'offline'): a reason key (errors.reason.<key> in the UI) and detail for logs. */
  error: { reason: string; detail?: string } | null;
  /** First sync of a new PC: documents done / expected, while it runs. */
  progress: { done: number; total: number | null } | null;
}

export const SYNC_OFF: SyncStatus = Object.freeze({
  state: 'off',
  lastSyncAt: null,
  pending: 0,
  conflicts: 0,
  error: null,
  progress: null,
}) as SyncStatus;

/** One record with unresolved conflicting versions, as the Sinkron page lists it. */
export interface SyncConflict {
  /** Store collection of the record ('posts', 'cards', …) or 'workspace'. */
  collection: string;
  id: string;
  /** What a person recognises it by (a post's title, a card's name). */
  title: string;
  /** Number of versions that disagree (2 or more). */
  versions: number;
  /** When the conflict was first seen here (ISO). */
  since: string;
}

/**
 * A hub version this PC refused to take into its store (and keeps refusing
 * until the reason goes away): a decision whose signature does not verify
 * or whose key this PC does not trust yet, an approved post without the
 * verified approval of its content, a job that claims to be this PC's.
 */
export interface SyncRefusal {
  collection: string;
  id: string;
  /** signature_invalid | key_unknown | key_not_editor | decision_unsigned | approval_unverified | job_owner | invalid */
  reason: string;
  since: string;
  /** For key_unknown: the key to compare by phone (review.trustKey), and the name it claims. */
  fingerprint?: string;
  publicKey?: string;
  name?: string;
}

/** A PC not heard from for this long may have its outbox jobs taken over (an explicit action, confirmed by a person). */
export const OWNER_GONE_AFTER_MS = 60 * 60_000;

/** Why a queued job is not being sent by this PC right now. */
export type JobWaitReason = 'hub_unreachable' | 'hub_signed_out' | 'other_pc';

/** An outbox job as sync sees it (the Antrean's job detail). */
export interface JobSyncView {
  /** The PC that sends the job (null: a job from before sync). */
  ownerPc: string | null;
  /** This PC sends it. */
  mine: boolean;
  /** When the owner PC last wrote anything that reached this PC (ISO), or null when never. */
  ownerLastSeenAt: string | null;
  /** The owner PC has not been heard from for OWNER_GONE_AFTER_MS: this PC may take the job over. */
  ownerGone: boolean;
  /** Why it waits (set when this PC last tried to send it), or null. */
  waiting: { reason: JobWaitReason; detail: string; since: string } | null;
}

/** Whether an owner PC last seen at `lastSeenAt` counts as gone at `now`. */
export function ownerGone(lastSeenAt: string | null, now: Date): boolean {
  if (!lastSeenAt) return true;
  const t = Date.parse(lastSeenAt);
  return !Number.isFinite(t) || now.getTime() - t >= OWNER_GONE_AFTER_MS;
}
