import { promises as fsp, readFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { writeFileDurable } from './durable-file';

export class DamagedFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DamagedFileError';
  }
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
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
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
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
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
