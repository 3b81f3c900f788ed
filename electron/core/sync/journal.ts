import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { writeFileDurable } from '@core/store/durable-file';

/**
 * The bridge's journal (`<dataDir>/sync/journal.json`, written durably): for
 * every synced record, the local rev that the replica holds (`l`) and the
 * replica revision that local record corresponds to (`c`). It is written
 * only after the replica write (or the lowdb write) it describes, so after
 * a kill it can only lag behind: at start every record whose rev differs
 * from `l` is reconciled again, and reconciling is idempotent (a replica
 * version equal to the local record is adopted, not written twice).
 */
export interface JournalData {
  v: 1;
  /** This PC's id: the owner recorded in outbox jobs, the writer of replica versions. */
  pcId: string;
  docs: Record<string, { l: number; c: string | null }>;
  /** Replica change feeds processed up to (per hub database). */
  seq: Record<string, number | string>;
  /** Local changes written to the replica, not yet confirmed on the hub. */
  pending: string[];
  /** Posts resolved by a person: on the next write, these leaves are removed. */
  resolving: Record<string, string[]>;
  /** First sync of this PC from the hub finished. */
  firstSyncDone: boolean;
  /** When the hub last answered (ISO). */
  lastSyncAt: string | null;
  /** Per PC id: the newest write of that PC that reached this one (ISO), so a PC that is gone can be told. */
  seen: Record<string, string>;
  /** Outbox jobs this PC took over by a person's explicit action, with the PC it took them from: only these may move that PC's send claim on the hub. */
  takeovers: Record<string, string>;
}

export class SyncJournal {
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private closed = false;

  private constructor(
    readonly file: string,
    public data: JournalData,
  ) {}

  static async open(dir: string): Promise<SyncJournal> {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, 'journal.json');
    let data: JournalData | null = null;
    try {
      const parsed = JSON.parse(await fsp.readFile(file, 'utf8')) as JournalData;
      if (parsed && parsed.v === 1 && typeof parsed.pcId === 'string' && parsed.docs && typeof parsed.docs === 'object') data = parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        // An unreadable journal costs one full reconcile, never data: lowdb is the truth, the replica is derived.
        await fsp.rename(file, `${file}.damaged-${Date.now()}`).catch(() => undefined);
      }
    }
    const j = new SyncJournal(
      file,
      data ?? { v: 1, pcId: randomUUID(), docs: {}, seq: {}, pending: [], resolving: {}, firstSyncDone: false, lastSyncAt: null, seen: {}, takeovers: {} },
    );
    j.data.pending ??= [];
    j.data.resolving ??= {};
    j.data.seq ??= {};
    j.data.seen ??= {};
    j.data.takeovers ??= {};
    if (!data) await j.flush(true);
    return j;
  }

  /** Ask for a write soon (coalesced). */
  touch(delayMs = 500): void {
    this.dirty = true;
    // After close (the engine stopped, its folder may be gone): a late event of a stopped replication writes nothing;
    // the journal can only lag, which the next start reconciles.
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed write stays dirty and is written with the next one (or at close).
      this.flush().catch(() => undefined);
    }, delayMs);
  }

  /** The last write, then no more. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  /** Write now (after whatever write is under way). */
  flush(force = false): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if ((!this.dirty && !force) || this.closed) return this.writing;
    this.dirty = false;
    const snapshot = JSON.stringify(this.data);
    this.writing = this.writing.then(() => writeFileDurable(this.file, snapshot)).catch((err) => {
      this.dirty = true;
      throw err;
    });
    return this.writing;
  }
}
