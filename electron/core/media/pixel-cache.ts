/** Decoded pixels in memory: what every render of a photo starts from. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

interface Entry<M> {
  promise: Promise<RawImage>;
  meta: M;
  bytes: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * A small LRU of decodes, bounded by bytes and entries and dropped after a
 * while unused. It holds promises, so callers that arrive while a decode is
 * running share that decode instead of starting their own.
 */
export class PixelCache<M = undefined> {
  private entries = new Map<string, Entry<M>>();

  constructor(
    private readonly maxBytes: number,
    private readonly maxEntries: number,
    private readonly idleMs: number,
  ) {}

  get(key: string, accept: (meta: M) => boolean = () => true): Promise<RawImage> | undefined {
    const e = this.entries.get(key);
    if (!e || !accept(e.meta)) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.arm(key, e);
    return e.promise;
  }

  set(key: string, promise: Promise<RawImage>, meta: M): Promise<RawImage> {
    this.delete(key);
    const e: Entry<M> = { promise, meta, bytes: 0, timer: null };
    this.entries.set(key, e);
    this.arm(key, e);
    promise.then(
      (img) => {
        if (this.entries.get(key) !== e) return;
        e.bytes = img.data.length;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === e) this.delete(key);
      },
    );
    this.evict();
    return promise;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    this.entries.delete(key);
  }

  clear(): void {
    for (const k of [...this.entries.keys()]) this.delete(k);
  }

  /** Bytes held by settled entries (running decodes count once they finish). */
  get bytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.bytes;
    return n;
  }

  get size(): number {
    return this.entries.size;
  }

  private arm(key: string, e: Entry<M>): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => {
      if (this.entries.get(key) === e) this.entries.delete(key);
    }, this.idleMs);
    e.timer.unref?.();
  }

  private evict(): void {
    // The oldest go first; a running decode (bytes 0) is never the reason to evict.
    for (const [k] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      if (this.entries.size === 1) break;
      this.delete(k);
    }
  }
}
