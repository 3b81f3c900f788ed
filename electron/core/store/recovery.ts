import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { StoreNotice } from '@shared/api/contract';
import type { BackupManager } from './backups';
import type { Collection } from './collection';
import { withRetry, writeFileDurable } from './durable-file';
import { DamagedFileError, DurableJsonFile, parseJsonDocument } from './json-adapter';

/** What recovery needs of the store. */
export interface RecoveryHost {
  readonly storeDir: string;
  readonly dataDir: string;
  readonly backups: BackupManager;
  now(): Date;
  /** A file left in place because it could neither be read nor moved: never overwritten with defaults. */
  skip(rel: string): void;
  /** Queue a notice for the user (written with the others at the end of the load). */
  notice(n: Omit<StoreNotice, 'id' | 'at'>): void;
  /** Write the queued notices now (recovery after the load). */
  flushNotices(): Promise<void>;
}

/**
 * Read a document. An unreadable or empty file is moved to damaged/ and the
 * newest good copy from the backups is put back; either way a notice tells
 * the user. Returns null when the file does not exist (or could not be
 * recovered), leaving the db's default data in place.
 */
export async function readOrRecover<T>(
  host: RecoveryHost,
  db: Low<T>,
  rel: string,
  validate: (d: unknown) => T,
  read: () => T | null | Promise<T | null> = () => db.adapter.read(),
): Promise<T | null> {
  try {
    const data = await read();
    if (data !== null) db.data = data;
    return data;
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
    const file = path.join(host.storeDir, rel);
    const stamp = host.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = path.join(host.dataDir, 'damaged', stamp, rel);
    await fsp.mkdir(path.dirname(movedTo), { recursive: true });
    try {
      await withRetry(() => fsp.rename(file, movedTo));
    } catch (moveErr) {
      // Locked for good (another program holds it): leave it, open the rest, say which file and why.
      host.skip(rel);
      const code = (moveErr as NodeJS.ErrnoException).code ?? 'error';
      host.notice({ kind: 'unreadable', file: rel, detail: `${err.reason}; not moved (${code})` });
      return null;
    }
    for (const c of await host.backups.candidatesFor(rel)) {
      let text: string;
      try {
        text = await fsp.readFile(c.file, 'utf8');
        const data = parseJsonDocument(c.file, text, validate);
        await writeFileDurable(file, text);
        db.data = data;
        host.notice({ kind: 'recovered', file: rel, movedTo, backupId: c.backupId, detail: err.reason });
        return data;
      } catch {
        continue;
      }
    }
    host.notice({ kind: 'lost', file: rel, movedTo, detail: err.reason });
    return null;
  }
}

/** A damaged file of a lazy collection, found on first use: recover it off the caller's path, then tell the user. */
export function recoverLater(host: RecoveryHost, col: Collection<{ id: string }>, name: string, validate: (d: unknown) => { id: string }): Promise<void> {
  const adapter = new DurableJsonFile(path.join(col.dir, name), validate);
  const db = new Low<{ id: string }>(adapter, null as unknown as { id: string });
  return (async () => {
    const data = await readOrRecover(host, db, path.join(col.name, name), validate, () => adapter.readSync());
    if (data) col.adopt(data);
    await host.flushNotices();
  })().catch((err) => console.error('recovering', name, 'failed:', err));
}
