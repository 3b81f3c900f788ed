import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, promises as fsp, statSync, unlinkSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { createGunzip, createGzip, gunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import type { BackupInfo } from '@shared/api/contract';
import { backupsToKeep, DEFAULT_RETENTION, type RetentionRules } from '@shared/backups/retention';
import { fsyncDir, isTempName, writeFileDurable } from './durable-file';
import { slicer } from './slices';

export { BACKUP_KEEP_DAYS, BACKUP_KEEP_RECENT, BACKUP_MAX_BYTES, backupsToKeep } from '@shared/backups/retention';

/** Written last: a snapshot folder without it is unfinished and never offered. */
const MANIFEST = 'manifest.json';
/** The files of a snapshot: path, sha256, size and the stamp of the file read (how the next one finds unchanged files), as lines (writeFileList). */
const FILES = 'files.jsonl.gz';
/** The same as one JSON document, as snapshots made before the lines were: read, never written. */
const FILES_V1 = 'files.json.gz';
/** Content-addressed file contents, shared by every snapshot. */
const BLOBS = 'blobs';
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

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Files of the store folder (relative paths) and its sub-folders, without the temp files of writes in progress. */
async function listTree(root: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [''];
  const files: string[] = [];
  // Folder by folder: the recursive readdir of Node 20 is several times slower on 40k entries. Read in
  // batches (opendir), as one readdir of a 200k-entry folder makes all its entries in one go on this thread.
  for (let i = 0; i < dirs.length; i++) {
    const prefix = dirs[i] ? dirs[i] + path.sep : '';
    for await (const e of await fsp.opendir(path.join(root, dirs[i]), { bufferSize: 512 })) {
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

/** A damaged backup: a file whose content no longer matches what the snapshot recorded, or a missing one. */
export class BackupDamagedError extends Error {
  constructor(readonly backupId: string, readonly rel: string) {
    super(`backup ${backupId} is damaged (${rel})`);
    this.name = 'BackupDamagedError';
  }
}

/** One file of a snapshot: where it was, the sha256 of its content, and the stamp of the file it was read from. */
type Row = [rel: string, hash: string, size: number, ino: number, mtimeMs: number];
interface FileList {
  dirs: string[];
  files: Row[];
}

const gunzipAsync = promisify(gunzip);
/** Rows per line of a file list: one line parses or serialises in a millisecond or two. */
const ROWS_PER_LINE = 2000;
/**
 * Bytes per step of the file list's zip stream. Each step is a trip to the
 * thread pool and back: with zlib's 16 KB default a 100k-post list took
 * thousands of them and its backup 2.5 times as long.
 */
const ZIP_CHUNK = 1 << 20;

/**
 * A file list as written since issue 22's event-loop work: a head line with
 * the folders, then lines of at most ROWS_PER_LINE rows, gzipped as a stream
 * off the main thread. At 100k posts the list holds 400k rows (60 MB before
 * compression): as one JSON document its parse or stringify held every
 * request for about half a second, and as one buffer its joining and
 * unzipping held them for 50–170 ms; line by line and chunk by chunk the
 * loop is given back between lines and no buffer of the whole list is made.
 */
async function writeFileList(file: string, list: FileList): Promise<void> {
  const pause = slicer();
  async function* lines() {
    yield Buffer.from(JSON.stringify({ dirs: list.dirs }));
    for (let i = 0; i < list.files.length; i += ROWS_PER_LINE) {
      yield Buffer.from(`\n${JSON.stringify(list.files.slice(i, i + ROWS_PER_LINE))}`);
      await pause();
    }
  }
  // Inside the snapshot's partial folder, which becomes visible only by its rename once the manifest is durable.
  await pipeline(Readable.from(lines()), createGzip({ level: 1, chunkSize: ZIP_CHUNK }), createWriteStream(file, { flags: 'wx', mode: 0o600, highWaterMark: ZIP_CHUNK }));
  // fsync is of the file, not of the descriptor: a second one flushes what the stream wrote.
  const h = await fsp.open(file, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Reads a file list line by line as it is unzipped; null when the snapshot has none. */
async function readFileListLines(file: string): Promise<FileList | null> {
  const pause = slicer();
  let dirs: string[] | null = null;
  const files: Row[] = [];
  const take = (line: Buffer) => {
    const parsed = JSON.parse(line.toString('utf8')) as { dirs: string[] } | Row[];
    if (dirs === null) dirs = (parsed as { dirs: string[] }).dirs;
    else for (const row of parsed as Row[]) files.push(row);
  };
  try {
    await pipeline(createReadStream(file, { highWaterMark: ZIP_CHUNK }), createGunzip({ chunkSize: ZIP_CHUNK }), async (unzipped: AsyncIterable<Buffer>) => {
      // Pieces of the line being read: joined once its end arrives (a line is a few hundred KB).
      let pending: Buffer[] = [];
      for await (const chunk of unzipped) {
        let at = 0;
        for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, at)) {
          pending.push(chunk.subarray(at, nl));
          take(Buffer.concat(pending));
          pending = [];
          at = nl + 1;
          await pause();
        }
        if (at < chunk.length) pending.push(chunk.subarray(at));
      }
      if (pending.length) take(Buffer.concat(pending));
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (dirs === null) throw new Error('file list: empty');
  return { dirs, files };
}

const toPosix = (rel: string) => rel.split(path.sep).join('/');
const fromPosix = (rel: string) => rel.split('/').join(path.sep);
const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex');

/**
 * Snapshots of the store folder under <data>/backups. A snapshot is a list of
 * the store's files (`files.jsonl.gz`: path, sha256, size and the stamp of the
 * file read) over a content-addressed folder of file contents
 * (`backups/blobs/<xx>/<sha256>`, shared by every snapshot). A file whose
 * inode, size and time equal the previous snapshot's entry is taken from it
 * without being read; a changed file is read, hashed, and written as a blob
 * (durably) only when no snapshot holds that content yet. So a backup costs a
 * `stat` per file plus the changed files, with no hard links and the same on
 * every file system (FAT/exFAT flash drives included).
 *
 * A snapshot is built in a `.<id>.partial` folder and becomes visible only
 * with its manifest, written last, and the rename; an interrupted one is
 * ignored and removed, and the blobs only it wrote are collected. Blobs no
 * kept snapshot lists are removed when snapshots are rotated away. Snapshots
 * made by older versions (a full `store/` tree, hard-linked) stay readable.
 */
export class BackupManager {
  /** Partial folders being written by this process (any other one is a leftover). */
  private readonly building = new Set<string>();
  /** One backup at a time: a blob written by one must not be collected by another's rotation. */
  private running: Promise<unknown> = Promise.resolve();
  private readonly blobDirsMade = new Set<string>();

  constructor(
    private readonly backupsDir: string,
    private readonly storeDir: string,
    private readonly now: () => Date = () => new Date(),
    /** Fixed rules, or read at each rotation (the workspace's settings). */
    readonly retention: RetentionRules | (() => RetentionRules) = DEFAULT_RETENTION,
  ) {}

  private rules(): RetentionRules {
    return typeof this.retention === 'function' ? this.retention() : this.retention;
  }

  /** Drops what the rules no longer keep now (after they changed), in turn with any backup being taken. */
  applyRetention(): Promise<void> {
    const next = this.running.then(() => this.rotate());
    this.running = next.catch(() => undefined);
    return next;
  }

  private get blobsDir(): string {
    return path.join(this.backupsDir, BLOBS);
  }

  /** Where the content with this sha256 is kept. */
  blobPath(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad blob hash');
    return path.join(this.blobsDir, hash.slice(0, 2), hash);
  }

  private async ensureBlobDir(hash: string): Promise<void> {
    const sub = hash.slice(0, 2);
    if (this.blobDirsMade.has(sub)) return;
    const dir = path.join(this.blobsDir, sub);
    if (!existsSync(dir)) {
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      await fsyncDir(this.blobsDir);
      await fsyncDir(this.backupsDir);
    }
    this.blobDirsMade.add(sub);
  }

  /**
   * Take a snapshot: every file is `stat`ed; files changed since the
   * previous snapshot are read, hashed and stored as blobs (each durable);
   * then the file list and the manifest, and the rename of the finished
   * folder into place. A failed backup (e.g. a full disk) removes its partial
   * folder at once.
   */
  create(reason: BackupInfo['reason']): Promise<BackupInfo> {
    const next = this.running.then(() => this.createNow(reason));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async createNow(reason: BackupInfo['reason']): Promise<BackupInfo> {
    await fsp.mkdir(this.backupsDir, { recursive: true, mode: 0o700 });
    const at = this.now();
    const id = backupIdFor(at);
    const partialName = `.${id}.partial`;
    const partial = path.join(this.backupsDir, partialName);
    this.building.add(partialName);
    try {
      await fsp.mkdir(partial, { recursive: true });
      const [prev] = await this.list();
      const prevRows = new Map<string, Row>();
      // A previous list that cannot be read (damaged on disk) only costs reading every file again, never the backup.
      const prevList = prev ? await this.readFileList(prev.id).catch(() => null) : null;
      const pause = slicer();
      // 400k rows at 100k posts: in slices too.
      const prevFiles = prevList?.files ?? [];
      for (let i = 0; i < prevFiles.length; i++) {
        prevRows.set(prevFiles[i][0], prevFiles[i]);
        if ((i & 4095) === 0) await pause();
      }
      const { dirs, files } = await listTree(this.storeDir);
      const rows: Row[] = [];
      const changed: [string, Stats][] = [];
      for (const rel of files) {
        await pause();
        const st = statSync(path.join(this.storeDir, rel), { throwIfNoEntry: false });
        if (!st) continue; // deleted while the snapshot was being taken
        const posix = toPosix(rel);
        const was = prevRows.get(posix);
        if (was && was[2] === st.size && was[3] === st.ino && was[4] === st.mtimeMs) rows.push([posix, was[1], st.size, st.ino, st.mtimeMs]);
        else changed.push([rel, st]);
      }
      let newBytes = 0;
      await inParallel(changed, PARALLEL, async ([rel, st]) => {
        let buf: Buffer;
        try {
          buf = await fsp.readFile(path.join(this.storeDir, rel));
        } catch (err) {
          // Deleted since it was listed: the snapshot does not hold it.
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw err;
        }
        const hash = sha256(buf);
        const blob = this.blobPath(hash);
        if (!existsSync(blob)) {
          await this.ensureBlobDir(hash);
          await writeFileDurable(blob, buf);
          newBytes += buf.length;
        }
        // The stamp taken before the read: if the file was replaced in between, the next backup reads it again.
        rows.push([toPosix(rel), hash, buf.length, st.ino, st.mtimeMs]);
      });
      const bytes = rows.reduce((n, r) => n + r[2], 0);
      const list: FileList = { dirs: dirs.filter(Boolean).map(toPosix), files: rows };
      await writeFileList(path.join(partial, FILES), list);
      const info: BackupInfo = { id, createdAt: at.toISOString(), reason, files: rows.length, bytes, newBytes };
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

  /** The file list of a snapshot (null for a snapshot made before blobs, which holds a `store/` tree). */
  private readFileList(id: string): Promise<FileList | null> {
    return this.readFileListAt(path.join(this.backupsDir, id));
  }

  private async readFileListAt(folder: string): Promise<FileList | null> {
    const read = async (name: string) => {
      try {
        return await fsp.readFile(path.join(folder, name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    };
    const lines = await readFileListLines(path.join(folder, FILES));
    if (lines) return lines;
    const v1 = await read(FILES_V1);
    return v1 ? (JSON.parse((await gunzipAsync(v1)).toString('utf8')) as FileList) : null;
  }

  /** The tree of a snapshot made before blobs. */
  storePathOf(id: string): string {
    if (!/^[0-9A-Za-z_-]{1,80}$/.test(id)) throw new Error('bad backup id');
    return path.join(this.backupsDir, id, 'store');
  }

  /** Every file of a snapshot: its path in the store (native separators) and where its content is kept; and its folders. */
  async filesOf(id: string): Promise<{ dirs: string[]; files: { rel: string; file: string; hash: string | null }[] }> {
    const list = await this.readFileList(id);
    if (list) return { dirs: list.dirs.map(fromPosix), files: list.files.map(([rel, hash]) => ({ rel: fromPosix(rel), file: this.blobPath(hash), hash })) };
    const root = this.storePathOf(id);
    const { dirs, files } = await listTree(root);
    return { dirs: dirs.filter(Boolean), files: files.map((rel) => ({ rel, file: path.join(root, rel), hash: null })) };
  }

  /** Where a snapshot keeps the content of one store file, or null when it does not hold it. */
  async fileIn(id: string, rel: string): Promise<string | null> {
    const list = await this.readFileList(id);
    if (!list) return path.join(this.storePathOf(id), rel);
    const row = list.files.find((r) => r[0] === toPosix(rel));
    return row ? this.blobPath(row[1]) : null;
  }

  /**
   * Reads every file of a snapshot: each must hold the content recorded for
   * it and every JSON document must parse. Throws BackupDamagedError naming
   * the first file that does not.
   */
  async check(id: string): Promise<void> {
    const { files } = await this.filesOf(id);
    const pause = slicer();
    for (const f of files) {
      await pause();
      let buf: Buffer;
      try {
        buf = await fsp.readFile(f.file);
        if (f.hash !== null && sha256(buf) !== f.hash) throw new Error('content changed');
        if (f.rel.endsWith('.json')) JSON.parse(buf.toString('utf8'));
      } catch {
        throw new BackupDamagedError(id, f.rel);
      }
    }
  }

  /** Writes the snapshot's store folder at `dest` (which must not exist), as it was when taken. */
  async materialize(id: string, dest: string): Promise<void> {
    const { dirs, files } = await this.filesOf(id);
    await fsp.mkdir(dest, { recursive: true });
    for (const d of dirs) await fsp.mkdir(path.join(dest, d), { recursive: true });
    await inParallel(files, PARALLEL, async (f) => {
      const buf = await fsp.readFile(f.file);
      if (f.hash !== null && sha256(buf) !== f.hash) throw new BackupDamagedError(id, f.rel);
      await fsp.writeFile(path.join(dest, f.rel), buf, { mode: 0o600 });
    });
  }

  /**
   * Drops the snapshots the retention rules no longer keep, what interrupted
   * backups left, and blobs nothing lists. A folder being dropped is renamed
   * to `.<id>.deleting` first and removed only after its blobs were
   * collected, so a kill at any point leaves a folder that tells the next
   * rotation to collect every unlisted blob.
   */
  async rotate(): Promise<void> {
    // A partial or deleting folder not being written now is what an interrupted backup or rotation (crash, SIGKILL) left.
    const leftovers = (await fsp.readdir(this.backupsDir)).filter(
      (n) => n.startsWith('.') && (n.endsWith('.partial') || n.endsWith('.deleting')) && !this.building.has(n),
    );
    const all = await this.list();
    const keep = backupsToKeep(all, this.now(), this.rules());
    /** Blobs listed by a dropped snapshot: removed unless a kept one lists them too. */
    const dropped = new Set<string>();
    const pause = slicer();
    const doomed: string[] = [];
    for (const b of all) {
      if (keep.has(b.id)) continue;
      // Renamed out of sight first, so that a removal cut short never leaves a half snapshot on offer.
      const to = path.join(this.backupsDir, `.${b.id}.deleting`);
      await fsp.rename(path.join(this.backupsDir, b.id), to);
      doomed.push(to);
      const list = await this.readFileListAt(to).catch(() => null);
      const listed = list?.files ?? [];
      for (let i = 0; i < listed.length; i++) {
        dropped.add(listed[i][1]);
        if ((i & 4095) === 0) await pause();
      }
    }
    // Blobs an interrupted backup wrote are listed nowhere: found by listing the blob folder.
    if (leftovers.length) await this.collect(null, [...keep]);
    else if (dropped.size) await this.collect(dropped, [...keep]);
    for (const d of [...doomed, ...leftovers.map((n) => path.join(this.backupsDir, n))]) await removeTree(d);
  }

  /**
   * Removes blobs no kept snapshot lists: the given candidates (checked
   * against each kept file list, newest first, until none is left), or with
   * null every blob in the folder.
   */
  private async collect(candidates: Set<string> | null, kept: string[]): Promise<void> {
    let doubtful = candidates;
    if (doubtful === null) {
      doubtful = new Set();
      let subs: string[];
      try {
        subs = await fsp.readdir(this.blobsDir);
      } catch {
        return;
      }
      for (const sub of subs) {
        for (const n of await fsp.readdir(path.join(this.blobsDir, sub)).catch(() => [] as string[])) {
          if (/^[0-9a-f]{64}$/.test(n)) doubtful.add(n);
          // A blob write cut short by the kill.
          else if (isTempName(n)) await fsp.rm(path.join(this.blobsDir, sub, n), { force: true });
        }
      }
    }
    const pause = slicer();
    for (const id of kept) {
      if (!doubtful.size) break;
      let list: FileList | null;
      try {
        list = await this.readFileList(id);
      } catch {
        continue; // unreadable: it cannot be restored from, so it keeps nothing
      }
      if (!list) continue; // a snapshot made before blobs lists none
      for (let i = 0; i < list.files.length; i++) {
        doubtful.delete(list.files[i][1]);
        if (i % 4096 === 0) await pause();
      }
    }
    for (const h of doubtful) {
      await fsp.rm(this.blobPath(h), { force: true });
      await pause();
    }
  }

  /** Newest-first paths of a store file inside each backup that holds it. */
  async candidatesFor(relPath: string): Promise<{ backupId: string; file: string }[]> {
    const out: { backupId: string; file: string }[] = [];
    for (const b of await this.list()) {
      const file = await this.fileIn(b.id, relPath).catch(() => null);
      if (file) out.push({ backupId: b.id, file });
    }
    return out;
  }
}
