import type { Store } from './store/store';
import type { SecretStore } from './publishing/secrets';
import type { Outbox } from './publishing/outbox';
import type { MediaBatchService } from './media/batch';
import type { Session } from './review/session';
import type { HubLink } from './sync/hub-link';
import type { PantauanService } from './pantauan/service';
import type { SyncConflict, SyncStatus } from '../../shared/sync/status';

/** What handlers ask of team sync (issue 13); absent while sync is not built into this host. */
export interface SyncEngineApi {
  status(): SyncStatus;
  conflicts(): SyncConflict[];
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
