import { appendFileSync, mkdirSync, readFileSync, statSync, type Stats } from 'node:fs';
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

  constructor(dataDir: string, readonly name: string) {
    this.file = path.join(dataDir, 'index', `${name}.jsonl`);
  }

  /** The entries in the file (last line per id wins), or an empty map when it is missing or unreadable. */
  read(): Map<string, SummaryEntry<S>> {
    const out = new Map<string, SummaryEntry<S>>();
    this.found = false;
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
    const next = this.writing.then(async () => {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const parts = [HEADER];
      for (const [id, e] of entries) parts.push(JSON.stringify({ id, k: e.key, s: e.s }));
      this.lines = entries.size;
      // An append made while this write is in flight may be lost: its shard then fails the check at start and is read again.
      await writeFileDurable(this.file, parts.join('\n') + '\n');
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Record one document's entry (or its deletion). Never throws: a lost line only costs one read at the next start. */
  append(id: string, entry: SummaryEntry<S> | null): void {
    try {
      const line = entry ? JSON.stringify({ id, k: entry.key, s: entry.s }) : JSON.stringify({ id, del: 1 });
      appendFileSync(this.file, line + '\n');
      this.lines++;
    } catch (err) {
      console.error('summary index', this.name, 'append failed:', err);
    }
  }
}
