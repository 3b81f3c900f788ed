import { randomUUID } from 'node:crypto';
import { promises as fsp, readdirSync } from 'node:fs';
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
import { BackupManager } from './backups';
import { removeStaleTemps, withRetry, writeFileDurable } from './durable-file';
import { DamagedFileError, DurableJsonFile, parseJsonDocument } from './json-adapter';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionDef, type CollectionName, type DocOf, type SummaryOf } from './collections';
import { SummaryIndex, statKey, type SummaryEntry } from './summary-index';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrationPath, type Migration, type RawStore } from './migrations';
import { ApiError } from '@shared/api/errors';
import { ChangeFeed, writeActor } from './events';

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

export function newId(): string {
  return randomUUID();
}

const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The fields the store stamps on every record (GUIDE §2). */
export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  rev: number;
}
export type NewRecord<T> = Omit<T, keyof RecordMeta> & { id?: string };

/**
 * One sharded collection: a folder of JSON documents, one per id, each held
 * by its own lowdb instance with a durable adapter. Writing one document
 * never rewrites another.
 */
export class Collection<T extends { id: string }, S extends { id: string } = T> {
  /** Documents read so far (all of them, unless the collection has a summary index). */
  private docs = new Map<string, Low<T>>();
  readonly dir: string;
  /** With a summary index: every document's list fields, whether or not the document was read. */
  private entries: Map<string, SummaryEntry<S>> | null = null;
  private readonly index: SummaryIndex<S> | null;
  private onDamaged: (name: string) => Promise<void> = async () => undefined;
  /** Counts changes of the summaries (writes, and documents found gone or lost): caches of `summaries()` compare it. */
  listChanges = 0;
  /** Listed documents whose damaged file is being restored from the backups. */
  private recovering = new Set<string>();

  constructor(
    private readonly store: Store,
    readonly name: CollectionName,
    private readonly validate: (d: unknown) => T,
    private readonly summarize?: (doc: T) => S,
  ) {
    this.dir = path.join(store.storeDir, name);
    this.index = summarize ? new SummaryIndex<S>(store.dataDir, name) : null;
  }

  private fileOf(id: string): string {
    if (!DOC_ID.test(id)) throw new Error(`bad document id in ${this.name}: ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Set for a lazy collection until its first use (see CollectionDef.lazy). */
  private pendingLoad: (() => void) | null = null;

  /** @internal bulk load at open */
  async load(read: (db: Low<T>, rel: string, read: () => T | null) => Promise<T | null>, onDamaged: (name: string) => Promise<void>): Promise<void> {
    this.pendingLoad = null;
    this.docs = new Map();
    this.recovering = new Set();
    this.onDamaged = onDamaged;
    await fsp.mkdir(this.dir, { recursive: true });
    await removeStaleTemps(this.dir);
    const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    if (this.index && this.summarize) {
      await this.loadSummaries(names, read, this.index, this.summarize);
      return;
    }
    for (const name of names) {
      const adapter = new DurableJsonFile(path.join(this.dir, name), this.validate);
      const db = new Low<T>(adapter, null as unknown as T);
      const data = await read(db, path.join(this.name, name), () => adapter.readSync());
      if (data) this.docs.set(data.id, db);
    }
  }

  /**
   * Start-up from the summary index: each shard is `stat`ed and only those
   * whose file is not the one its entry was made from are read (all of them
   * when the index is missing or damaged). The index is rewritten when it
   * was stale or mostly replaced lines.
   */
  private async loadSummaries(
    names: string[],
    read: (db: Low<T>, rel: string, read: () => T | null) => Promise<T | null>,
    index: SummaryIndex<S>,
    summarize: (doc: T) => S,
  ): Promise<void> {
    const known = index.read();
    const entries = new Map<string, SummaryEntry<S>>();
    let stale = 0;
    for (const name of names) {
      const file = path.join(this.dir, name);
      const key = statKey(file);
      const id = name.slice(0, -5);
      const had = known.get(id);
      if (key !== null && had && had.key === key) {
        entries.set(id, had);
        continue;
      }
      stale++;
      const adapter = new DurableJsonFile(file, this.validate);
      const db = new Low<T>(adapter, null as unknown as T);
      const data = await read(db, path.join(this.name, name), () => adapter.readSync());
      if (!data) continue;
      this.docs.set(data.id, db);
      // A file restored from a backup during the read has a new key: taken after the read.
      const readKey = statKey(file);
      if (readKey !== null) entries.set(data.id, { key: readKey, s: summarize(data) });
    }
    this.entries = entries;
    this.listChanges++;
    if (!index.found || stale > 0 || known.size !== entries.size || index.deadLines(entries.size) > entries.size) await index.rewrite(entries);
  }

  /**
   * @internal A lazy collection is read on first use, synchronously (as the
   * bulk load is). A damaged file is handed to `onDamaged`, which recovers it
   * from the backups in the background and adds it back with `adopt`.
   */
  async defer(onDamaged: (name: string) => unknown): Promise<void> {
    this.docs = new Map();
    await fsp.mkdir(this.dir, { recursive: true });
    await removeStaleTemps(this.dir);
    this.pendingLoad = () => {
      for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
        const adapter = new DurableJsonFile(path.join(this.dir, name), this.validate);
        try {
          const data = adapter.readSync();
          if (data) this.docs.set(data.id, new Low<T>(adapter, data));
        } catch (err) {
          if (!(err instanceof DamagedFileError)) throw err;
          onDamaged(name);
        }
      }
    };
  }

  /** @internal */
  adopt(data: T): void {
    this.ensureLoaded();
    if (!this.docs.has(data.id)) {
      this.docs.set(data.id, new Low<T>(new DurableJsonFile(this.fileOf(data.id), this.validate), data));
      this.noteSummary(data);
    }
  }

  /** Record a document's list fields as written now (its file must hold exactly `doc`). */
  private noteSummary(doc: T): void {
    if (!this.entries || !this.index || !this.summarize) return;
    const key = statKey(this.fileOf(doc.id));
    if (key === null) return;
    const entry = { key, s: this.summarize(doc) };
    this.entries.set(doc.id, entry);
    this.listChanges++;
    this.index.append(doc.id, entry);
    // Replaced lines are dropped once they outnumber the live ones.
    if (this.index.deadLines(this.entries.size) > Math.max(this.entries.size, 1000)) {
      void this.index.rewrite(new Map(this.entries)).catch((err) => console.error('summary index', this.name, 'rewrite failed:', err));
    }
  }

  /** A document listed in the summary index and not read yet: read now. A damaged file is recovered in the background. */
  private readListed(id: string): T | undefined {
    if (this.recovering.has(id)) return undefined;
    const name = `${id}.json`;
    const adapter = new DurableJsonFile(path.join(this.dir, name), this.validate);
    let data: T | null;
    try {
      data = adapter.readSync();
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      this.recovering.add(id);
      void this.onDamaged(name).finally(() => {
        this.recovering.delete(id);
        // Not recovered (no good copy in the backups): no longer listed; the notice says where the file went.
        if (!this.docs.has(id) && this.entries?.delete(id)) {
          this.listChanges++;
          this.index?.append(id, null);
        }
      });
      return undefined;
    }
    if (!data) {
      // Gone from the folder (removed by hand): no longer listed.
      if (this.entries?.delete(id)) this.listChanges++;
      return undefined;
    }
    this.docs.set(data.id, new Low<T>(adapter, data));
    return data;
  }

  private ensureLoaded(): void {
    const load = this.pendingLoad;
    if (!load) return;
    this.pendingLoad = null;
    load();
  }

  /** Every document, read if need be. Lists that may grow use `summaries()` instead. */
  all(): T[] {
    this.ensureLoaded();
    if (this.entries) for (const id of this.entries.keys()) if (!this.docs.has(id)) this.readListed(id);
    return Array.from(this.docs.values(), (db) => db.data);
  }

  /** The list fields of every document, without reading them (the documents themselves where the collection has no summary index). */
  summaries(): S[] {
    if (!this.entries) return this.all() as unknown as S[];
    return Array.from(this.entries.values(), (e) => e.s);
  }

  /** The list fields of one document (see `summaries`). */
  summary(id: string): S | undefined {
    if (!this.entries) return this.get(id) as unknown as S | undefined;
    return this.entries.get(id)?.s;
  }

  get size(): number {
    this.ensureLoaded();
    return this.entries ? this.entries.size : this.docs.size;
  }

  get(id: string): T | undefined {
    this.ensureLoaded();
    const db = this.docs.get(id);
    if (db) return db.data;
    return this.entries?.has(id) ? this.readListed(id) : undefined;
  }

  /** The document, or a typed not_found error naming it. */
  require(id: string): T {
    const doc = this.get(id);
    if (!doc) throw new ApiError('not_found', `${this.name} ${id} not found`, { params: { id, collection: this.name } });
    return doc;
  }

  /**
   * A new record. The store stamps id (unless given), createdAt, updatedAt and
   * rev 1, validates it with the collection's schema and writes it.
   */
  async create(fields: NewRecord<T>): Promise<T> {
    const at = this.store.now().toISOString();
    const doc = this.validate({ ...fields, id: fields.id ?? newId(), createdAt: at, updatedAt: at, rev: 1 });
    if (this.get(doc.id)) throw new ApiError('conflict', `${this.name} ${doc.id} exists`, { params: { id: doc.id, reason: 'exists' } });
    await this.put(doc);
    return doc;
  }

  /**
   * Change a record: the one place that checks the base rev (when the caller
   * edited a copy it read earlier), bumps rev, stamps updatedAt and
   * validates. `change` gets the current record and returns the fields to set.
   */
  async update(id: string, change: Partial<T> | ((current: T) => Partial<T>), opts: { baseRev?: number } = {}): Promise<T> {
    const cur = this.require(id) as T & RecordMeta;
    if (opts.baseRev !== undefined && cur.rev !== opts.baseRev) {
      throw new ApiError('conflict', `${this.name} ${id} changed elsewhere (rev ${cur.rev}, expected ${opts.baseRev})`, {
        params: { id, currentRev: cur.rev },
      });
    }
    const patch = typeof change === 'function' ? change(cur) : change;
    const next = this.validate({ ...cur, ...patch, id: cur.id, createdAt: cur.createdAt, rev: cur.rev + 1, updatedAt: this.store.now().toISOString() });
    await this.put(next);
    return next;
  }

  /**
   * Store a document durably. The in-memory copy changes first so that a
   * second caller sees it at once; it is rolled back if the write fails.
   */
  async put(doc: T): Promise<void> {
    this.ensureLoaded();
    let db = this.docs.get(doc.id);
    const isNew = !db;
    if (!db) {
      db = new Low<T>(new DurableJsonFile(this.fileOf(doc.id), this.validate), doc);
      this.docs.set(doc.id, db);
    }
    const prev = db.data;
    db.data = doc;
    try {
      await db.write();
      this.store.dirty = true;
    } catch (err) {
      if (db.data === doc) {
        if (isNew) this.docs.delete(doc.id);
        else db.data = prev;
      }
      throw err;
    }
    // A later write already queued on this document records its own summary (its file may be on disk by then).
    if (db.data === doc) this.noteSummary(doc);
    this.store.emitChange(this.name, doc.id, revOf(doc), 'put');
  }

  async delete(id: string): Promise<void> {
    this.ensureLoaded();
    const db = this.docs.get(id);
    const listed = this.entries?.get(id);
    if (!db && !listed) return;
    const rev = db ? revOf(db.data) : revOf(listed!.s);
    this.docs.delete(id);
    await withRetry(() => fsp.rm(this.fileOf(id), { force: true }));
    if (this.entries?.delete(id)) {
      this.listChanges++;
      this.index!.append(id, null);
    }
    this.store.dirty = true;
    this.store.emitChange(this.name, id, rev, 'delete');
  }
}

function revOf(doc: unknown): number {
  const rev = (doc as { rev?: unknown } | null)?.rev;
  return typeof rev === 'number' ? rev : 0;
}

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
    this.backups = new BackupManager(path.join(dataDir, 'backups'), this.storeDir, this.now);
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
   * Read a document. An unreadable or empty file is moved to damaged/ and the
   * newest good copy from the backups is put back; either way a notice tells
   * the user. Returns null when the file does not exist (or could not be
   * recovered), leaving the db's default data in place.
   */
  private async readOrRecover<T>(
    db: Low<T>,
    rel: string,
    validate: (d: unknown) => T,
    read: () => T | null | Promise<T | null> = () => db.adapter.read(),
  ): Promise<T | null> {
    try {
      const data = await read();
      if (data !== null) db.data = data;
      return data;
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      const file = path.join(this.storeDir, rel);
      const stamp = this.now().toISOString().replace(/[:.]/g, '-');
      const movedTo = path.join(this.dataDir, 'damaged', stamp, rel);
      await fsp.mkdir(path.dirname(movedTo), { recursive: true });
      try {
        await withRetry(() => fsp.rename(file, movedTo));
      } catch (moveErr) {
        // Locked for good (another program holds it): leave it, open the rest, say which file and why.
        this.skipped.add(rel);
        const code = (moveErr as NodeJS.ErrnoException).code ?? 'error';
        this.notice({ kind: 'unreadable', file: rel, detail: `${err.reason}; not moved (${code})` });
        return null;
      }
      for (const c of await this.backups.candidatesFor(rel)) {
        let text: string;
        try {
          text = await fsp.readFile(c.file, 'utf8');
          const data = parseJsonDocument(c.file, text, validate);
          await writeFileDurable(file, text);
          db.data = data;
          this.notice({ kind: 'recovered', file: rel, movedTo, backupId: c.backupId, detail: err.reason });
          return data;
        } catch {
          continue;
        }
      }
      this.notice({ kind: 'lost', file: rel, movedTo, detail: err.reason });
      return null;
    }
  }

  /** A damaged file of a lazy collection, found on first use: recover it off the caller's path, then tell the user. */
  private recoverLater(col: Collection<{ id: string }>, name: string, validate: (d: unknown) => { id: string }): Promise<void> {
    const adapter = new DurableJsonFile(path.join(col.dir, name), validate);
    const db = new Low<{ id: string }>(adapter, null as unknown as { id: string });
    return (async () => {
      const data = await this.readOrRecover(db, path.join(col.name, name), validate, () => adapter.readSync());
      if (data) col.adopt(data);
      const fresh = this.pendingNotices.splice(0);
      if (fresh.length) {
        this.noticesDb.data.notices.push(...fresh);
        await this.noticesDb.write();
      }
    })().catch((err) => console.error('recovering', name, 'failed:', err));
  }

  private notice(n: Omit<StoreNotice, 'id' | 'at'>): void {
    this.pendingNotices.push({ id: newId(), at: this.now().toISOString(), ...n });
  }

  private async migrate(from: number, to: number): Promise<void> {
    const steps = migrationPath(from, to, this.opts.migrations ?? MIGRATIONS);
    const backup = await this.backups.create('before-migration');
    let raw: RawStore = { workspace: null, collections: new Map() };
    const wsFile = path.join(this.storeDir, 'workspace.json');
    if (await exists(wsFile)) raw.workspace = parseJsonDocument(wsFile, await fsp.readFile(wsFile, 'utf8'));
    for (const entry of await fsp.readdir(this.storeDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const docs = new Map<string, unknown>();
      raw.collections.set(entry.name, docs);
      const dir = path.join(this.storeDir, entry.name);
      for (const n of await fsp.readdir(dir)) {
        if (!n.endsWith('.json') || n.startsWith('.')) continue;
        try {
          docs.set(n, parseJsonDocument(path.join(dir, n), await fsp.readFile(path.join(dir, n), 'utf8')));
        } catch {
          // Damaged files are left for readOrRecover, which restores them from backups.
        }
      }
    }
    for (const step of steps) raw = step.migrate(raw);
    if (raw.workspace !== null) await writeFileDurable(wsFile, JSON.stringify(raw.workspace));
    for (const [name, docs] of raw.collections) {
      await fsp.mkdir(path.join(this.storeDir, name), { recursive: true });
      for (const [n, doc] of docs) await writeFileDurable(path.join(this.storeDir, name, n), JSON.stringify(doc));
    }
    this.meta.data.schemaVersion = to;
    await this.meta.write();
    this.notice({
      kind: 'migrated',
      file: 'meta.json',
      backupId: backup.id,
      detail: `schema ${from} → ${to}: ${steps.map((s) => s.description).join('; ')}`,
    });
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

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
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
