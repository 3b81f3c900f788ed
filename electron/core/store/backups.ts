import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/api/contract';
import { fsyncDir, writeFileDurable } from './durable-file';

export const BACKUP_KEEP_RECENT = 10;
export const BACKUP_KEEP_DAYS = 14;
const MANIFEST = 'manifest.json';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function backupIdFor(at: Date): string {
  return (
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}-${pad(at.getUTCMilliseconds(), 3)}-` +
    randomBytes(2).toString('hex')
  );
}

/**
 * Which backups to keep: the newest `keepRecent`, plus the newest one of each
 * of the last `keepDays` calendar days (UTC). Pure, so it is tested directly.
 */
export function backupsToKeep(
  backups: Pick<BackupInfo, 'id' | 'createdAt'>[],
  now: Date,
  keepRecent = BACKUP_KEEP_RECENT,
  keepDays = BACKUP_KEEP_DAYS,
): Set<string> {
  const sorted = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set(sorted.slice(0, keepRecent).map((b) => b.id));
  const oldest = now.getTime() - keepDays * 86_400_000;
  const seenDays = new Set<string>();
  for (const b of sorted) {
    const t = Date.parse(b.createdAt);
    if (t < oldest) continue;
    const day = b.createdAt.slice(0, 10);
    if (!seenDays.has(day)) {
      seenDays.add(day);
      keep.add(b.id);
    }
  }
  return keep;
}

async function dirStats(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const e of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      files++;
      bytes += (await fsp.stat(path.join(e.parentPath, e.name))).size;
    }
  }
  return { files, bytes };
}

/** fsync every file, then every folder (deepest first), of a copied tree. */
async function syncTree(root: string): Promise<void> {
  const dirs = [root];
  for (const e of await fsp.readdir(root, { withFileTypes: true, recursive: true })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isDirectory()) dirs.push(p);
    else if (e.isFile()) {
      const h = await fsp.open(p, 'r');
      try {
        await h.sync();
      } finally {
        await h.close();
      }
    }
  }
  for (const d of dirs.sort((a, b) => b.length - a.length)) await fsyncDir(d);
}

/** Snapshots of the store folder under <data>/backups/<id>/store. */
export class BackupManager {
  constructor(
    private readonly backupsDir: string,
    private readonly storeDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Copy the store, fsync every copied file and folder (as the store's own
   * writes are), then rename the finished folder into place. A failed copy
   * (e.g. a full disk) removes its partial folder at once.
   */
  async create(reason: BackupInfo['reason']): Promise<BackupInfo> {
    await fsp.mkdir(this.backupsDir, { recursive: true, mode: 0o700 });
    const at = this.now();
    const id = backupIdFor(at);
    const partial = path.join(this.backupsDir, `.${id}.partial`);
    let info: BackupInfo;
    try {
      await fsp.cp(this.storeDir, path.join(partial, 'store'), {
        recursive: true,
        filter: (src) => !path.basename(src).endsWith('.tmp'),
      });
      await syncTree(partial);
      const stats = await dirStats(partial);
      info = { id, createdAt: at.toISOString(), reason, ...stats };
      await writeFileDurable(path.join(partial, MANIFEST), JSON.stringify(info));
      await fsp.rename(partial, path.join(this.backupsDir, id));
      await fsyncDir(this.backupsDir);
    } catch (err) {
      await fsp.rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw err;
    }
    await this.rotate();
    return info;
  }

  async list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.backupsDir);
    } catch {
      return [];
    }
    const out: BackupInfo[] = [];
    for (const n of names) {
      if (n.startsWith('.')) continue;
      try {
        const info = JSON.parse(await fsp.readFile(path.join(this.backupsDir, n, MANIFEST), 'utf8')) as BackupInfo;
        if (info.id === n) out.push(info);
      } catch {
        /* an incomplete backup folder is not offered */
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  storePathOf(id: string): string {
    if (!/^[0-9A-Za-z_-]{1,80}$/.test(id)) throw new Error('bad backup id');
    return path.join(this.backupsDir, id, 'store');
  }

  async rotate(): Promise<void> {
    const all = await this.list();
    const keep = backupsToKeep(all, this.now());
    for (const b of all) {
      if (!keep.has(b.id)) await fsp.rm(path.join(this.backupsDir, b.id), { recursive: true, force: true });
    }
    // Partial folders older than a minute are leftovers of an interrupted backup.
    for (const n of await fsp.readdir(this.backupsDir)) {
      if (n.startsWith('.') && n.endsWith('.partial')) {
        const st = await fsp.stat(path.join(this.backupsDir, n)).catch(() => null);
        if (st && this.now().getTime() - st.mtimeMs > 60_000) {
          await fsp.rm(path.join(this.backupsDir, n), { recursive: true, force: true });
        }
      }
    }
  }

  /** Newest-first paths of a store file inside each backup. */
  async candidatesFor(relPath: string): Promise<{ backupId: string; file: string }[]> {
    return (await this.list()).map((b) => ({ backupId: b.id, file: path.join(this.storePathOf(b.id), relPath) }));
  }
}
