import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { removeStaleTemps, withRetry, writeFileDurable } from './durable-file';
import { DamagedFileError, parseJsonDocument } from './json-adapter';
import type { Store } from './store';

const HEADER = 'redaksi-history-index 1';
export const HISTORY_INDEX_FILE = 'index.log';
const CACHE_LIMIT = 2_000;
const BUILD_PARALLEL = 16;
/** The check of the folder against the index waits this long after loading. */
const RECONCILE_DELAY_MS = 2_000;
/** Index lines parsed, or files compared, per turn of the event loop. */
const LOAD_SLICE = 20_000;
const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * History documents (one JSON file per entry, each with a `postId`) read per
 * post: an append-only index file maps each entry to its post, so saving or
 * opening one post reads that post's few files and never another's.
 *
 * The index line is appended (and fsynced) before the entry's file is
 * written, so the index always lists at least what is on disk: an entry
 * listed without a file (a crash in between) is simply skipped. A store
 * without an index (written by an older Redaksi, or restored from an older
 * backup) is indexed once by reading its files, asynchronously; a torn last
 * line (SIGKILL during an append) is ignored, and files the index does not
 * list are found and added after start, off the request path.
 */
export class HistoryIndex<T extends { id: string; postId: string }> {
  private byPost = new Map<string, string[]>();
  private postOf = new Map<string, string>();
  private cache = new Map<string, T>();
  private writes = new Map<string, Promise<void>>();
  private readyPromise: Promise<void> | null = null;
  private generation = -1;
  private deadLines = 0;
  /** Settles when the check of the folder against the index, started after loading, is done. */
  reconciled: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly validate: (d: unknown) => T,
  ) {}

  get dir(): string {
    return path.join(this.store.storeDir, this.name);
  }

  private get indexFile(): string {
    return path.join(this.dir, HISTORY_INDEX_FILE);
  }

  /** Loads the index (once per store load; a restore reloads the store and with it the index). */
  ready(): Promise<void> {
    if (!this.readyPromise || this.generation !== this.store.loadCount) {
      this.generation = this.store.loadCount;
      this.byPost = new Map();
      this.postOf = new Map();
      this.cache = new Map();
      this.readyPromise = this.load();
    }
    return this.readyPromise;
  }

  private async load(): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    let text: string | null = null;
    try {
      text = await fsp.readFile(this.indexFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === null || !text.startsWith(HEADER + '\n')) {
      await this.rebuild();
      return;
    }
    // Parsed in slices, between which requests are served (200k lines at 100k posts).
    const last = text.lastIndexOf('\n');
    let at = HEADER.length + 1;
    let sinceYield = 0;
    while (at < last) {
      // Only complete lines: a torn last line (after the last newline) is not used.
      const end = text.indexOf('\n', at);
      if (text.startsWith('+ ', at)) {
        const space = text.indexOf(' ', at + 2);
        if (space > at + 2 && space < end - 1) this.add(text.slice(at + 2, space), text.slice(space + 1, end));
      } else if (text.startsWith('- ', at)) {
        this.forget(text.slice(at + 2, end));
        this.deadLines += 2;
      }
      at = end + 1;
      if (++sinceYield === LOAD_SLICE) {
        sinceYield = 0;
        await yieldToRequests();
      }
    }
    // A torn last line is dropped now, before anything is appended behind it.
    if (!text.endsWith('\n')) await this.rewriteIndex();
    // Off the first seconds after start, when the first list and the first save come.
    const generation = this.generation;
    this.reconciled = new Promise<void>((r) => setTimeout(r, RECONCILE_DELAY_MS).unref())
      .then(() => (generation === this.generation ? this.reconcile() : undefined))
      .catch((err) => console.error('history index check failed:', err));
  }

  /** Appends and rewrites of the index file, one at a time (a rewrite must not drop a line appended meanwhile). */
  private indexOps: Promise<unknown> = Promise.resolve();

  private onIndex(op: () => Promise<void>): Promise<void> {
    const next = this.indexOps.then(op);
    this.indexOps = next.catch(() => undefined);
    return next;
  }

  private rewriteIndex(): Promise<void> {
    return this.onIndex(async () => {
      // The text is taken inside the queue: it includes every entry added so far.
      await writeFileDurable(this.indexFile, this.indexText());
      this.deadLines = 0;
    });
  }

  private add(id: string, postId: string): void {
    if (this.postOf.has(id)) return;
    this.postOf.set(id, postId);
    const list = this.byPost.get(postId);
    if (list) list.push(id);
    else this.byPost.set(postId, [id]);
  }

  private forget(id: string): void {
    const postId = this.postOf.get(id);
    if (postId === undefined) return;
    this.postOf.delete(id);
    this.cache.delete(id);
    const list = this.byPost.get(postId)!.filter((x) => x !== id);
    if (list.length) this.byPost.set(postId, list);
    else this.byPost.delete(postId);
  }

  private fileOf(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`bad document id in ${this.name}: ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  private indexText(): string {
    let out = HEADER + '\n';
    for (const [id, postId] of this.postOf) out += `+ ${id} ${postId}\n`;
    return out;
  }

  /** Reads every file once (a store without an index), then writes the index. */
  private async rebuild(): Promise<void> {
    await removeStaleTemps(this.dir);
    const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    await inParallel(names, BUILD_PARALLEL, async (n) => {
      const doc = await this.readFile(n.slice(0, -5));
      if (doc) this.add(doc.id, doc.postId);
    });
    await this.rewriteIndex();
  }

  /** Files the index does not list are added; entries without a file are dropped; a long index is compacted. */
  private async reconcile(): Promise<void> {
    // Only entries known before the folder is listed can be gone from it; later ones are written after.
    const known = [...this.postOf.keys()];
    const onDisk = new Set<string>();
    const missing: string[] = [];
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      // The data folder was removed while open: nothing to check.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (let i = 0; i < names.length; i++) {
      const n = names[i];
      if (n.endsWith('.json') && !n.startsWith('.')) {
        const id = n.slice(0, -5);
        onDisk.add(id);
        if (!this.postOf.has(id)) missing.push(id);
      }
      if (i % LOAD_SLICE === LOAD_SLICE - 1) await yieldToRequests();
    }
    const found: T[] = [];
    await inParallel(missing, BUILD_PARALLEL, async (id) => {
      const doc = await this.readFile(id);
      if (doc) found.push(doc);
    });
    let gone = 0;
    let i = 0;
    for (const id of known) {
      if (!onDisk.has(id) && !this.writes.has(id)) {
        this.forget(id);
        gone++;
      }
      if (++i % LOAD_SLICE === 0) await yieldToRequests();
    }
    for (const doc of found) this.add(doc.id, doc.postId);
    if (found.length || gone || this.deadLines > Math.max(1000, this.postOf.size)) await this.rewriteIndex();
  }

  /**
   * Reads one entry. A damaged file is moved to damaged/ and the newest good
   * copy from the backups put back, with a notice, as the store does at open.
   */
  private async readFile(id: string): Promise<T | null> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return parseJsonDocument(file, text, this.validate);
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      return this.recover(id, err);
    }
  }

  private async recover(id: string, err: DamagedFileError): Promise<T | null> {
    const rel = path.join(this.name, `${id}.json`);
    const file = this.fileOf(id);
    const stamp = this.store.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = path.join(this.store.dataDir, 'damaged', stamp, rel);
    await fsp.mkdir(path.dirname(movedTo), { recursive: true });
    await withRetry(() => fsp.rename(file, movedTo));
    for (const c of await this.store.backups.candidatesFor(rel)) {
      try {
        const text = await fsp.readFile(c.file, 'utf8');
        const data = parseJsonDocument(c.file, text, this.validate);
        await writeFileDurable(file, text);
        await this.store.addNotice({ kind: 'recovered', file: rel, movedTo, backupId: c.backupId, detail: err.reason });
        return data;
      } catch {
        continue;
      }
    }
    await this.store.addNotice({ kind: 'lost', file: rel, movedTo, detail: err.reason });
    return null;
  }

  private remember(doc: T): void {
    this.cache.delete(doc.id);
    this.cache.set(doc.id, doc);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }

  private async read(id: string): Promise<T | null> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const doc = await this.readFile(id);
    if (doc) this.remember(doc);
    return doc;
  }

  /** The entries of one post, in the order they were added. */
  async ofPost(postId: string): Promise<T[]> {
    await this.ready();
    const ids = this.byPost.get(postId) ?? [];
    const docs: (T | null)[] = await Promise.all(ids.map((id) => this.read(id)));
    return docs.filter((d): d is T => d !== null && d.postId === postId);
  }

  async get(id: string): Promise<T | undefined> {
    await this.ready();
    if (!this.postOf.has(id)) return undefined;
    return (await this.read(id)) ?? undefined;
  }

  /** How many entries are indexed (for the app info and tests). */
  async size(): Promise<number> {
    await this.ready();
    return this.postOf.size;
  }

  private append(line: string): Promise<void> {
    return this.onIndex(async () => {
      const h = await fsp.open(this.indexFile, 'a');
      try {
        await h.write(line);
        await h.sync();
      } finally {
        await h.close();
      }
    });
  }

  /** Writes are serialised per entry so that the last one is the one that stays. */
  private queue(id: string, op: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(id) ?? Promise.resolve()).then(op);
    const settled = next.catch(() => undefined);
    this.writes.set(id, settled);
    void settled.then(() => {
      if (this.writes.get(id) === settled) this.writes.delete(id);
    });
    return next;
  }

  async put(doc: T): Promise<void> {
    await this.ready();
    const valid = this.validate(doc);
    if (!this.postOf.has(valid.id)) {
      await this.append(`+ ${valid.id} ${valid.postId}\n`);
      this.add(valid.id, valid.postId);
    }
    this.remember(valid);
    await this.queue(valid.id, () => writeFileDurable(this.fileOf(valid.id), JSON.stringify(valid)));
    this.store.dirty = true;
  }

  /** Removes every entry of a post (when the post is purged). */
  async deleteOfPost(postId: string): Promise<void> {
    await this.ready();
    for (const id of [...(this.byPost.get(postId) ?? [])]) {
      await this.queue(id, () => withRetry(() => fsp.rm(this.fileOf(id), { force: true })));
      this.forget(id);
      await this.append(`- ${id}\n`);
      this.deadLines += 2;
    }
    this.store.dirty = true;
  }
}

const instances = new WeakMap<Store, Map<string, HistoryIndex<{ id: string; postId: string }>>>();

/** The one index of a history folder for this store. */
export function historyIndex<T extends { id: string; postId: string }>(store: Store, name: string, validate: (d: unknown) => T): HistoryIndex<T> {
  let byName = instances.get(store);
  if (!byName) instances.set(store, (byName = new Map()));
  let idx = byName.get(name);
  if (!idx) byName.set(name, (idx = new HistoryIndex(store, name, validate) as unknown as HistoryIndex<{ id: string; postId: string }>));
  return idx as unknown as HistoryIndex<T>;
}
