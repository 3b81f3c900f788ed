import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { contentOf, idRange, parseRollupDoc, type DayDoc, type MonthDoc, type OpdDoc, type PublicationDoc, type RollupDoc } from '@shared/pantauan/docs';
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
  private constructor(readonly db: RollupPouch) {}

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
    return new RollupStore(new PouchDB(dir));
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /** Ids (and revs) of one OPD's documents. */
  private async idsOf(opd: string): Promise<Map<string, string>> {
    const res = await this.db.allDocs({});
    const out = new Map<string, string>();
    for (const r of res.rows) if (ownerOfId(r.id) === opd) out.set(r.id, r.value.rev);
    return out;
  }

  /**
   * Makes the database hold exactly `docs` for this OPD: new and changed
   * documents written, identical ones left alone (idempotent: a rebuild that
   * changes nothing writes nothing), documents of the OPD not in `docs`
   * deleted (a publication taken back).
   */
  async replaceOpd(opd: string, docs: readonly RollupDoc[]): Promise<ReplaceResult> {
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
      const res = await this.db.bulkDocs(writes.slice(i, i + 2000));
      const failed = res.find((r) => 'error' in r);
      if (failed) throw new Error(`rollup write failed for ${failed.id}: ${'error' in failed ? failed.error : ''}`);
    }
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
    const ids = await this.idsOf(opd);
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
