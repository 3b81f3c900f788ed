import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import FlexSearch, { type Index } from 'flexsearch';
import { removeStaleTemps, withRetry, writeFileDurable } from './durable-file';

/** Bump when the encoder or the file layout changes: files of another format are rebuilt. */
const FORMAT = 'redaksi-post-search 1';
/** Documents per shard: one shard exports in about 60 ms and imports in about 30 ms at most, so neither holds up a request. */
export const SHARD_DOCS = 4096;
const FILE_NAME = /^g(\d+)-s(\d+)\.idx$/;

/** Case and accent folded, so "Peresmian" finds "peresmian" and "kafe" finds "café". */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/**
 * FlexSearch with forward tokens (every word prefix is a key), so a prefix of
 * any length is one lookup, and results carry document numbers only. No
 * relevance is kept (resolution 1): lists are sorted by date. No `fastupdate`
 * register either (it doubled the memory, and export/import drops it): a
 * changed post is added again under a new number and the old number is dead
 * (see SearchIndex).
 */
function newFlex(): Index {
  return new FlexSearch.Index({
    tokenize: 'forward',
    resolution: 1,
    fastupdate: false,
    encoder: new FlexSearch.Encoder({ normalize: false, dedupe: false, prepare: foldTerm, split: WORD_SPLIT }),
  });
}

/** Identity of a post's search text: a post whose text hashes the same is not indexed again. */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64').slice(0, 16);
}

interface Shard {
  flex: Index;
  dirty: boolean;
}

const yieldToRequests = () => new Promise<void>((r) => setImmediate(r));

/**
 * The post search index, kept on disk beside the summary index
 * (`<data>/index/post-search/g<generation>-s<shard>.idx`) so that a cold open
 * imports it instead of indexing every post again (issue 22).
 *
 * Documents are numbered in the order they are added and grouped in shards
 * of SHARD_DOCS numbers, each its own FlexSearch index and its own file. A
 * post that changes is added again under the next number, in the newest
 * shard; its old number is dead (`docOf` no longer points at it) and is
 * filtered out of results. So older shards never change after they are full:
 * a save writes only the shards added to since the last one.
 *
 * The files are a cache, never the truth: each document carries the hash of
 * the text it was indexed from, and after loading every post is compared
 * with it (`reconcile`): a post changed, added or removed since (a crash
 * before the save, a restore, a sync, a hand edit) is indexed again or
 * dropped. A shard file is written whole (temp → fsync → rename) and ends
 * with a checksum; a damaged or foreign one is ignored and its posts indexed
 * again. When dead numbers outnumber live ones, the next open starts a new
 * generation from scratch, and files of older generations are removed once
 * the new one is saved.
 */
export class SearchIndex {
  private shards: Shard[] = [];
  /** Post id and text hash of each document number (holes where a shard was not loaded). */
  private postOfDoc: (string | undefined)[] = [];
  private hashOfDoc: (string | undefined)[] = [];
  /** The live document number of each indexed post. */
  readonly docOf = new Map<string, number>();
  private next = 0;
  private generation = 0;
  private saving: Promise<void> = Promise.resolve();
  /** Figures of the last `open` (tests, bench). */
  opened = { shards: 0, damaged: 0, docs: 0 };

  constructor(readonly dir: string) {}

  /** Documents ever numbered (live and dead): the size of arrays indexed by document number. */
  get capacity(): number {
    return this.next;
  }

  get deadCount(): number {
    return this.next - this.docOf.size;
  }

  /**
   * Import the newest generation's shards, one per turn of the event loop. A
   * shard that cannot be read is left out (its posts are indexed again by
   * `reconcile`). With more dead documents than live ones, nothing is
   * imported and a new generation starts.
   */
  async open(): Promise<void> {
    let names: string[];
    try {
      await removeStaleTemps(this.dir);
      names = await fsp.readdir(this.dir);
    } catch (err) {
      // Never saved yet: nothing to import (the folder is made by the first save).
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      names = [];
    }
    const files = names.map((n) => ({ n, m: FILE_NAME.exec(n) })).filter((f) => f.m);
    const newest = Math.max(-1, ...files.map((f) => Number(f.m![1])));
    this.generation = Math.max(newest, 0);
    if (newest < 0) return;
    const mine = files.filter((f) => Number(f.m![1]) === newest).sort((a, b) => Number(a.m![2]) - Number(b.m![2]));
    for (const f of mine) {
      const shardNo = Number(f.m![2]);
      let loaded: { docs: [string, string][]; flex: Index } | null;
      try {
        loaded = this.parseShard(await fsp.readFile(path.join(this.dir, f.n), 'utf8'), newest, shardNo);
      } catch {
        loaded = null;
      }
      if (!loaded) {
        this.opened.damaged++;
        continue;
      }
      this.shards[shardNo] = { flex: loaded.flex, dirty: false };
      const base = shardNo * SHARD_DOCS;
      loaded.docs.forEach(([id, hash], i) => {
        this.postOfDoc[base + i] = id;
        this.hashOfDoc[base + i] = hash;
        // Numbers grow with time: a later number of the same post replaces an earlier one.
        this.docOf.set(id, base + i);
      });
      this.next = Math.max(this.next, base + loaded.docs.length);
      this.opened.shards++;
      this.opened.docs += loaded.docs.length;
      await yieldToRequests();
    }
    if (this.deadCount > Math.max(this.docOf.size, SHARD_DOCS)) this.reset(newest + 1);
  }

  private reset(generation: number): void {
    this.shards = [];
    this.postOfDoc = [];
    this.hashOfDoc = [];
    this.docOf.clear();
    this.next = 0;
    this.generation = generation;
  }

  /** A shard file: a header line, then key and data lines of FlexSearch's export, then the checksum of all before it. */
  private parseShard(text: string, generation: number, shardNo: number): { docs: [string, string][]; flex: Index } | null {
    const end = text.lastIndexOf('\nend ');
    if (end < 0) return null;
    const body = text.slice(0, end + 1);
    if (text.slice(end + 5).trim() !== createHash('sha1').update(body).digest('hex')) return null;
    const lines = body.split('\n');
    const head = JSON.parse(lines[0]) as { format?: unknown; generation?: unknown; shard?: unknown; docs?: unknown };
    if (head.format !== FORMAT || head.generation !== generation || head.shard !== shardNo || !Array.isArray(head.docs)) return null;
    const docs = head.docs as [string, string][];
    if (docs.length > SHARD_DOCS || !docs.every((d) => Array.isArray(d) && typeof d[0] === 'string' && typeof d[1] === 'string')) return null;
    const flex = newFlex();
    // The last element is the '' after the final newline.
    for (let i = 1; i + 1 < lines.length - 1; i += 2) flex.import(lines[i], lines[i + 1]);
    return { docs, flex };
  }

  /** The hash the index holds for a post's live document, if any. */
  hashOf(id: string): string | undefined {
    const d = this.docOf.get(id);
    return d === undefined ? undefined : this.hashOfDoc[d];
  }

  /** Index a post's text under a new number; returns the number it had before, if any (now dead). */
  add(id: string, text: string, hash = textHash(text)): { doc: number; old: number | undefined } {
    const doc = this.next++;
    const shardNo = Math.floor(doc / SHARD_DOCS);
    const shard = (this.shards[shardNo] ??= { flex: newFlex(), dirty: true });
    shard.flex.add(doc, text);
    shard.dirty = true;
    this.postOfDoc[doc] = id;
    this.hashOfDoc[doc] = hash;
    const old = this.docOf.get(id);
    this.docOf.set(id, doc);
    return { doc, old };
  }

  /** Forget a post; returns its (now dead) number. */
  remove(id: string): number | undefined {
    const old = this.docOf.get(id);
    this.docOf.delete(id);
    return old;
  }

  /** Document numbers (live and dead) whose text has a word beginning with `word`, per shard. */
  *search(word: string): Generator<number[]> {
    for (const shard of this.shards) if (shard) yield shard.flex.search(word, { limit: Number.MAX_SAFE_INTEGER }) as number[];
  }

  get dirty(): boolean {
    return this.shards.some((s) => s?.dirty);
  }

  /**
   * Write the shards changed since the last save (durably, one per turn of
   * the event loop), then remove files of older generations. Saves are
   * serialised; a failed save leaves the shard dirty for the next one.
   */
  save(): Promise<void> {
    const run = this.saving.then(async () => {
      try {
        await fsp.mkdir(this.dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The data folder's index folder is gone (the folder was removed while open): nothing to save into.
        if (code === 'ENOENT') return;
        if (code !== 'EEXIST') throw err;
      }
      for (let k = 0; k < this.shards.length; k++) {
        const shard = this.shards[k];
        if (!shard?.dirty) continue;
        shard.dirty = false;
        try {
          await writeFileDurable(path.join(this.dir, `g${this.generation}-s${k}.idx`), this.serialize(k, shard));
        } catch (err) {
          shard.dirty = true;
          throw err;
        }
        await yieldToRequests();
      }
      for (const n of await fsp.readdir(this.dir)) {
        const m = FILE_NAME.exec(n);
        if (m && Number(m[1]) !== this.generation) await withRetry(() => fsp.rm(path.join(this.dir, n), { force: true }));
      }
    });
    this.saving = run.catch(() => undefined);
    return run;
  }

  private serialize(k: number, shard: Shard): string {
    const base = k * SHARD_DOCS;
    const count = Math.min(SHARD_DOCS, this.next - base);
    const docs: [string, string][] = [];
    for (let i = 0; i < count; i++) docs.push([this.postOfDoc[base + i] ?? '', this.hashOfDoc[base + i] ?? '']);
    const parts = [JSON.stringify({ format: FORMAT, generation: this.generation, shard: k, docs })];
    // FlexSearch exports synchronously when the handler returns nothing; JSON never holds a raw newline.
    void shard.flex.export((key: string, data: string) => {
      parts.push(key, data);
    });
    const body = parts.join('\n') + '\n';
    return `${body}end ${createHash('sha1').update(body).digest('hex')}\n`;
  }
}
