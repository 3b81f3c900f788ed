import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import type { Post } from '@shared/domain/post';
import type { JobSummary } from './publishing';
import { REVIEWED_FIELDS, type ReviewedField, type Snapshot } from '@shared/review/model';
import type { JobSyncView, SyncConflict, SyncRefusal, SyncStatus } from '@shared/sync/status';
import { method, none } from '@shared/api/define';

/** A conflicted post's two versions and what they started from (the resolution screen). */
export interface SyncConflictView {
  postId: string;
  title: string;
  base: Snapshot;
  mine: Snapshot;
  theirs: Snapshot;
  /** Who wrote the other version. */
  theirsBy: string;
  /** Fields changed in the same place on both PCs: a person chooses; the rest merges without asking. */
  fields: ReviewedField[];
  rev: number;
}

/** Team sync (issue 13): what the sidebar and the Sinkron page read. */
export const syncContract = {
  /** The sync line of the sidebar and the Sinkron page: state, last sync, pending changes, conflicts. */
  'sync.status': method<SyncStatus>()(none),
  /** Records with conflicting versions waiting for a person to resolve them. */
  'sync.conflicts': method<SyncConflict[]>()(none),
  /** Hub versions this PC refused (forged or unverifiable approvals, an untrusted key, …). */
  'sync.refused': method<SyncRefusal[]>()(none),
  /** Both versions of a conflicted post. */
  'sync.conflict': method<SyncConflictView>()(z.object({ postId: idSchema }).strict()),
  /** Resolve a conflicted post: contested fields take the chosen side, the rest merges; logged in the post's audit. */
  'sync.resolveConflict': method<Post>()(
    z
      .object({
        postId: idSchema,
        baseRev: z.number().int().nonnegative().optional(),
        choices: z.partialRecord(z.enum(REVIEWED_FIELDS), z.enum(['mine', 'theirs'])),
      })
      .strict(),
  ),
  /** An outbox job as sync sees it: which PC sends it, when that PC was last heard from, why it waits. */
  'sync.job': method<JobSyncView>()(z.object({ jobId: idSchema }).strict()),
  /** Take over an outbox job queued on a PC that is gone: this PC becomes the one that sends it. */
  'sync.takeOverJob': method<JobSummary>()(z.object({ jobId: idSchema }).strict()),
  /** First sync of a new PC: stop (a later resume continues where it stopped). */
  'sync.cancelFirstSync': method<SyncStatus>()(none),
  'sync.resumeFirstSync': method<SyncStatus>()(none),
};
