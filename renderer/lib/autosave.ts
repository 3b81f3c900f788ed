/**
 * The autosave engine shared by posts, cards and photos (no React, no API
 * client: the caller passes how to send and fetch, so the rules are unit
 * tested on their own).
 *
 * - Edits are saved a short pause after the last one; saves run one after
 *   another and each starts from the rev the previous save returned, so the
 *   person's own earlier save never looks like a conflict.
 * - An edit made while a save is in flight is kept and saved next.
 * - A save still running when the view closes is remembered by record key:
 *   the next view of the same record starts from its result.
 * - A real conflict (the record changed in another window or on another PC)
 *   stops saving and keeps what the person typed until they choose a version.
 */

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

export interface AutosaveSnapshot<Doc, Draft> {
  /** The stored copy the draft is based on. */
  doc: Doc;
  /** What the person sees and edits. */
  draft: Draft;
  status: SaveStatus;
  /** When the last save of this view went through (ms since epoch), or null. */
  savedAt: number | null;
  /** In a conflict: the stored copy that differs from ours. */
  theirs: Doc | null;
  /** Why the last save failed (status 'error'), for a precise message. */
  error: unknown;
}

export interface AutosaveSpec<Doc, Draft extends object, Patch extends object = Partial<Draft>> {
  /** Record identity across views (e.g. "media:abc"). */
  key: string;
  rev(doc: Doc): number;
  draftOf(doc: Doc): Draft;
  /** The API patch for `fields` (the changed part of a draft); default: the fields as they are. */
  toPatch?(fields: Partial<Draft>): Patch;
  /**
   * Stores the patch. Send it so that it outlives the page (`{ keepalive: true }`
   * over HTTP): a save already in flight when the tab closes is one the
   * closing flush waits behind, so it must land even if the page is gone.
   */
  send(patch: Patch, baseRev: number, closing: boolean): Promise<Doc>;
  /** The stored copy now (to tell our own landed save from another's edit). */
  fetch(): Promise<Doc>;
  isConflict(e: unknown): boolean;
  /** Every copy this view saved or adopted after a save, e.g. to refresh a list. */
  onSaved?(doc: Doc): void;
  debounceMs?: number;
  retryMs?: number;
  now?(): number;
}

export const DEBOUNCE_MS = 600;
export const RETRY_MS = 3000;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` that differ from `base`. */
export function changedFields<D extends object>(next: D, base: D): Partial<D> {
  const out: Partial<D> = {};
  for (const k of Object.keys(next) as (keyof D)[]) if (!same(next[k], base[k])) out[k] = next[k];
  return out;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

/** Saves of a record still running after its view closed, by key. */
const pending = new Map<string, Promise<unknown>>();

type Listener = () => void;

export class Autosaver<Doc, Draft extends object, Patch extends object = Partial<Draft>> {
  spec: AutosaveSpec<Doc, Draft, Patch>;
  private snap: AutosaveSnapshot<Doc, Draft>;
  /** The draft as last stored (what the server holds for our fields). */
  private saved: Draft;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private live = true;
  private listeners = new Set<Listener>();

  constructor(doc: Doc, spec: AutosaveSpec<Doc, Draft, Patch>) {
    this.spec = spec;
    this.saved = spec.draftOf(doc);
    this.snap = { doc, draft: this.saved, status: 'saved', savedAt: null, theirs: null, error: null };
  }

  get snapshot(): AutosaveSnapshot<Doc, Draft> {
    return this.snap;
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): AutosaveSnapshot<Doc, Draft> => this.snap;

  /** The view is shown (again): retries may be scheduled. */
  start(): void {
    this.live = true;
    // A save made when this record was last left (that view closed just now or earlier): start from its result.
    const running = pending.get(this.spec.key);
    if (!running) return;
    this.set({ status: 'saving' });
    this.chain = this.chain.then(() => running).then((d) => {
      if (d) this.adoptNow(d as Doc);
      this.set({ status: this.hasChanges() ? 'dirty' : 'saved' });
    });
  }

  /** The view is gone: no retries; a save already running still finishes. */
  stop(): void {
    this.live = false;
    this.clearTimer();
  }

  /** The person changed fields; saved after the pause (or `delay` ms). */
  edit(change: Partial<Draft> | ((d: Draft) => Partial<Draft>), delay = this.spec.debounceMs ?? DEBOUNCE_MS): void {
    const patch = typeof change === 'function' ? change(this.snap.draft) : change;
    const draft = { ...this.snap.draft, ...patch };
    if (this.snap.status === 'conflict') {
      // Kept, not saved, until the person chooses a version.
      this.set({ draft });
      return;
    }
    this.set({ draft, status: 'dirty' });
    this.schedule(delay);
  }

  /** Saves now (after any save in flight). `closing`: the window is closing, no retry. */
  save(closing = false): Promise<void> {
    this.clearTimer();
    const run = this.chain.then(() => this.saveOnce(closing));
    this.chain = run.catch(() => undefined);
    // Known at once by key, so a view of the same record opened next waits for it.
    const key = this.spec.key;
    const mark: Promise<unknown> = run.then(
      () => (this.snap.status === 'conflict' ? null : this.snap.doc),
      () => null,
    );
    pending.set(key, mark);
    void mark.then(() => {
      if (pending.get(key) === mark) pending.delete(key);
    });
    return run;
  }

  /**
   * A newer stored copy arrived from elsewhere (a list, a restore). Fields the
   * person has not changed follow it; a field both changed is a conflict.
   */
  adopt(doc: Doc): void {
    // After any save in flight, whose result may be this very copy.
    this.chain = this.chain.then(() => this.adoptNow(doc));
  }

  /** Resolves when every save and adoption asked for so far is done. */
  settled(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private adoptNow(doc: Doc): void {
    if (this.spec.rev(doc) <= this.spec.rev(this.snap.doc)) return;
    if (this.snap.status === 'conflict') {
      this.set({ theirs: doc });
      return;
    }
    const theirs = this.spec.draftOf(doc);
    const mine = changedFields(this.snap.draft, this.saved);
    const clash = Object.keys(mine).some((k) => !same(theirs[k as keyof Draft], this.saved[k as keyof Draft]) && !same(theirs[k as keyof Draft], mine[k as keyof Draft]));
    if (clash) {
      this.clearTimer();
      this.set({ status: 'conflict', theirs: doc });
      return;
    }
    this.saved = theirs;
    this.set({ doc, draft: { ...theirs, ...mine } });
  }

  /** Takes a stored copy whole (a restored version): the draft becomes it. */
  replace(doc: Doc): void {
    this.clearTimer();
    this.saved = this.spec.draftOf(doc);
    this.set({ doc, draft: this.saved, status: 'saved', theirs: null });
  }

  /** Ends a conflict: keep the person's draft over the stored copy, or take the stored copy. */
  async resolve(keep: 'mine' | 'theirs'): Promise<void> {
    if (this.snap.status !== 'conflict') return;
    const fresh = await this.spec.fetch().catch(() => this.snap.theirs ?? this.snap.doc);
    this.saved = this.spec.draftOf(fresh);
    if (keep === 'theirs') {
      this.set({ doc: fresh, draft: this.saved, status: 'saved', theirs: null });
      return;
    }
    this.set({ doc: fresh, status: 'dirty', theirs: null });
    await this.save();
  }

  private hasChanges(): boolean {
    return !isEmpty(changedFields(this.snap.draft, this.saved));
  }

  private toPatch(fields: Partial<Draft>): Patch {
    return this.spec.toPatch ? this.spec.toPatch(fields) : (fields as unknown as Patch);
  }

  private async saveOnce(closing: boolean): Promise<void> {
    if (this.snap.status === 'conflict') return;
    const fields = changedFields(this.snap.draft, this.saved);
    if (isEmpty(fields)) {
      if (this.snap.status !== 'saved') this.set({ status: 'saved' });
      return;
    }
    const sent = this.snap.draft;
    const before = this.saved;
    const patch = this.toPatch(fields);
    this.set({ status: 'saving' });
    const request = this.request(patch, before, closing);
    try {
      const { doc, landedEarlier } = await request;
      this.saved = sent;
      this.set({ doc, savedAt: (this.spec.now ?? Date.now)(), error: null });
      // Our values were already stored: other fields may have moved on since.
      if (landedEarlier) this.followFields(doc);
      this.spec.onSaved?.(doc);
      const more = this.hasChanges();
      this.set({ status: more ? 'dirty' : 'saved' });
      if (more && !closing) this.schedule(this.spec.debounceMs ?? DEBOUNCE_MS);
    } catch (e) {
      if (this.spec.isConflict(e)) {
        const theirs = await this.spec.fetch().catch(() => null);
        this.set({ status: 'conflict', theirs });
      } else {
        this.set({ status: 'error', error: e });
        if (!closing) this.schedule(this.spec.retryMs ?? RETRY_MS);
      }
    }
  }

  /**
   * Sends. On a rev conflict the stored copy decides: if it already holds every
   * sent value, that was our own earlier save; if it changed only other fields
   * (another window or PC), ours go on top of it; only a field changed on both
   * sides is a real conflict.
   */
  private async request(patch: Patch, before: Draft, closing: boolean): Promise<{ doc: Doc; landedEarlier: boolean }> {
    try {
      return { doc: await this.spec.send(patch, this.spec.rev(this.snap.doc), closing), landedEarlier: false };
    } catch (e) {
      if (!this.spec.isConflict(e)) throw e;
      const fresh = await this.spec.fetch();
      const theirs = changedFields(this.spec.draftOf(fresh), before);
      const stored = this.toPatch(theirs);
      const holds = Object.entries(patch).every(([k, v]) => same((stored as Record<string, unknown>)[k], v));
      if (holds) return { doc: fresh, landedEarlier: true };
      const mine = Object.keys(this.toPatch(changedFields(this.snap.draft, before)));
      if (mine.some((k) => k in stored)) throw e;
      return { doc: await this.spec.send(patch, this.spec.rev(fresh), closing), landedEarlier: true };
    }
  }

  /** Fields the person is not changing take the stored copy's values. */
  private followFields(doc: Doc): void {
    const theirs = this.spec.draftOf(doc);
    const mine = changedFields(this.snap.draft, this.saved);
    this.saved = theirs;
    this.set({ draft: { ...theirs, ...mine } });
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (!this.live) return;
    this.timer = setTimeout(() => void this.save(), ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(part: Partial<AutosaveSnapshot<Doc, Draft>>): void {
    this.snap = { ...this.snap, ...part };
    for (const l of this.listeners) l();
  }
}
