import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { removeStaleTemps, withRetry, writeFileDurable } from './durable-file';
import { namesIn } from './slices';
import { DamagedFileError, parseJsonDocument } from './json-adapter';
import type { Store } from './store';

const HEADER = 'redaksi-history-index 1';
/** The index of a store written before the index was split by post (read once, then replaced). */
export const HISTORY_INDEX_FILE = 'index.log';
/** Folder of the per-post index: one file per bucket of posts. */
export const HISTORY_INDEX_DIR = 'index';
/** Written last when the split index is complete: without it the index is built again. */
const LAYOUT_FILE = 'layout';
const BUCKETS = 256;
const LAYOUT = `redaksi-history-buckets 1 ${BUCKETS}\n`;
/** Buckets kept parsed in memory (each holds about 1/256 of the history). */
const BUCKET_CACHE = 32;
const CACHE_LIMIT = 2_000;
const BUILD_PARALLEL = 16;
/** The check of the folder against the index waits this long after loading. */
const RECONCILE_DELAY_MS = 2_000;
/** Index lines parsed, or files compared, per turn of the event loop. */
const LOAD_SLICE = 5_000;
const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));
/**
 * The background check pauses this long between its small steps: yielding
 * with setImmediate alone would put a step between every file operation of a
 * save (a save awaits a dozen), slowing each save by tens of milliseconds.
 */
const RECONCILE_PAUSE_MS = 10;
const pause = () => new Promise<void>((r) => setTimeout(r, RECONCILE_PAUSE_MS));

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The bucket of a post: FNV-1a of its id, so every post's lines are in one small file. */
export function bucketOf(postId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < postId.length; i++) {
    h ^= postId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

export function bucketFile(name: number): string {
  return `${name.toString(16).padStart(2, '0')}.log`;
}

/** The parsed lines of one bucket file. */
class Bucket {
  readonly byPost = new Map<string, string[]>();
  readonly postOf = new Map<string, string>();
  dead = 0;
  /** The file's last line was torn (a kill during an append): rewritten before anything is appended. */
  torn = false;
  /** The file was there but not an index (damaged): its posts are found by reading the folder. */
  damaged = false;

  add(id: string, postId: string): void {
    if (this.postOf.has(id)) return;
    this.postOf.set(id, postId);
    const list = this.byPost.get(postId);
    if (list) list.push(id);
    else this.byPost.set(postId, [id]);
  }

  forget(id: string): void {
    const postId = this.postOf.get(id);
    if (postId === undefined) return;
    this.postOf.delete(id);
    const list = this.byPost.get(postId)!.filter((x) => x !== id);
    if (list.length) this.byPost.set(postId, list);
    else this.byPost.delete(postId);
  }

  text(): string {
    let out = HEADER + '\n';
    for (const [id, postId] of this.postOf) out += `+ ${id} ${postId}\n`;
    return out;
  }
}

/** Parses index lines (`+ <id> <postId>`, `- <id>`); only complete lines count. */
async function parseLines(text: string, into: (op: '+' | '-', id: string, postId: string) => void): Promise<void> {
  const last = text.lastIndexOf('\n');
  let at = HEADER.length + 1;
  let sinceYield = 0;
  while (at < last) {
    const end = text.indexOf('\n', at);
    if (text.startsWith('+ ', at)) {
      const space = text.indexOf(' ', at + 2);
      if (space > at + 2 && space < end - 1) into('+', text.slice(at + 2, space), text.slice(space + 1, end));
    } else if (text.startsWith('- ', at)) {
      into('-', text.slice(at + 2, end), '');
    }
    at = end + 1;
    if (++sinceYield === LOAD_SLICE) {
      sinceYield = 0;
      await yieldToRequests();
    }
  }
}

function parseBucket(text: string | null): Promise<Bucket> | Bucket {
  const b = new Bucket();
  if (text === null) return b;
  if (!text.startsWith(HEADER + '\n')) {
    b.damaged = true;
    return b;
  }
  b.torn = !text.endsWith('\n');
  return parseLines(text, (op, id, postId) => {
    if (op === '+') b.add(id, postId);
    else {
      b.forget(id);
      b.dead += 2;
    }
  }).then(() => b);
}

/**
 * History documents (one JSON file per entry, each with a `postId`) read per
 * post. The index that maps entries to posts is split into 256 bucket files
 * by post id (`<folder>/index/<xx>.log`, append-only lines), so saving or
 * opening one post reads one small bucket file and that post's few entry
 * files, never the whole history (200k lines at 100k posts).
 *
 * The index line is appended (and fsynced) before the entry's file is
 * written, so the index always lists at least what is on disk: an entry
 * listed without a file (a crash in between) is simply skipped. A torn last
 * line (SIGKILL during an append) is ignored and rewritten away. A store
 * without the split index (written by an older Redaksi, or restored from an
 * older backup) is indexed once, from its old single index file or by
 * reading its files; the split is complete only once its layout file is
 * written, so a kill during it redoes it at the next start. Files the index
 * does not list (and entries whose file is gone) are found after start, off
 * the request path, bucket by bucket.
 */
export class HistoryIndex<T extends { id: string; postId: string }> {
  /** Parsed buckets (at most BUCKET_CACHE, least recently used first). */
  private buckets = new Map<number, Promise<Bucket>>();
  /** Appends and rewrites of each bucket file, one at a time (a rewrite must not drop a line appended meanwhile). */
  private bucketOps = new Map<number, Promise<unknown>>();
  private cache = new Map<string, T>();
  private writes = new Map<string, Promise<void>>();
  private readyPromise: Promise<void> | null = null;
  private generation = -1;
  /** Set while a damaged bucket waits for the folder to be read again. */
  private repairing: Promise<void> | null = null;
  /** Entries listed or written since the running check started: their files may be newer than its listing of the folder. */
  private listedSinceCheck: Set<string> | null = null;
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

  private get indexDir(): string {
    return path.join(this.dir, HISTORY_INDEX_DIR);
  }

  private bucketPath(b: number): string {
    return path.join(this.indexDir, bucketFile(b));
  }

  /** Checks the index layout (once per store load; a restore reloads the store and with it the index). Reads no bucket. */
  ready(): Promise<void> {
    if (!this.readyPromise || this.generation !== this.store.loadCount) {
      this.generation = this.store.loadCount;
      this.buckets = new Map();
      this.cache = new Map();
      this.repairing = null;
      this.readyPromise = this.load();
    }
    return this.readyPromise;
  }

  private async load(): Promise<void> {
    await fsp.mkdir(this.indexDir, { recursive: true });
    let layout: string | null = null;
    try {
      layout = await fsp.readFile(path.join(this.indexDir, LAYOUT_FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (layout !== LAYOUT) await this.split();
    // Off the first seconds after start, when the first list and the first save come.
    const generation = this.generation;
    this.reconciled = new Promise<void>((r) => setTimeout(r, RECONCILE_DELAY_MS).unref())
      .then(() => (generation === this.generation ? this.reconcile(generation) : undefined))
      .catch((err) => console.error('history index check failed:', err));
  }

  /** Builds the split index from the old single index file, or from the files, then marks it complete. */
  private async split(): Promise<void> {
    const all = Array.from({ length: BUCKETS }, () => new Bucket());
    let legacy: string | null = null;
    try {
      legacy = await fsp.readFile(path.join(this.dir, HISTORY_INDEX_FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (legacy !== null && legacy.startsWith(HEADER + '\n')) {
      const owner = new Map<string, number>();
      await parseLines(legacy, (op, id, postId) => {
        if (op === '+') {
          const b = bucketOf(postId);
          owner.set(id, b);
          all[b].add(id, postId);
        } else {
          const b = owner.get(id);
          if (b !== undefined) all[b].forget(id);
        }
      });
    } else {
      await removeStaleTemps(this.dir);
      const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      await inParallel(names, BUILD_PARALLEL, async (n) => {
        const doc = await this.readFile(n.slice(0, -5));
        if (doc) all[bucketOf(doc.postId)].add(doc.id, doc.postId);
      });
    }
    await removeStaleTemps(this.indexDir);
    // Bucket files of an earlier, unfinished split go; an empty bucket needs no file.
    for (const n of await fsp.readdir(this.indexDir)) if (n.endsWith('.log')) await fsp.rm(path.join(this.indexDir, n), { force: true });
    await inParallel(
      all.map((b, i) => [b, i] as const).filter(([b]) => b.postOf.size > 0),
      BUILD_PARALLEL,
      ([b, i]) => this.onBucket(i, () => writeFileDurable(this.bucketPath(i), b.text())),
    );
    await writeFileDurable(path.join(this.indexDir, LAYOUT_FILE), LAYOUT);
    await fsp.rm(path.join(this.dir, HISTORY_INDEX_FILE), { force: true });
  }

  private onBucket<R>(b: number, op: () => Promise<R>): Promise<R> {
    const next = (this.bucketOps.get(b) ?? Promise.resolve()).then(op);
    const settled = next.catch(() => undefined);
    this.bucketOps.set(b, settled);
    void settled.then(() => {
      if (this.bucketOps.get(b) === settled) this.bucketOps.delete(b);
    });
    return next;
  }

  private async readBucketText(b: number): Promise<string | null> {
    try {
      return await fsp.readFile(this.bucketPath(b), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** The parsed bucket, read after the writes queued on it; a torn line is rewritten away first. */
  private bucket(b: number): Promise<Bucket> {
    let p = this.buckets.get(b);
    if (p) {
      // Most recently used last.
      this.buckets.delete(b);
      this.buckets.set(b, p);
      return p;
    }
    p = this.onBucket(b, async () => {
      const bucket = await parseBucket(await this.readBucketText(b));
      if (bucket.torn) {
        await writeFileDurable(this.bucketPath(b), bucket.text());
        bucket.torn = false;
        bucket.dead = 0;
      }
      return bucket;
    });
    this.buckets.set(b, p);
    p.catch(() => {
      if (this.buckets.get(b) === p) this.buckets.delete(b);
    });
    while (this.buckets.size > BUCKET_CACHE) this.buckets.delete(this.buckets.keys().next().value!);
    return p;
  }

  /**
   * Files the index does not list are added; entries without a file are
   * dropped; buckets with many dead lines are compacted. Bucket by bucket,
   * each under its own write queue; buckets not in memory are parsed and let go.
   */
  private async reconcile(generation: number): Promise<void> {
    // Entries being written now may have their file renamed in after the folder is listed below.
    const recent = new Set<string>(this.writes.keys());
    this.listedSinceCheck = recent;
    try {
      await this.check(generation, recent);
    } finally {
      if (this.listedSinceCheck === recent) this.listedSinceCheck = null;
    }
  }

  private async check(generation: number, recent: Set<string>): Promise<void> {
    let names: string[];
    try {
      names = await namesIn(this.dir);
    } catch (err) {
      // The data folder was removed while open: nothing to check.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const unlisted = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      const n = names[i];
      if (n.endsWith('.json') && !n.startsWith('.')) unlisted.add(n.slice(0, -5));
      if (i % LOAD_SLICE === LOAD_SLICE - 1) await pause();
    }
    for (let b = 0; b < BUCKETS; b++) {
      if (generation !== this.generation) return;
      await this.onBucket(b, async () => {
        // Parsed from the file, which holds every line appended so far (appends are queued like this check).
        const bucket = await parseBucket(await this.readBucketText(b));
        let gone = 0;
        for (const id of [...bucket.postOf.keys()]) {
          if (unlisted.delete(id)) continue;
          // Listed, but its file was never written (a kill between the two) or was removed; not one listed after the folder was read.
          if (!this.writes.has(id) && !recent.has(id)) {
            bucket.forget(id);
            this.cache.delete(id);
            gone++;
          }
        }
        if (gone || bucket.torn || bucket.damaged || bucket.dead > Math.max(64, bucket.postOf.size)) {
          await writeFileDurable(this.bucketPath(b), bucket.text());
          // The copy in memory is read again from the rewritten file on next use.
          this.buckets.delete(b);
        }
      });
      await pause();
    }
    // Entries written since the folder was listed are in the index already; the rest are files it never listed.
    const found: T[] = [];
    await inParallel([...unlisted], BUILD_PARALLEL, async (id) => {
      const doc = this.writes.has(id) ? null : await this.readFile(id);
      if (doc) found.push(doc);
    });
    for (const doc of found) await this.list(doc.id, doc.postId);
  }

  /** Reads the folder again for a bucket found damaged (its posts' entries are found there), once. */
  private repair(): Promise<void> {
    this.repairing ??= this.reconcile(this.generation);
    return this.repairing;
  }

  /** Appends a `+` line for the entry (fsynced) unless its bucket lists it already. */
  private async list(id: string, postId: string): Promise<void> {
    const b = bucketOf(postId);
    const bucket = await this.bucket(b);
    if (bucket.postOf.has(id)) return;
    await this.onBucket(b, async () => {
      if (bucket.torn) {
        await writeFileDurable(this.bucketPath(b), bucket.text());
        bucket.torn = false;
      }
      this.listedSinceCheck?.add(id);
      await this.appendLine(b, `+ ${id} ${postId}\n`);
      bucket.add(id, postId);
    });
  }

  private async appendLine(b: number, line: string): Promise<void> {
    const h = await fsp.open(this.bucketPath(b), 'a');
    try {
      // A bucket file created by this append gets its header first.
      const { size } = await h.stat();
      await h.write(size === 0 ? `${HEADER}\n${line}` : line);
      await h.sync();
    } finally {
      await h.close();
    }
  }

  private fileOf(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`bad document id in ${this.name}: ${id}`);
    return path.join(this.dir, `${id}.json`);
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

  /** The entries of one post, in the order they were added. Reads that post's bucket and files only. */
  async ofPost(postId: string): Promise<T[]> {
    await this.ready();
    let bucket = await this.bucket(bucketOf(postId));
    if (bucket.damaged) {
      await this.repair();
      bucket = await this.bucket(bucketOf(postId));
    }
    const ids = bucket.byPost.get(postId) ?? [];
    const docs: (T | null)[] = await Promise.all(ids.map((id) => this.read(id)));
    return docs.filter((d): d is T => d !== null && d.postId === postId);
  }

  /** One entry by its id (its file is the truth: no index needed). */
  async get(id: string): Promise<T | undefined> {
    await this.ready();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
    return (await this.read(id)) ?? undefined;
  }

  /** How many entries are indexed (for the app info and tests; reads every bucket). */
  async size(): Promise<number> {
    await this.ready();
    let n = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const cached = this.buckets.get(b);
      n += (cached ? await cached : await this.onBucket(b, async () => parseBucket(await this.readBucketText(b)))).postOf.size;
    }
    return n;
  }

  /** Writes are serialised per entry so that the last one is the one that stays. */
  private queue(id: string, op: () => Promise<void>): Promise<void> {
    this.listedSinceCheck?.add(id);
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
    await this.list(valid.id, valid.postId);
    this.remember(valid);
    await this.queue(valid.id, () => writeFileDurable(this.fileOf(valid.id), JSON.stringify(valid)));
    this.store.dirty = true;
  }

  /** Removes every entry of a post (when the post is purged). */
  async deleteOfPost(postId: string): Promise<void> {
    await this.ready();
    const b = bucketOf(postId);
    const bucket = await this.bucket(b);
    for (const id of [...(bucket.byPost.get(postId) ?? [])]) {
      await this.queue(id, () => withRetry(() => fsp.rm(this.fileOf(id), { force: true })));
      this.cache.delete(id);
      await this.onBucket(b, async () => {
        await this.appendLine(b, `- ${id}\n`);
        bucket.forget(id);
        bucket.dead += 2;
      });
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
