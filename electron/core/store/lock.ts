import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'redaksi.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  owner: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder is in use by another Redaksi (pid ${holder.pid}, ${holder.owner}, since ${holder.startedAt}). ` +
        `Close it first, or choose another folder with REDAKSI_DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per data folder: an exclusive lock file holding the owner's pid.
 * A lock left by a process that no longer runs on this host is taken over.
 */
export function acquireDataDirLock(dataDir: string, owner: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), owner };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: LockInfo | null;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      holder = null; // unreadable lock: treat as stale
    }
    if (holder && holder.host === os.hostname() && holder.pid !== process.pid && alive(holder.pid)) {
      throw new DataDirLockedError(file, holder);
    }
    if (holder && holder.host !== os.hostname()) {
      // Folder shared over a network drive with another PC: never steal it.
      throw new DataDirLockedError(file, holder);
    }
    rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}`);
}
