import { randomUUID } from 'node:crypto';
import { promises as fsp, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '@shared/api/errors';
import { BatchWriteError, removeStaleTemps, withRetry } from './durable-file';
import { DamagedFileError, DurableJsonFile } from './json-adapter';
import type { CollectionName } from './collections';
import { dirKey, SummaryIndex, statKey, type SummaryEntry } from './summary-index';
import type { Store } from './store';

export function newId(): string {
  return randomUUID();
}

const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The summary index is sealed this long after the last write (see SummaryIndex.seal). */
const SEAL_AFTER_MS = 1_000;
/**
 * ...and only once the folder was last changed at least this long ago, so
 * that any later change gets another time even where folder times are coarse
 * (2 s on FAT/exFAT).
 */
const SEAL_QUIET_MS = 2_500;

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
  /** Writes and removals started and not yet in the summary index. */
  private inflight = 0;
  /** Writes in flight per document: its in-memory copy is ahead of its file, and its change event is still to come. */
  private writing = new Map<string, number>();
  private sealTimer: NodeJS.Timeout | null = null;
  /** How the last load went: from a sealed index (no folder listing, no stat), or by checking each file. */
  lastLoad: 'sealed' | 'checked' | null = null;

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
    if (this.index && this.summarize) {
      const known = this.index.read();
      const key = dirKey(this.dir);
      // Nothing was written, created or removed in the folder since the seal: the index lists it exactly.
      if (this.index.found && key !== null && this.index.sealed === key) {
        this.entries = known;
        this.listChanges++;
        this.lastLoad = 'sealed';
        return;
      }
      await removeStaleTemps(this.dir);
      const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      await this.loadSummaries(names, read, this.index, this.summarize, known);
      this.lastLoad = 'checked';
      this.scheduleSeal();
      return;
    }
    await removeStaleTemps(this.dir);
    const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
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
    known: Map<string, SummaryEntry<S>>,
  ): Promise<void> {
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

  /** Seals the summary index once writes have been quiet for a while (a later start then skips the folder check). */
  private scheduleSeal(): void {
    if (!this.index) return;
    if (this.sealTimer) clearTimeout(this.sealTimer);
    this.sealTimer = setTimeout(() => this.trySeal(), SEAL_AFTER_MS);
    this.sealTimer.unref();
  }

  private trySeal(): void {
    this.sealTimer = null;
    const index = this.index;
    if (!index || !this.entries) return;
    if (this.inflight > 0 || this.recovering.size > 0 || index.rewriting) return this.scheduleSeal();
    if (index.mayHaveLost) {
      void index.rewrite(new Map(this.entries)).then(
        () => this.scheduleSeal(),
        (err) => console.error('summary index', this.name, 'rewrite failed:', err),
      );
      return;
    }
    let st;
    try {
      st = statSync(this.dir, { bigint: true });
    } catch {
      return;
    }
    // A change within the same tick of the file system's clock would not change the time: wait until it must.
    if (Date.now() - Number(st.mtimeNs / 1_000_000n) < SEAL_QUIET_MS) return this.scheduleSeal();
    index.seal(`${st.ino}:${st.mtimeNs}`);
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
      if (this.entries?.delete(id)) {
        this.listChanges++;
        this.index?.append(id, null);
      }
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

  /** One document's id (the first listed, in no particular order), or undefined when there is none. */
  firstId(): string | undefined {
    this.ensureLoaded();
    return (this.entries ?? this.docs).keys().next().value;
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
    this.refuseStale(doc);
    let db = this.docs.get(doc.id);
    const isNew = !db;
    if (!db) {
      db = new Low<T>(new DurableJsonFile(this.fileOf(doc.id), this.validate), doc);
      this.docs.set(doc.id, db);
    }
    const prev = db.data;
    db.data = doc;
    this.inflight++;
    this.writing.set(doc.id, (this.writing.get(doc.id) ?? 0) + 1);
    try {
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
    } finally {
      this.inflight--;
      const n = this.writing.get(doc.id)! - 1;
      if (n) this.writing.set(doc.id, n);
      else this.writing.delete(doc.id);
      this.scheduleSeal();
    }
    this.store.emitChange(this.name, doc.id, revOf(doc), 'put');
  }

  /**
   * A write must carry a newer rev than the record holds: a copy read before
   * an await and written after another writer (the sync, a second request)
   * would otherwise replace that change silently under the same rev, and
   * the sync, which tells versions apart by rev, would never send it.
   */
  private refuseStale(doc: T): void {
    const held = this.docs.get(doc.id)?.data ?? this.entries?.get(doc.id)?.s;
    const cur = revOf(held);
    if (held && revOf(doc) <= cur) {
      throw new ApiError('conflict', `${this.name} ${doc.id} changed meanwhile (rev ${cur}, write carries ${revOf(doc)})`, {
        params: { id: doc.id, currentRev: cur, reason: 'stale_write' },
      });
    }
  }

  /**
   * Whether a write of this document is in flight: `get` already returns
   * the new version, which is not durable yet and whose change event (with
   * its author) comes when it is. Readers that pass versions on (the sync
   * bridge) wait for the event.
   */
  isWriting(id: string): boolean {
    return this.writing.has(id);
  }

  /**
   * Store several documents in one group commit (the batch path of a first
   * sync, see DurableJsonFile.writeBatch): each file written and fsynced,
   * all renamed, one fsync per folder. The same path as `put` otherwise
   * (in-memory copies first and rolled back on failure, summary index,
   * one change event per document, emitted once the whole batch is
   * durable). Callers validate as for `put`; a later document of the same id wins.
   */
  async putMany(docs: readonly T[]): Promise<void> {
    const list = [...new Map(docs.map((d) => [d.id, d])).values()];
    if (list.length <= 1) return list.length ? this.put(list[0]) : undefined;
    this.ensureLoaded();
    for (const doc of list) this.refuseStale(doc);
    let failure: unknown = null;
    let staged = list.map((doc) => {
      let db = this.docs.get(doc.id);
      const isNew = !db;
      if (!db) {
        db = new Low<T>(new DurableJsonFile(this.fileOf(doc.id), this.validate), doc);
        this.docs.set(doc.id, db);
      }
      const prev = db.data;
      db.data = doc;
      this.writing.set(doc.id, (this.writing.get(doc.id) ?? 0) + 1);
      return { doc, db, isNew, prev };
    });
    this.inflight++;
    try {
      try {
        await DurableJsonFile.writeBatch(staged.map((s) => ({ adapter: s.db.adapter as DurableJsonFile<T>, data: s.doc })));
        this.store.dirty = true;
      } catch (err) {
        // Records whose file was written before the failure stay (the file holds them); the others roll back.
        const written = new Set(err instanceof BatchWriteError ? err.written : []);
        failure = err;
        for (const s of staged) {
          if (written.has(this.fileOf(s.doc.id))) {
            this.store.dirty = true;
            continue;
          }
          if (s.db.data !== s.doc) continue;
          if (s.isNew) this.docs.delete(s.doc.id);
          else s.db.data = s.prev;
        }
        staged = staged.filter((s) => written.has(this.fileOf(s.doc.id)));
      }
      for (const s of staged) if (s.db.data === s.doc) this.noteSummary(s.doc);
    } finally {
      this.inflight--;
      for (const { id } of list) {
        const n = this.writing.get(id)! - 1;
        if (n) this.writing.set(id, n);
        else this.writing.delete(id);
      }
      this.scheduleSeal();
    }
    for (const s of staged) this.store.emitChange(this.name, s.doc.id, revOf(s.doc), 'put');
    if (failure) throw failure;
  }

  async delete(id: string): Promise<void> {
    this.ensureLoaded();
    const db = this.docs.get(id);
    const listed = this.entries?.get(id);
    if (!db && !listed) return;
    const rev = db ? revOf(db.data) : revOf(listed!.s);
    this.docs.delete(id);
    this.inflight++;
    try {
      await withRetry(() => fsp.rm(this.fileOf(id), { force: true }));
      if (this.entries?.delete(id)) {
        this.listChanges++;
        this.index!.append(id, null);
      }
    } finally {
      this.inflight--;
      this.scheduleSeal();
    }
    this.store.dirty = true;
    this.store.emitChange(this.name, id, rev, 'delete');
  }
}

function revOf(doc: unknown): number {
  const rev = (doc as { rev?: unknown } | null)?.rev;
  return typeof rev === 'number' ? rev : 0;
}
