import { promises as fsp, readFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { writeFileDurable, writeFilesDurable } from './durable-file';

export class DamagedFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** Set when the file exists but could not be read at all (EACCES, EPERM, EBUSY, EISDIR). */
    readonly errno?: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DamagedFileError';
  }
}

/**
 * A file that is there but cannot be read now: a permission (EACCES), a lock
 * held by another program on Windows (EPERM, EBUSY), a folder in its place
 * (EISDIR). Locks are usually brief: retried, then treated like a damaged
 * file (moved aside, restored from a backup) instead of stopping the start.
 */
const UNREADABLE = new Set(['EACCES', 'EPERM', 'EBUSY', 'EISDIR']);
const RETRY_MS = [20, 50, 100, 200];

function unreadable(file: string, err: unknown, attempt: number): number | DamagedFileError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (!UNREADABLE.has(code)) throw err;
  if (code === 'EISDIR' || attempt >= RETRY_MS.length) return new DamagedFileError(file, `unreadable (${code})`, code);
  return RETRY_MS[attempt];
}

/**
 * lowdb adapter with durable writes. Unlike lowdb's stock JSONFile (steno),
 * it fsyncs the data and the directory, uses a unique temp name, and never
 * turns an unreadable file into "no data": it throws DamagedFileError so the
 * store can move the file aside and restore it from a backup.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly validate?: (data: unknown) => T,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    for (let attempt = 0; ; attempt++) {
      try {
        text = await fsp.readFile(this.file, 'utf8');
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        const wait = unreadable(this.file, err, attempt);
        if (wait instanceof DamagedFileError) throw wait;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    return parseJsonDocument(this.file, text, this.validate);
  }

  /**
   * Synchronous read, for the bulk load at start-up: ten thousand small
   * files read synchronously take a sixth of the time of async reads, which
   * queue behind libuv's four threads.
   */
  readSync(): T | null {
    let text: string;
    for (let attempt = 0; ; attempt++) {
      try {
        text = readFileSync(this.file, 'utf8');
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        const wait = unreadable(this.file, err, attempt);
        if (wait instanceof DamagedFileError) throw wait;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
      }
    }
    return parseJsonDocument(this.file, text, this.validate);
  }

  /** Writes are serialised per file so the last write is the one that stays. */
  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => writeFileDurable(this.file, text));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes several files in one group commit (writeFilesDurable), after the
   * writes already queued on each of them and before any queued later, so
   * the last write of a file is still the one that stays. A batch waits only
   * for writes queued before it: batches over the same files never wait on
   * each other in a cycle.
   */
  static writeBatch<T>(items: readonly { adapter: DurableJsonFile<T>; data: T }[]): Promise<void> {
    const files = items.map((i) => ({ file: i.adapter.file, data: JSON.stringify(i.data) }));
    const next = Promise.all(items.map((i) => i.adapter.queue)).then(() => writeFilesDurable(files));
    for (const i of items) i.adapter.queue = next.catch(() => undefined);
    return next;
  }
}

export function parseJsonDocument<T>(file: string, text: string, validate?: (d: unknown) => T): T {
  if (text.trim() === '') throw new DamagedFileError(file, 'empty file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DamagedFileError(file, `not valid JSON (${(err as Error).message})`);
  }
  if (!validate) return data as T;
  try {
    return validate(data);
  } catch (err) {
    throw new DamagedFileError(file, `unexpected content (${(err as Error).message.slice(0, 300)})`);
  }
}
