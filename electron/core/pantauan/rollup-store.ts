import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { contentOf, idRange, parseRollupDoc, type DayDoc, type MonthDoc, type OpdDoc, type PublicationDoc, type RollupDoc } from '@shared/pantauan/docs';
import { writeFileDurable } from '@core/store/durable-file';
import { loadPouch, type PouchDoc, type RollupPouch } from './pouch';

/** The OPD an id belongs to (same rule as the hub's validation function). */
export function ownerOfId(id: string): string | null {
  const parts = id.split(':');
  if (parts[0] === 'opd') return parts.length === 2 ? parts[1] : null;
  if (parts[0] === 'day' || parts[0] === 'month') return parts.length === 3 ? parts[2] : null;
  if (parts[0] === 'pub') return parts.length === 4 ? parts[2] : null;
  return null;
}

const same = (a: RollupDoc, b: RollupDoc) => JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));

/** Where the owner index is kept between runs (beside the replica, outside store/: never synced or backed up). */
export const INDEX_FILE = 'rollup-index.json';
const INDEX_VERSION = 1;

type Seq = number | string;

/** Sequences compare as numbers (PouchDB) or by their numeric prefix (CouchDB's "123-g1AAA…"). */
function seqNumber(seq: Seq): number {
  return typeof seq === 'number' ? seq : Number.parseInt(seq, 10);
}

export interface ReplaceResult {
  written: number;
  deleted: number;
  unchanged: number;
}

/**
 * The local rollup database (<dataDir>/rollup/, PouchDB on leveldb): this
 * OPD's own summaries, pushed to the hub; on Diskominfo's PC also every
 * OPD's summaries pulled from the hub or imported from files. Every document
 * read back is checked against the allow-listed schemas; anything else in
 * the database (a damaged or foreign write) is skipped, never shown.
 */
export class RollupStore {
  private constructor(
    readonly db: RollupPouch,
    private readonly indexPath: string | null = null,
  ) {}

  /**
   * Which documents each OPD has (opd → id → current rev), kept current by
   * following the replica's changes feed from `since`. Without it every
   * rebuild listed the whole replica's ids to find its own (0.5–1 s on
   * Diskominfo's PC at 40 OPDs × 1 year). Rebuilt whole (changes from 0)
   * only when no sequence is known: first run, a missing or damaged index
   * file, or a replica younger than the stored sequence.
   */
  private owners: Map<string, Map<string, string>> | null = null;
  /** The last sequence the index reflects; null = unknown (the next catch-up reads the feed from the start). */
  private since: Seq | null = null;
  private indexDirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  /** Index catch-up and replaceOpd run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** How the index was last brought up to date (tests and the bench read it). */
  readonly indexStats = { fullRebuilds: 0, catchUps: 0, lastChanges: 0 };

  /** Reads kept until the replica changes (its update_seq moves): keyed by what was read. */
  private memo = new Map<string, { seq: string; value: Promise<unknown> }>();

  /**
   * `read()` once per replica state: a second call with the same key while
   * nothing was written (locally, by replication or by an import) gets the
   * same result. Callers must not change what they get.
   */
  async cached<T>(key: string, read: () => Promise<T>): Promise<T> {
    const seq = String((await this.db.info()).update_seq);
    const hit = this.memo.get(key);
    if (hit && hit.seq === seq) return hit.value as Promise<T>;
    const value = read();
    this.memo.delete(key);
    this.memo.set(key, { seq, value });
    value.catch(() => this.memo.get(key)?.value === value && this.memo.delete(key));
    while (this.memo.size > 16) this.memo.delete(this.memo.keys().next().value as string);
    return value;
  }

  static async open(dataDir: string): Promise<RollupStore> {
    const dir = path.join(dataDir, 'rollup');
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const PouchDB = await loadPouch();
    return new RollupStore(new PouchDB(dir), path.join(dataDir, INDEX_FILE));
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.saveIndex().catch(() => undefined);
    await this.db.close();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadIndex(): Promise<void> {
    this.owners = new Map();
    this.since = null;
    if (!this.indexPath) return;
    let raw: unknown;
    try {
      raw = JSON.parse(await fsp.readFile(this.indexPath, 'utf8'));
    } catch {
      return; // none yet, or damaged: rebuilt whole from the changes feed
    }
    const f = raw as { version?: unknown; since?: unknown; owners?: unknown };
    if (f.version !== INDEX_VERSION || (typeof f.since !== 'number' && typeof f.since !== 'string') || !f.owners || typeof f.owners !== 'object') return;
    const current = seqNumber((await this.db.info()).update_seq);
    if (!(seqNumber(f.since) <= current)) return; // the replica was replaced: the stored sequence means nothing here
    const owners = new Map<string, Map<string, string>>();
    for (const [opd, ids] of Object.entries(f.owners as Record<string, unknown>)) {
      if (!ids || typeof ids !== 'object') return;
      const m = new Map<string, string>();
      for (const [id, rev] of Object.entries(ids as Record<string, unknown>)) {
        if (typeof rev !== 'string' || ownerOfId(id) !== opd) return;
        m.set(id, rev);
      }
      owners.set(opd, m);
    }
    this.owners = owners;
    this.since = f.since;
  }

  private async saveIndex(): Promise<void> {
    if (!this.indexPath || !this.owners || this.since === null || !this.indexDirty) return;
    this.indexDirty = false;
    const owners: Record<string, Record<string, string>> = {};
    for (const [opd, ids] of this.owners) owners[opd] = Object.fromEntries(ids);
    await writeFileDurable(this.indexPath, JSON.stringify({ version: INDEX_VERSION, since: this.since, owners }));
  }

  /**
   * The index file is written a little later, and at close: an older file
   * only means a longer catch-up at the next start (the feed is replayed from
   * its sequence), never a wrong index; writing it on every rebuild cost more
   * than the catch-up it saves.
   */
  private scheduleSave(ms = 10_000): void {
    if (!this.indexPath || this.saveTimer || !this.indexDirty) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.serial(() => this.saveIndex()).catch(() => undefined);
    }, ms);
    this.saveTimer.unref?.();
  }

  private note(id: string, rev: string | null): void {
    const opd = ownerOfId(id);
    if (!opd || !this.owners) return;
    let m = this.owners.get(opd);
    if (rev === null) {
      if (m?.delete(id)) this.indexDirty = true;
      return;
    }
    if (!m) this.owners.set(opd, (m = new Map()));
    if (m.get(id) !== rev) {
      m.set(id, rev);
      this.indexDirty = true;
    }
  }

  /** The owner index brought up to the replica's current state (changes since the last known sequence). */
  private async catchUp(): Promise<Map<string, Map<string, string>>> {
    if (!this.owners) await this.loadIndex();
    const from = this.since;
    if (from === null) this.indexStats.fullRebuilds++;
    else this.indexStats.catchUps++;
    const res = await this.db.changes({ since: from ?? 0 });
    for (const c of res.results) this.note(c.id, c.deleted ? null : (c.changes[0]?.rev ?? null));
    this.indexStats.lastChanges = res.results.length;
    if (from === null || String(res.last_seq) !== String(from)) {
      this.since = res.last_seq;
      this.indexDirty = true;
    }
    return this.owners as Map<string, Map<string, string>>;
  }

  /** Ids (and revs) of one OPD's documents. */
  private async idsOf(opd: string): Promise<Map<string, string>> {
    const owners = await this.catchUp();
    return new Map(owners.get(opd) ?? []);
  }

  /**
   * Makes the database hold exactly `docs` for this OPD: new and changed
   * documents written, identical ones left alone (idempotent: a rebuild that
   * changes nothing writes nothing), documents of the OPD not in `docs`
   * deleted (a publication taken back).
   */
  replaceOpd(opd: string, docs: readonly RollupDoc[]): Promise<ReplaceResult> {
    return this.serial(() => this.replaceNow(opd, docs));
  }

  private async replaceNow(opd: string, docs: readonly RollupDoc[]): Promise<ReplaceResult> {
    const existing = await this.idsOf(opd);
    const current = new Map<string, RollupDoc>();
    if (existing.size) {
      const res = await this.db.allDocs({ keys: [...existing.keys()], include_docs: true });
      for (const r of res.rows) {
        if (!r.doc) continue;
        const p = parseRollupDoc(r.doc);
        if (p.ok) current.set(r.id, p.doc);
      }
    }
    const writes: PouchDoc[] = [];
    let unchanged = 0;
    const wanted = new Set<string>();
    for (const d of docs) {
      if (ownerOfId(d._id) !== opd) continue;
      wanted.add(d._id);
      const cur = current.get(d._id);
      if (cur && same(cur, d)) {
        unchanged++;
        continue;
      }
      const rev = existing.get(d._id);
      writes.push({ ...(contentOf(d) as unknown as PouchDoc), ...(rev ? { _rev: rev } : {}) });
    }
    let deleted = 0;
    for (const [id, rev] of existing) {
      if (wanted.has(id)) continue;
      writes.push({ _id: id, _rev: rev, _deleted: true });
      deleted++;
    }
    for (let i = 0; i < writes.length; i += 2000) {
      const batch = writes.slice(i, i + 2000);
      const res = await this.db.bulkDocs(batch);
      res.forEach((r, k) => {
        if ('rev' in r && r.ok) this.note(r.id, batch[k]._deleted ? null : r.rev);
      });
      const failed = res.find((r) => 'error' in r);
      if (failed) throw new Error(`rollup write failed for ${failed.id}: ${'error' in failed ? failed.error : ''}`);
    }
    this.scheduleSave();
    return { written: writes.length - deleted, deleted, unchanged };
  }

  private async range<T extends RollupDoc>(startkey: string, endkey: string, type: T['type']): Promise<T[]> {
    const res = await this.db.allDocs({ startkey, endkey, include_docs: true });
    const out: T[] = [];
    for (const r of res.rows) {
      if (!r.doc) continue;
      const p = parseRollupDoc(r.doc);
      if (p.ok && p.doc.type === type) out.push(p.doc as T);
    }
    return out;
  }

  profiles(): Promise<OpdDoc[]> {
    return this.range<OpdDoc>('opd:', 'opd:\uffff', 'opd');
  }

  days(from: string, to: string): Promise<DayDoc[]> {
    const r = idRange('day', from, to);
    return this.range<DayDoc>(r.startkey, r.endkey, 'day');
  }

  months(from: string, to: string): Promise<MonthDoc[]> {
    const r = idRange('month', from, to);
    return this.range<MonthDoc>(r.startkey, r.endkey, 'month');
  }

  publications(from: string, to: string): Promise<PublicationDoc[]> {
    const r = idRange('pub', from, to);
    return this.range<PublicationDoc>(r.startkey, r.endkey, 'publication');
  }

  /** Every valid document of one OPD (for the file export). */
  async allOf(opd: string): Promise<RollupDoc[]> {
    const ids = await this.serial(() => this.idsOf(opd));
    if (!ids.size) return [];
    const res = await this.db.allDocs({ keys: [...ids.keys()], include_docs: true });
    const out: RollupDoc[] = [];
    for (const r of res.rows) {
      if (!r.doc) continue;
      const p = parseRollupDoc(r.doc);
      if (p.ok) out.push(contentOf(p.doc));
    }
    return out;
  }

  /** Every document as stored, checked or not (tests search it for personal data). */
  async rawAll(): Promise<PouchDoc[]> {
    const res = await this.db.allDocs({ include_docs: true });
    return res.rows.map((r) => r.doc).filter((d): d is PouchDoc => !!d);
  }
}
