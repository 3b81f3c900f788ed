import type { Store } from './store/store';
import type { SecretStore } from './publishing/secrets';
import type { Outbox } from './publishing/outbox';
import type { MediaBatchService } from './media/batch';
import type { Session } from './review/session';
import type { HubLink } from './sync/hub-link';
import type { PouchDoc } from './sync/pouch-types';
import type { JobSyncView, SyncConflict, SyncRefusal, SyncStatus } from '@shared/sync/status';
import type { Post } from '@shared/domain/post';
import type { SyncConflictView } from '@shared/api/contracts/sync';
import type { Job } from '@shared/publishing/job';
import type { ReviewedField } from '@shared/review/model';

export type { SyncRefusal };

/** A conflicted post's two versions and what they started from: the same view the resolution screen reads. */
export type SyncConflictDetail = SyncConflictView;
import type { PantauanService } from './pantauan/service';
import type { ChangeLog } from './change-log';

/** What handlers ask of team sync (issue 13); absent while sync is not built into this host. */
export interface SyncEngineApi {
  status(): SyncStatus;
  conflicts(): SyncConflict[];
  /** This PC's id (the owner recorded in outbox jobs). */
  readonly pcId: string;
  /** Hub versions refused on arrival (signatures, approvals, job ownership). */
  refused(): SyncRefusal[];
  conflictDetail(postId: string): Promise<SyncConflictDetail>;
  resolveConflict(postId: string, choices: Partial<Record<ReviewedField, 'mine' | 'theirs'>>, baseRev?: number): Promise<Post>;
  /** Only the owner PC sends a job; with a hub, the first PC to claim a publication there. */
  maySend(job: Job): Promise<boolean>;
  takeOverJob(jobId: string): Promise<Job>;
  /** Which PC sends a job, whether that PC is gone, and why the job waits. */
  jobSync(jobId: string): JobSyncView;
  cancelFirstSync(): void;
  resumeFirstSync(): void;
  /** The .redaksi file route: a post's sync documents with their revision history, out of and into the replica. */
  exportDocs(docIds: readonly string[]): Promise<PouchDoc[]>;
  importDocs(docs: readonly PouchDoc[]): Promise<void>;
}

/**
 * Long-running services of the main process (workers, queues), typed: each
 * feature that needs one adds a field here and a factory in services.ts.
 */
export interface Services {
  /** Asks for a folder with the system's dialog (null: cancelled); only the Electron shell provides one. */
  pickFolder?: (opts: { defaultPath?: string }) => Promise<string | null>;
  /** Shows a desktop notification; only the Electron shell provides one. */
  notify?: (n: { title: string; body: string }) => boolean;
  /** Channel credentials (encrypted in Electron, memory-only in the browser host). */
  secrets?: SecretStore;
  /** Who sits at the PC now. */
  session?: Session;
  outbox?: Outbox;
  mediaBatch?: MediaBatchService;
  /** The hub account (address, sign-in): set by the hub service, read by the sync engine. */
  hubLink?: HubLink;
  sync?: SyncEngineApi;
  /** Pantauan (issue 14): this OPD's rollup summaries, pushed to the hub; Diskominfo's replica. */
  pantauan?: PantauanService;
  /** Numbered change events for the UI's refresh (app.changes). */
  changeLog?: ChangeLog;
}

/**
 * What a feature module of the core depends on (store, data folder, clock
 * via the store, services, log): feature code under electron/core/<feature>/
 * imports this, never the API layer (a lint rule checks it).
 */
export interface HandlerContext {
  store: Store;
  /** The data folder (absolute). Media and exports live beside store/. */
  dataDir: string;
  version: string;
  transport: 'ipc' | 'http';
  services: Services;
  /** Where unexpected errors go (never to the client). */
  log: (...args: unknown[]) => void;
}

/** The name feature code uses for its dependencies. */
export type CoreDeps = HandlerContext;
