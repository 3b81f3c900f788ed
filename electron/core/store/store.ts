import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { StoreNotice } from '@shared/api/contract';
import { DEFAULT_OPD, DEFAULT_SECURITY, workspaceSchema, type Workspace } from '@shared/domain/workspace';
import { NEW_SETUP } from '@shared/setup/guide';
import { DEFAULT_NEWS_SETTINGS } from '@shared/posts/settings';
import { DEFAULT_TARGETS } from '@shared/activity/targets';
import { DEFAULT_PANTAUAN } from '@shared/pantauan/settings';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { DEFAULT_BRAND } from '@shared/cards/brand';
import { retentionOf } from '@shared/backups/retention';
import { BackupManager } from './backups';
import { Collection, newId } from './collection';
import { removeStaleTemps } from './durable-file';
import { DurableJsonFile } from './json-adapter';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionDef, type CollectionName, type DocOf, type SummaryOf } from './collections';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import { migrateStore } from './migrate';
import { readOrRecover, recoverLater, type RecoveryHost } from './recovery';
import { ChangeFeed, writeActor } from './events';

// The store's parts live beside it (collection.ts, recovery.ts, migrate.ts); callers keep importing them from here.
export { Collection, newId, type NewRecord, type RecordMeta } from './collection';

interface Meta {
  schemaVersion: number;
  createdAt: string;
}

interface NoticesDoc {
  notices: StoreNotice[];
}

export class StoreNewerError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`This data folder was written by a newer Redaksi (schema ${found}; this version reads up to ${supported}).`);
    this.name = 'StoreNewerError';
  }
}

export interface StoreOptions {
  /** The one clock of the main process (tests pass their own). */
  now?: () => Date;
  /** Where failing change listeners are reported. */
  log?: (...args: unknown[]) => void;
  migrations?: Migration[];
  schemaVersion?: number;
}

const metaValidator = (d: unknown): Meta => {
  const m = d as Meta;
  if (typeof m !== 'object' || m === null || !Number.isInteger(m.schemaVersion) || m.schemaVersion < 1) {
    throw new Error('schemaVersion missing');
  }
  return m;
};
const workspaceValidator = (d: unknown): Workspace => workspaceSchema.parse(d);
const noticesValidator = (d: unknown): NoticesDoc => {
  const n = d as NoticesDoc;
  if (!n || !Array.isArray(n.notices)) throw new Error('notices missing');
  return n;
};


type Collections = { [N in CollectionName]: Collection<DocOf<N>, SummaryOf<N>> };

/**
 * The data store. The main process is its only writer. JSON documents are
 * sharded: one file for the workspace, one per post, so that saving a post
 * rewrites only that post. lowdb holds each document; DurableJsonFile makes
 * every write crash-safe.
 *
 * Layout of the data folder:
 *   store/meta.json, store/workspace.json, store/notices.json, store/<collection>/<id>.json
 *   backups/<id>/store/...   damaged/<time>/...   redaksi.lock
 */
export class Store {
  readonly storeDir: string;
  readonly backups: BackupManager;
  /**
   * The one clock of the main process: every feature (deadlines, review,
   * outbox, backups) reads the time here. The dev clock shifts it (tests and
   * e2e only; see activity/clock.ts).
   */
  readonly now: () => Date;
  private clockOffsetMs = 0;
  /** Every committed write, in order (see events.ts). */
  readonly changes: ChangeFeed;
  private meta!: Low<Meta>;
  private workspaceDb!: Low<Workspace>;
  private noticesDb!: Low<NoticesDoc>;
  readonly collections: Collections;
  private pendingNotices: StoreNotice[] = [];
  /** Files left in place at start because they could neither be read nor moved: never overwritten with defaults. */
  private skipped = new Set<string>();
  /** Changed since the last backup. */
  dirty = false;
  /** What recovery.ts needs of the store. */
  private readonly recovery: RecoveryHost;
  /** Counts loads (a restore reloads): indexes kept beside the store rebuild when it changes. */
  loadCount = 0;

  private constructor(
    readonly dataDir: string,
    private readonly opts: StoreOptions,
  ) {
    this.storeDir = path.join(dataDir, 'store');
    const base = opts.now ?? (() => new Date());
    this.now = () => (this.clockOffsetMs ? new Date(base().getTime() + this.clockOffsetMs) : base());
    this.changes = new ChangeFeed(opts.log);
    // The workspace's retention; the defaults for a backup taken before it is read (the one before migrations).
    this.backups = new BackupManager(path.join(dataDir, 'backups'), this.storeDir, this.now, () => retentionOf((this.workspaceDb as Low<Workspace> | undefined)?.data?.backups));
    this.recovery = {
      storeDir: this.storeDir,
      dataDir,
      backups: this.backups,
      now: this.now,
      skip: (rel) => this.skipped.add(rel),
      notice: (n) => this.notice(n),
      flushNotices: async () => {
        const fresh = this.pendingNotices.splice(0);
        if (fresh.length) {
          this.noticesDb.data.notices.push(...fresh);
          await this.noticesDb.write();
        }
      },
    };
    this.collections = Object.fromEntries(
      COLLECTION_NAMES.map((n) => {
        const def = COLLECTIONS[n] as unknown as CollectionDef<{ id: string }>;
        return [n, new Collection(this, n, def.validate, def.summarize)];
      }),
    ) as unknown as Collections;
  }

  get posts(): Collection<DocOf<'posts'>, SummaryOf<'posts'>> {
    return this.collections.posts;
  }

  get postsDir(): string {
    return this.collections.posts.dir;
  }

  static async open(dataDir: string, opts: StoreOptions = {}): Promise<Store> {
    const s = new Store(path.resolve(dataDir), opts);
    await s.load();
    return s;
  }

  /** Shift the clock (dev clock only; the caller checks that it is enabled). */
  setClockOffset(ms: number): void {
    this.clockOffsetMs = ms;
    for (const l of [...this.clockListeners]) l();
  }

  private clockListeners = new Set<() => void>();

  /** Called when the dev clock moves, so timers planned on the old time are planned again. */
  onClockChange(listener: () => void): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  get clockOffset(): number {
    return this.clockOffsetMs;
  }

  /** @internal called by collections after a durable write. */
  emitChange(collection: CollectionName | 'workspace', id: string, rev: number, kind: 'put' | 'delete'): void {
    this.changes.emit({ collection, id, rev, kind, actor: writeActor(), at: this.now().toISOString() });
  }

  get schemaVersion(): number {
    return this.meta.data.schemaVersion;
  }

  // ---------- loading and recovery ----------

  private async load(): Promise<void> {
    this.loadCount++;
    this.pendingNotices = [];
    this.skipped = new Set();
    await fsp.mkdir(this.storeDir, { recursive: true });
    await removeStaleTemps(this.storeDir);

    const target = this.opts.schemaVersion ?? CURRENT_SCHEMA_VERSION;
    const hasData = (await fsp.readdir(this.storeDir)).length > 0;

    this.meta = new Low(new DurableJsonFile(path.join(this.storeDir, 'meta.json'), metaValidator), {
      schemaVersion: target,
      createdAt: this.now().toISOString(),
    });
    const meta = await this.readOrRecover(this.meta, 'meta.json', metaValidator);
    if (meta === null && !this.skipped.has('meta.json')) {
      if (hasData) {
        // Data without a readable meta and no backup: assume the current schema and say so.
        this.notice({ kind: 'lost', file: 'meta.json', detail: 'schema version assumed current' });
      }
      await this.meta.write();
    }

    if (this.meta.data.schemaVersion > target) throw new StoreNewerError(this.meta.data.schemaVersion, target);
    if (this.meta.data.schemaVersion < target) await this.migrate(this.meta.data.schemaVersion, target);

    this.workspaceDb = new Low(new DurableJsonFile(path.join(this.storeDir, 'workspace.json'), workspaceValidator), defaultWorkspace(this.now()));
    const ws = await this.readOrRecover(this.workspaceDb, 'workspace.json', workspaceValidator);
    if (ws === null && !this.skipped.has('workspace.json')) await this.workspaceDb.write();

    this.noticesDb = new Low(new DurableJsonFile(path.join(this.storeDir, 'notices.json'), noticesValidator), { notices: [] });
    if ((await this.readOrRecover(this.noticesDb, 'notices.json', noticesValidator)) === null) {
      this.noticesDb.data = { notices: [] };
    }

    for (const n of COLLECTION_NAMES) {
      const col = this.collections[n] as unknown as Collection<{ id: string }>;
      const def = COLLECTIONS[n] as unknown as CollectionDef<{ id: string }>;
      if (def.lazy) await col.defer((name) => this.recoverLater(col, name, def.validate));
      else await col.load((db, rel, read) => this.readOrRecover(db, rel, def.validate, read), (name) => this.recoverLater(col, name, def.validate));
    }

    if (this.pendingNotices.length) {
      this.noticesDb.data.notices.push(...this.pendingNotices);
      this.pendingNotices = [];
      await this.noticesDb.write();
    }
  }

  /**
   * Read a document, recovering a damaged file from the backups (see
   * recovery.ts). Returns null when the file does not exist or could not be
   * recovered, leaving the db's default data in place.
   */
  private readOrRecover<T>(
    db: Low<T>,
    rel: string,
    validate: (d: unknown) => T,
    read: () => T | null | Promise<T | null> = () => db.adapter.read(),
  ): Promise<T | null> {
    return readOrRecover(this.recovery, db, rel, validate, read);
  }

  /** A damaged file of a lazy collection, found on first use: recover it off the caller's path, then tell the user. */
  private recoverLater(col: Collection<{ id: string }>, name: string, validate: (d: unknown) => { id: string }): Promise<void> {
    return recoverLater(this.recovery, col, name, validate);
  }

  private notice(n: Omit<StoreNotice, 'id' | 'at'>): void {
    this.pendingNotices.push({ id: newId(), at: this.now().toISOString(), ...n });
  }

  private async migrate(from: number, to: number): Promise<void> {
    await migrateStore({ storeDir: this.storeDir, backups: this.backups, meta: this.meta, notice: (n) => this.notice(n) }, from, to, this.opts.migrations ?? MIGRATIONS);
  }


  /** Re-read everything from disk (after a restore). */
  async reload(): Promise<void> {
    await this.load();
  }

  // ---------- documents ----------

  get workspace(): Workspace {
    return this.workspaceDb.data;
  }

  async putWorkspace(ws: Workspace): Promise<void> {
    const prev = this.workspaceDb.data;
    this.workspaceDb.data = ws;
    try {
      await this.workspaceDb.write();
      this.dirty = true;
    } catch (err) {
      if (this.workspaceDb.data === ws) this.workspaceDb.data = prev;
      throw err;
    }
    this.emitChange('workspace', ws.id, ws.rev, 'put');
  }

  get notices(): StoreNotice[] {
    return this.noticesDb.data.notices;
  }

  async addNotice(n: Omit<StoreNotice, 'id' | 'at'>): Promise<void> {
    this.noticesDb.data.notices.push({ id: newId(), at: this.now().toISOString(), ...n });
    await this.noticesDb.write();
  }

  async dismissNotice(id: string): Promise<void> {
    this.noticesDb.data = { notices: this.noticesDb.data.notices.filter((n) => n.id !== id) };
    await this.noticesDb.write();
  }

  /** Documents of all collections (for the app info). */
  get postCount(): number {
    return this.collections.posts.size;
  }
}

export function defaultWorkspace(now: Date): Workspace {
  const at = now.toISOString();
  return {
    id: 'workspace',
    createdAt: at,
    updatedAt: at,
    rev: 0,
    opd: { ...DEFAULT_OPD, colors: { ...DEFAULT_OPD.colors } },
    team: [],
    language: 'id',
    news: structuredClone(DEFAULT_NEWS_SETTINGS),
    targets: structuredClone(DEFAULT_TARGETS),
    complaintDeadlines: { ...DEFAULT_COMPLAINT_DEADLINES },
    brand: structuredClone(DEFAULT_BRAND),
    trustedKeys: [],
    security: { ...DEFAULT_SECURITY },
    pantauan: structuredClone(DEFAULT_PANTAUAN),
    // A fresh data folder opens the first-run guide.
    setup: structuredClone(NEW_SETUP),
  };
}
