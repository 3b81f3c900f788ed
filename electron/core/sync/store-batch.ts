/**
 * Groups the records the sync engine brings into the store into one commit
 * per collection (Collection.putMany): a first sync writes thousands of
 * records, and each durable write of its own costs a folder fsync. A record
 * waits until every reconcile under way has either reached the store or
 * finished, or at most `maxWaitMs`; the promise of each record resolves only
 * when its batch is durable, so nothing is acknowledged (journal, change
 * event) before it is on disk.
 */
export class StoreBatch<K extends string, R> {
  private pending = new Map<K, { recs: R[]; waiters: { resolve: () => void; reject: (err: unknown) => void }[] }>();
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Commits the records; resolves to an error for each record left out (null for those written). */
    private readonly commit: (name: K, recs: R[]) => Promise<(Error | null)[]>,
    /** How many writers may still join (the reconciles under way); the batch goes as soon as all of them are waiting. */
    private readonly writers: () => number,
    private readonly maxWaitMs = 5,
    private readonly maxSize = 100,
  ) {}

  put(name: K, rec: R): Promise<void> {
    return new Promise((resolve, reject) => {
      const p = this.pending.get(name) ?? { recs: [], waiters: [] };
      this.pending.set(name, p);
      p.recs.push(rec);
      p.waiters.push({ resolve, reject });
      this.size++;
      this.check();
    });
  }

  /** A writer finished without a record for the store: the others may not need to wait for it. */
  check(): void {
    if (!this.size) return;
    if (this.size >= this.maxSize || this.size >= this.writers()) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending];
    this.pending.clear();
    this.size = 0;
    for (const [name, { recs, waiters }] of batches) {
      this.commit(name, recs).then(
        (errors) => waiters.forEach((w, i) => (errors[i] ? w.reject(errors[i]) : w.resolve())),
        (err) => waiters.forEach((w) => w.reject(err)),
      );
    }
  }
}
