import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { writeFileDurable } from './durable-file';

const HEADER = 'redaksi-summary-index 1';

/** One document as the index knows it: the list fields, and the file they were taken from. */
export interface SummaryEntry<S> {
  /** Identity of the file read (inode, size, mtime): every write replaces the file, so a match means the same content. */
  key: string;
  s: S;
}

/**
 * The file identity compared at start. Writes never change a file in place
 * (temp → rename), so two successive writes of a document always differ in
 * inode; time is taken to the millisecond, which every file system keeps.
 */
export function fileKey(st: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>): string {
  return `${st.ino}:${st.size}:${Math.trunc(st.mtimeMs)}`;
}

export function statKey(file: string): string | null {
  try {
    return fileKey(statSync(file));
  } catch {
    return null;
  }
}

/**
 * The identity of a collection folder: its inode and modification time in
 * nanoseconds. Every durable write creates a temp file and renames it into
 * the folder, and every removal unlinks one, so any of them changes it.
 */
export function dirKey(dir: string): string | null {
  try {
    const st = statSync(dir, { bigint: true });
    return `${st.ino}:${st.mtimeNs}`;
  } catch {
    return null;
  }
}

/**
 * The compact summary index of one collection (issue 22): the list fields of
 * every document, in one file beside the store (`<data>/index/<name>.jsonl`),
 * so that start-up reads one file and `stat`s the shards instead of parsing
 * every document. Documents are read when used.
 *
 * The index is a cache, never the truth: each entry carries the key of the
 * file it was made from, and at start every shard's key is compared with it.
 * A shard written after its entry (a crash between the two, an entry lost with
 * the page cache, a restore, a migration, a hand edit) does not match and is
 * read again; an entry without a shard is dropped; a missing, damaged or
 * foreign index is rebuilt from the shards. So lines are appended without
 * fsync, and a torn line is skipped. The file lives outside `store/` so that
 * backups neither copy it on every save nor restore a stale one.
 */
export class SummaryIndex<S> {
  readonly file: string;
  private lines = 0;
  /** Whether the last `read` found a file of this format (else it must be written before anything is appended). */
  found = false;
  private writing: Promise<void> = Promise.resolve();
  /** The folder key of the seal that ends the file, if the last line read was one (see `seal`). */
  sealed: string | null = null;
  /** Rewrites asked for and not yet on disk: a line appended meanwhile may be lost with the old file. */
  private rewrites = 0;
  /** A line may have been lost that way: the file must be rewritten before it is sealed again. */
  mayHaveLost = false;

  constructor(dataDir: string, readonly name: string) {
    this.file = path.join(dataDir, 'index', `${name}.jsonl`);
  }

  /** The entries in the file (last line per id wins), or an empty map when it is missing or unreadable. */
  read(): Map<string, SummaryEntry<S>> {
    const out = new Map<string, SummaryEntry<S>>();
    this.found = false;
    this.sealed = null;
    this.lines = 0;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return out;
    }
    if (!text.startsWith(HEADER + '\n')) return out;
    // A torn last line is rewritten away before anything is appended behind it.
    this.found = text.endsWith('\n');
    const lines = text.split('\n');
    // The last element is '' after a complete line, or a torn line: skipped either way.
    for (let i = 1; i < lines.length - 1; i++) {
      let rec: { id?: unknown; k?: unknown; s?: unknown; del?: unknown };
      try {
        rec = JSON.parse(lines[i]);
      } catch {
        continue;
      }
      if (typeof (rec as { seal?: unknown }).seal === 'string') {
        // Only a seal on the very last complete line counts.
        if (i === lines.length - 2) this.sealed = (rec as { seal: string }).seal;
        continue;
      }
      if (typeof rec.id !== 'string') continue;
      if (rec.del) out.delete(rec.id);
      else if (typeof rec.k === 'string' && rec.s && typeof rec.s === 'object') out.set(rec.id, { key: rec.k, s: rec.s as S });
    }
    this.lines = lines.length - 2;
    return out;
  }

  /** Lines in the file that no longer describe a document (replaced or deleted). */
  deadLines(live: number): number {
    return Math.max(0, this.lines - live);
  }

  /** Replace the file with one line per entry (durable; later appends go to the new file). */
  rewrite(entries: Map<string, SummaryEntry<S>>): Promise<void> {
    this.rewrites++;
    // This rewrite holds every entry known now, including any whose line an earlier rewrite may drop.
    this.mayHaveLost = false;
    const next = this.writing.then(async () => {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const parts = [HEADER];
      for (const [id, e] of entries) parts.push(JSON.stringify({ id, k: e.key, s: e.s }));
      this.lines = entries.size;
      // An append made while this write is in flight may be lost: its shard then fails the check at start and is read again.
      await writeFileDurable(this.file, parts.join('\n') + '\n');
    });
    this.writing = next.catch(() => undefined).finally(() => this.rewrites--);
    return next;
  }

  /** Whether a rewrite is waiting or in flight. */
  get rewriting(): boolean {
    return this.rewrites > 0;
  }

  /**
   * Ends the file with a seal: the folder key at a moment when every write
   * into the folder has its line above (the caller knows none is in flight,
   * and the folder was last changed long enough ago that a later change gets
   * another time). Fsynced, with every line before it. A start that finds the
   * seal last and the folder key unchanged needs neither to list the folder
   * nor to stat its files.
   */
  seal(key: string): boolean {
    if (this.rewriting || this.mayHaveLost) return false;
    try {
      const fd = openSync(this.file, 'a');
      try {
        writeSync(fd, JSON.stringify({ seal: key }) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.lines++;
      return true;
    } catch (err) {
      console.error('summary index', this.name, 'seal failed:', err);
      return false;
    }
  }

  /** Record one document's entry (or its deletion). Never throws: a lost line only costs one read at the next start. */
  append(id: string, entry: SummaryEntry<S> | null): void {
    try {
      const line = entry ? JSON.stringify({ id, k: entry.key, s: entry.s }) : JSON.stringify({ id, del: 1 });
      if (this.rewriting) this.mayHaveLost = true;
      appendFileSync(this.file, line + '\n');
      this.lines++;
    } catch (err) {
      console.error('summary index', this.name, 'append failed:', err);
    }
  }
}
