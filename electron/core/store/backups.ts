import { randomBytes } from 'node:crypto';
import { linkSync, promises as fsp, statSync, unlinkSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import type { BackupInfo } from '@shared/api/contract';
import { backupsToKeep, DEFAULT_RETENTION, type RetentionRules } from '@shared/backups/retention';
import { fsyncDir, isTempName, writeFileDurable } from './durable-file';

export { BACKUP_KEEP_DAYS, BACKUP_KEEP_RECENT, BACKUP_MAX_BYTES, backupsToKeep } from '@shared/backups/retention';

/** Written last: a snapshot folder without it is unfinished and never offered. */
const MANIFEST = 'manifest.json';
/** Inode, size and time of each file the snapshot was taken from: how the next one finds unchanged files. */
const STAMPS = 'stamps.json.gz';
/** Errors of a file system that cannot hard-link (FAT/exFAT flash drives, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS', 'EINVAL']);
const PARALLEL = 16;

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

/** What identifies a file's content without reading it: durable writes replace the file, so inode, size and time all change. */
type FileStamp = [ino: number, size: number, mtimeMs: number];

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return !!a && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

async function copyDurable(src: string, dst: string): Promise<void> {
  await fsp.copyFile(src, dst);
  const h = await fsp.open(dst, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Runs many small synchronous file-system calls (stat, link, unlink: tens of
 * thousands at 10k posts, a few microseconds each) in slices, giving the
 * event loop back every few milliseconds so that no request waits behind a
 * backup. Through the thread pool the same calls take several times longer.
 */
function slicer(sliceMs = 8): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return;
    await new Promise((r) => setImmediate(r));
    started = performance.now();
  };
}

/** Files of the store folder (relative paths) and its sub-folders, without the temp files of writes in progress. */
async function listTree(root: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [''];
  const files: string[] = [];
  // Folder by folder: the recursive readdir of Node 20 is several times slower on 40k entries.
  for (let i = 0; i < dirs.length; i++) {
    const prefix = dirs[i] ? dirs[i] + path.sep : '';
    for (const e of await fsp.readdir(path.join(root, dirs[i]), { withFileTypes: true })) {
      if (e.isDirectory()) dirs.push(prefix + e.name);
      else if (e.isFile() && !isTempName(e.name)) files.push(prefix + e.name);
    }
  }
  return { dirs, files };
}

async function removeTree(dir: string): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  const pause = slicer();
  for (const e of entries) {
    if (e.isDirectory()) continue;
    try {
      unlinkSync(path.join(e.parentPath, e.name));
    } catch {
      /* removed below */
    }
    await pause();
  }
  await fsp.rm(dir, { recursive: true, force: true });
}

/**
 * Snapshots of the store folder under <data>/backups/<id>/store, each a full
 * tree that restore copies back as it is. A snapshot is incremental on disk:
 * a file unchanged since the previous snapshot (same size and modification
 * time) is hard-linked from it; a changed one is copied and fsynced. Where the
 * file system cannot link, files are copied. A snapshot is built in a
 * `.<id>.partial` folder and becomes visible only with its manifest, written
 * last, and the rename; an interrupted one is ignored and removed.
 */
export class BackupManager {
  /** Partial folders being written by this process (any other one is a leftover). */
  private readonly building = new Set<string>();
  /** How an unchanged file joins a snapshot; replaceable to act out a file system without hard links. */
  linkFile: (existing: string, newPath: string) => void = linkSync;

  constructor(
    private readonly backupsDir: string,
    private readonly storeDir: string,
    private readonly now: () => Date = () => new Date(),
    readonly retention: RetentionRules = DEFAULT_RETENTION,
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
    const partialName = `.${id}.partial`;
    const partial = path.join(this.backupsDir, partialName);
    this.building.add(partialName);
    try {
      const [prev] = await this.list();
      const prevStore = prev ? this.storePathOf(prev.id) : null;
      const prevStamps = prev ? await this.readStamps(prev.id) : new Map<string, FileStamp>();
      const target = path.join(partial, 'store');
      const { dirs, files } = await listTree(this.storeDir);
      for (const d of dirs) await fsp.mkdir(path.join(target, d), { recursive: true });
      let canLink = true;
      let bytes = 0;
      let newBytes = 0;
      const stamps: [string, ...FileStamp][] = [];
      const toCopy: [string, number][] = [];
      const pause = slicer();
      for (const rel of files) {
        await pause();
        const st = statSync(path.join(this.storeDir, rel), { throwIfNoEntry: false });
        if (!st) continue; // deleted while the snapshot was being taken
        const stamp: FileStamp = [st.ino, st.size, st.mtimeMs];
        stamps.push([rel, ...stamp]);
        bytes += st.size;
        if (prevStore && canLink && sameStamp(prevStamps.get(rel), stamp)) {
          try {
            this.linkFile(path.join(prevStore, rel), path.join(target, rel));
            continue;
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code ?? '';
            if (NO_LINKS.has(code)) canLink = false;
            else if (code !== 'ENOENT') throw err;
          }
        }
        toCopy.push([rel, st.size]);
        newBytes += st.size;
      }
      await inParallel(toCopy, PARALLEL, async ([rel, size]) => {
        try {
          await copyDurable(path.join(this.storeDir, rel), path.join(target, rel));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          // Deleted since it was listed: the snapshot does not hold it.
          stamps.splice(stamps.findIndex((s) => s[0] === rel), 1);
          bytes -= size;
          newBytes -= size;
        }
      });
      const count = stamps.length;
      await writeFileDurable(path.join(partial, STAMPS), gzipSync(JSON.stringify(stamps), { level: 1 }));
      for (const d of dirs) await fsyncDir(path.join(target, d));
      const info: BackupInfo = { id, createdAt: at.toISOString(), reason, files: count, bytes, newBytes };
      await writeFileDurable(path.join(partial, MANIFEST), JSON.stringify(info));
      await fsp.rename(partial, path.join(this.backupsDir, id));
      await fsyncDir(this.backupsDir);
      await this.rotate();
      return info;
    } catch (err) {
      // A backup that failed half-way (disk full, an odd file) leaves nothing behind to mistake for one.
      await fsp.rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw err;
    } finally {
      this.building.delete(partialName);
    }
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

  /** The stamps of the files a snapshot was taken from (none for snapshots made before incremental backups). */
  private async readStamps(id: string): Promise<Map<string, FileStamp>> {
    try {
      const rows = JSON.parse(gunzipSync(await fsp.readFile(path.join(this.backupsDir, id, STAMPS))).toString('utf8')) as [string, ...FileStamp][];
      return new Map(rows.map(([rel, ...stamp]) => [rel, stamp]));
    } catch {
      return new Map();
    }
  }

  storePathOf(id: string): string {
    if (!/^[0-9A-Za-z_-]{1,80}$/.test(id)) throw new Error('bad backup id');
    return path.join(this.backupsDir, id, 'store');
  }

  async rotate(): Promise<void> {
    const all = await this.list();
    const keep = backupsToKeep(all, this.now(), this.retention);
    for (const b of all) {
      if (keep.has(b.id)) continue;
      // Renamed out of sight first, so that a removal cut short never leaves a half snapshot on offer.
      const doomed = path.join(this.backupsDir, `.${b.id}.deleting`);
      await fsp.rename(path.join(this.backupsDir, b.id), doomed);
      await removeTree(doomed);
    }
    // A partial folder not being written now is what an interrupted backup (crash, SIGKILL) left.
    for (const n of await fsp.readdir(this.backupsDir)) {
      if (n.startsWith('.') && (n.endsWith('.partial') || n.endsWith('.deleting')) && !this.building.has(n)) {
        await removeTree(path.join(this.backupsDir, n));
      }
    }
  }

  /** Newest-first paths of a store file inside each backup. */
  async candidatesFor(relPath: string): Promise<{ backupId: string; file: string }[]> {
    return (await this.list()).map((b) => ({ backupId: b.id, file: path.join(this.storePathOf(b.id), relPath) }));
  }
}
