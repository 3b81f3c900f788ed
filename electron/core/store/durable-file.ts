import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { namesIn } from './slices';

/** Windows (antivirus, indexer, backup tools) briefly holds files open: retry these. */
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES', 'EMFILE', 'ENFILE']);

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Whether a file or folder is there (any error reading it counts as not there). */
export async function pathExists(p: string): Promise<boolean> {
  return fsp.access(p).then(
    () => true,
    () => false,
  );
}

export async function withRetry<T>(op: () => Promise<T>, attempts = 8): Promise<T> {
  let delay = 10;
  for (let i = 0; ; i++) {
    try {
      return await op();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (i >= attempts - 1 || !TRANSIENT.has(code)) throw err;
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS metadata is journaled there.
  if (process.platform === 'win32') return;
  const h = await fsp.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export function tempNameFor(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Durable replace of `file`: unique temp file → write → fsync → rename →
 * fsync directory. After it resolves the new content survives a crash or
 * power loss; before it resolves the old content is intact.
 */
export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(file);
  const h = await fsp.open(tmp, 'wx', 0o600);
  try {
    try {
      await h.writeFile(data);
      await h.sync();
    } finally {
      await h.close();
    }
    await withRetry(() => fsp.rename(tmp, file));
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

/**
 * Durable replace of several files at once (group commit): each is written
 * to its own temp file and fsynced, all are renamed, then each directory is
 * fsynced once for the whole batch instead of once per file. When it
 * resolves every file has its new content durably; before, each file holds
 * either its old or its new content (a crash never leaves a torn file), and
 * nothing has been acknowledged. Files of one batch must be distinct.
 */
export async function writeFilesDurable(files: readonly { file: string; data: string | Uint8Array }[]): Promise<void> {
  const temps = files.map((f) => tempNameFor(f.file));
  const made = new Set<string>();
  let renamed = 0;
  try {
    await Promise.all(
      files.map(async ({ data }, i) => {
        const h = await fsp.open(temps[i], 'wx', 0o600);
        made.add(temps[i]);
        try {
          await h.writeFile(data);
          await h.sync();
        } finally {
          await h.close();
        }
      }),
    );
    // Renamed only once every file of the batch is on disk: a failed write leaves all of them as they were.
    for (; renamed < files.length; renamed++) {
      const i = renamed;
      await withRetry(() => fsp.rename(temps[i], files[i].file));
      made.delete(temps[i]);
    }
  } catch (err) {
    await Promise.all([...made].map((t) => fsp.rm(t, { force: true }).catch(() => undefined)));
    // Files renamed before a failed rename hold their new content: made durable too, and named to the caller.
    const written = files.slice(0, renamed).map((f) => f.file);
    for (const dir of new Set(written.map((f) => path.dirname(f)))) await fsyncDir(dir).catch(() => undefined);
    throw new BatchWriteError(err, written);
  }
  for (const dir of new Set(files.map((f) => path.dirname(f.file)))) await fsyncDir(dir);
}

/** A group commit that failed part-way: `written` lists the files that hold their new content all the same. */
export class BatchWriteError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly written: string[],
  ) {
    super(`batch write failed (${written.length} of its files written): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'BatchWriteError';
  }
}

/** Remove leftovers of writes interrupted by a crash. */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await namesIn(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    if (isTempName(n)) {
      await fsp.rm(path.join(dir, n), { force: true });
      removed++;
    }
  }
  return removed;
}
