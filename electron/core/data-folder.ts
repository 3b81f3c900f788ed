import { chmodSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackupScheduler, type BackupScheduler } from './backup-scheduler';
import { acquireDataDirLock } from './store/lock';
import { Store, type StoreOptions } from './store/store';
import { postVersions } from './posts/versions';
import { warmUpWritePath } from './posts/warm-up';

export const APP_NAME = 'Redaksi';

/** Same folder Electron uses for app.getPath('userData'), so both hosts share data. */
export function defaultDataDir(): string {
  if (process.env.REDAKSI_DATA_DIR) return path.resolve(process.env.REDAKSI_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export interface OpenDataFolder {
  store: Store;
  scheduler: BackupScheduler;
  close(): Promise<void>;
}

/**
 * Data is for this user alone (POSIX): every folder Redaksi creates is 0700
 * and every file 0600, whichever module creates it, so the process umask is
 * set once here; the data folder itself is closed to others even when an
 * older version made it 0755.
 */
export function restrictPermissions(dataDir: string): void {
  if (process.platform === 'win32') return;
  process.umask(0o077);
  try {
    chmodSync(dataDir, 0o700);
  } catch {
    // A folder we do not own (e.g. a shared mount): its own permissions apply.
  }
}

/** Take the folder's lock, open (and if needed recover) the store, start backups. */
export async function openDataFolder(dataDir: string, owner: string, opts: StoreOptions = {}): Promise<OpenDataFolder> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrictPermissions(dataDir);
  const release = acquireDataDirLock(dataDir, owner);
  try {
    const store = await Store.open(dataDir, opts);
    // The version index loads off the start-up path, before the first save needs it.
    void postVersions(store).ready().catch((err) => console.error('version history index:', err));
    warmUpWritePath(store);
    const scheduler = startBackupScheduler(store);
    return {
      store,
      scheduler,
      async close() {
        await scheduler.stop();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
