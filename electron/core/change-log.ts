import { randomUUID } from 'node:crypto';
import type { ChangeCollection, ChangesResult } from '@shared/api/contracts/core';
import type { HandlerContext } from './deps';
import type { Service } from './services';

/** How many recent changes a late reader can still catch up from before it must reload everything. */
const KEPT = 1000;
/** Changes reported in one answer at most (more: the reader reloads everything). */
const PER_ANSWER = 200;

interface Waiter {
  since: number;
  resolve: (r: ChangesResult) => void;
  timer: NodeJS.Timeout;
}

/**
 * The store's change events, numbered, for the UI (issue 11): the renderer
 * asks `app.changes` since the last number it saw and refreshes what it shows
 * of those collections. The call waits (long poll) until something changes
 * or the wait ends, so it works the same over IPC and over the HTTP host.
 * An epoch per start tells a reader that the numbering began again.
 */
export class ChangeLog implements Service {
  readonly name = 'change-log';
  readonly epoch = randomUUID();
  private seq = 0;
  private recent: { seq: number; collection: ChangeCollection; id: string }[] = [];
  private waiters = new Set<Waiter>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: HandlerContext) {}

  start(): void {
    this.unsubscribe = this.ctx.store.changes.subscribe((e) => {
      this.seq += 1;
      this.recent.push({ seq: this.seq, collection: e.collection, id: e.id });
      if (this.recent.length > KEPT) this.recent.splice(0, this.recent.length - KEPT);
      for (const w of [...this.waiters]) this.answer(w);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const w of [...this.waiters]) this.answer(w, true);
  }

  /** Changes after `since` (of this epoch); waits up to waitMs for the first one. */
  since(epoch: string | undefined, since: number, waitMs: number): Promise<ChangesResult> {
    if (epoch !== this.epoch || since > this.seq) return Promise.resolve(this.result(0, true));
    if (since < this.seq || waitMs <= 0) return Promise.resolve(this.result(since));
    return new Promise((resolve) => {
      const w: Waiter = { since, resolve, timer: setTimeout(() => this.answer(w, true), waitMs) };
      this.waiters.add(w);
    });
  }

  private answer(w: Waiter, force = false): void {
    if (!force && this.seq <= w.since) return;
    clearTimeout(w.timer);
    this.waiters.delete(w);
    w.resolve(this.result(w.since));
  }

  private result(since: number, reset = false): ChangesResult {
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    const pending = this.recent.filter((c) => c.seq > since);
    if (!reset && (since + 1 < oldest && since < this.seq)) reset = true;
    if (!reset && pending.length > PER_ANSWER) reset = true;
    return {
      epoch: this.epoch,
      seq: this.seq,
      reset,
      changes: reset ? [] : pending.map(({ collection, id }) => ({ collection, id })),
    };
  }
}

export function changeLogService(ctx: HandlerContext): Service {
  const log = new ChangeLog(ctx);
  ctx.services.changeLog = log;
  return log;
}
