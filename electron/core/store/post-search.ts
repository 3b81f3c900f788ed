import path from 'node:path';
import { POST_STATUSES, type PostListEntry, type PostStatus } from '@shared/domain/post';
import { SearchIndex, WORD_SPLIT, foldTerm, textHash } from './search-index';
import { slicer } from './slices';
import type { Store } from './store';

export { foldTerm };
export type PostCounts = Record<PostStatus | 'trash', number>;

/**
 * The summary text of a post. The body is left out: measured at 10k posts of
 * 650 words, indexing it took 20 s of CPU and over 300 MB, and a one-letter
 * prefix 15 s per query (see the store-scale bench).
 */
type SearchFields = Pick<PostListEntry, 'id' | 'title' | 'lead' | 'category' | 'authorCredit' | 'tags'>;

function searchText(p: SearchFields): string {
  return [p.title, p.lead, p.category, p.authorCredit, ...p.tags].join(' ');
}

/** The same fields and the same matching (every word of the query begins a word of the post), scanned: the answer while the index is being built. */
export function matchesSummary(p: SearchFields, query: string): boolean {
  const words = foldTerm(searchText(p)).split(WORD_SPLIT);
  return foldTerm(query)
    .split(WORD_SPLIT)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}

/** Where the search index is kept: beside the summary index, outside store/ (never backed up or synced). */
export function searchIndexDir(store: Store): string {
  return path.join(store.dataDir, 'index', 'post-search');
}

/** After a write has reached the index, its shard is saved this long after the last one (a crash before only costs re-indexing those posts). */
const SAVE_DELAY_MS = 10_000;

/** A post's list filter as one byte, kept per document number: 0 for none, else 1 + its status, plus TRASHED. */
const TRASHED = 64;
const STATUS_CODE = new Map(POST_STATUSES.map((s, i) => [s, i + 1]));
function listCode(p: PostListEntry): number {
  return STATUS_CODE.get(p.status)! | (p.deletedAt ? TRASHED : 0);
}

function newestFirst(a: PostListEntry, b: PostListEntry): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id);
}

/**
 * The posts list and its full-text search, over the list fields of the
 * store's summary index (no post file is read).
 *
 * The search index (search-index.ts) is loaded from disk, or built, in the
 * background on the first query, in slices; until it is ready queries scan
 * the summaries, so no request waits on it. It is kept in step
 * incrementally: the store's change events mark the posts written since,
 * indexed right after the save is answered (or by the next query, if it
 * comes first). Beside the sorted list a typed array holds each position's
 * document number (`docAt`), so a keystroke costs one lookup per word, one
 * pass over the matches and one over the list, with no map lookup or sort
 * per post. A saved post moves in the list by a binary search and two block
 * moves: nothing is renumbered, so an edit of an old post costs the same as
 * one of a new post (at 100k posts, renumbering the positions it passed cost
 * 50–90 ms on the first keystroke after the edit). Beside each live document
 * number its status and trash flag are kept as a byte (`docCode`), so the
 * number of matches is counted over a typed array and the walk of the list
 * stops at the end of the page: a one-letter query that matches every post
 * no longer visits every post's entry (at 100k, 43–66 ms on the first
 * keystroke).
 */
export class PostSearch {
  private index: SearchIndex | null = null;
  private changed = new Set<string>();
  private building: Promise<void> | null = null;
  private ready = false;
  private generation = -1;
  /** The live document number of the post at each position of `sorted` (-1: not indexed yet, or no index in use). */
  private docAt = new Int32Array(0);
  /** By live document number: the post's `listCode` (0: a dead number, or none yet). */
  private docCode = new Uint8Array(0);
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly store: Store) {
    store.changes.subscribe((e) => {
      if (e.collection !== 'posts') return;
      this.changed.add(e.id);
      this.resorted.add(e.id);
      this.resortedEvents++;
      this.catchUpSoon();
    });
  }

  private catchUpTimer: NodeJS.Immediate | null = null;

  /**
   * Once the index is in use, a saved post is moved in the list and indexed
   * right after its save is answered (under 1 ms per post, between
   * requests), not by the next keystroke, which then finds nothing to catch
   * up on.
   */
  private catchUpSoon(): void {
    if (!this.ready || this.catchUpTimer) return;
    this.catchUpTimer = setImmediate(() => {
      this.catchUpTimer = null;
      if (this.ready && this.generation === this.store.loadCount) this.catchUp();
    });
    this.catchUpTimer.unref?.();
  }

  private sorted: PostListEntry[] | null = null;
  /** The entry of each post as it stands in `sorted` (its sort key finds its position). */
  private entryOf = new Map<string, PostListEntry>();
  private sortedLoad = -1;
  private sortedChanges = -1;
  /** Posts written since the last sort, and how many write events that was. */
  private resorted = new Set<string>();
  private resortedEvents = 0;

  /** Every post's list fields, newest change first; after a few writes only the written posts move. */
  newestFirst(): PostListEntry[] {
    const { loadCount } = this.store;
    const { listChanges } = this.store.posts;
    if (this.sorted && this.sortedLoad === loadCount && this.sortedChanges === listChanges) return this.sorted;
    // Every change since the sort came as a write event: move those posts (a few) or merge them in (many)
    // instead of sorting everything again; the posts not written keep their order.
    const incremental = this.sorted && this.sortedLoad === loadCount && listChanges - this.sortedChanges === this.resortedEvents;
    if (incremental && this.resorted.size <= 64) this.move(this.sorted!, [...this.resorted]);
    else if (incremental) this.mergeIn(this.sorted!, [...this.resorted]);
    else {
      this.sorted = this.store.posts.summaries().sort(newestFirst);
      this.entryOf = new Map(this.sorted.map((p) => [p.id, p]));
      this.placeAll();
    }
    this.sortedLoad = loadCount;
    this.sortedChanges = listChanges;
    this.countsCache = null;
    this.resorted.clear();
    this.resortedEvents = 0;
    return this.sorted!;
  }

  /** Moves each written post to its place (removed, changed or new): found by its old sort key, inserted by its new one. */
  private move(sorted: PostListEntry[], ids: string[]): void {
    for (const id of ids) {
      const was = this.entryOf.get(id);
      if (was) {
        const old = positionOf(sorted, was);
        this.setCode(this.docAt[old], 0);
        sorted.splice(old, 1);
        this.docAt.copyWithin(old, old + 1, sorted.length + 1);
        this.entryOf.delete(id);
      }
      const entry = this.store.posts.summary(id);
      if (!entry) continue;
      const at = lowerBound(sorted, entry);
      sorted.splice(at, 0, entry);
      this.growDocAt(sorted.length);
      this.docAt.copyWithin(at + 1, at, sorted.length - 1);
      this.docAt[at] = this.liveDoc(id);
      this.setCode(this.docAt[at], listCode(entry));
      this.entryOf.set(id, entry);
    }
  }

  private growDocAt(size: number): void {
    if (size <= this.docAt.length) return;
    const grown = new Int32Array(Math.max(1024, size * 2)).fill(-1);
    grown.set(this.docAt);
    this.docAt = grown;
  }

  /** Records the list code of a document number (none for -1). */
  private setCode(doc: number, code: number): void {
    if (doc < 0) return;
    if (doc >= this.docCode.length) {
      const grown = new Uint8Array(Math.max(1024, (doc + 1) * 2));
      grown.set(this.docCode);
      this.docCode = grown;
    }
    this.docCode[doc] = code;
  }

  /** The post's live document number, once the index is in use. */
  private liveDoc(id: string): number {
    return this.ready ? (this.index?.docOf.get(id) ?? -1) : -1;
  }

  /** Many posts written since the last sort: sorted alone and merged with the others, which keep their order. */
  private mergeIn(sorted: PostListEntry[], ids: string[]): void {
    const written = new Set(ids);
    const fresh: PostListEntry[] = [];
    for (const id of ids) {
      const entry = this.store.posts.summary(id);
      if (entry) fresh.push(entry);
    }
    fresh.sort(newestFirst);
    const out: PostListEntry[] = [];
    let i = 0;
    let j = 0;
    while (i < sorted.length || j < fresh.length) {
      if (i < sorted.length && written.has(sorted[i].id)) i++;
      else if (j < fresh.length && (i === sorted.length || newestFirst(fresh[j], sorted[i]) <= 0)) out.push(fresh[j++]);
      else out.push(sorted[i++]);
    }
    this.sorted = out;
    for (const id of ids) this.entryOf.delete(id);
    for (const p of fresh) this.entryOf.set(p.id, p);
    this.placeAll();
  }

  /** The document number at every position, from scratch (after a full sort, a merge, or the index becoming ready). */
  private placeAll(evenIfNotReady = false): void {
    const sorted = this.sorted ?? [];
    this.docAt = new Int32Array(Math.max(1024, sorted.length * 2)).fill(-1);
    if (!this.index || (!this.ready && !evenIfNotReady)) return;
    const { docOf } = this.index;
    this.docCode = new Uint8Array(Math.max(1024, this.index.capacity * 2));
    for (let r = 0; r < sorted.length; r++) {
      const d = docOf.get(sorted[r].id) ?? -1;
      this.docAt[r] = d;
      if (d >= 0) this.docCode[d] = listCode(sorted[r]);
    }
  }

  /**
   * `placeAll` for the end of a build, in slices between which requests are
   * served. Writes in between are moved in the list by its next look, from
   * these arrays; if a look moved posts during the pass, the pass starts
   * again (after three, it finishes in one go). False when the store was
   * reloaded meanwhile.
   */
  private async placeAllSliced(generation: number): Promise<boolean> {
    const pause = slicer();
    const { docOf } = this.index!;
    for (let attempt = 0; ; attempt++) {
      const sorted = this.newestFirst();
      // The list's own version: a look at the list (a page asked for meanwhile) moves the posts written since.
      const version = this.sortedChanges;
      if (attempt === 3) {
        this.placeAll(true);
        return true;
      }
      const docAt = new Int32Array(Math.max(1024, sorted.length * 2)).fill(-1);
      const docCode = new Uint8Array(Math.max(1024, this.index!.capacity * 2));
      let moved = false;
      for (let r = 0; r < sorted.length; r++) {
        const d = docOf.get(sorted[r].id) ?? -1;
        docAt[r] = d;
        if (d >= 0) docCode[d] = listCode(sorted[r]);
        if ((r & 255) === 255 && (await pause())) {
          if (generation !== this.generation) return false;
          if (this.sortedChanges !== version || this.sorted !== sorted) {
            moved = true;
            break;
          }
        }
      }
      if (moved) continue;
      this.docAt = docAt;
      this.docCode = docCode;
      return true;
    }
  }

  private countsCache: PostCounts | null = null;

  /** Posts per status and in the trash (counted once per change of the list). */
  counts(): PostCounts {
    const sorted = this.newestFirst();
    if (!this.countsCache) {
      const counts = Object.fromEntries([...POST_STATUSES, 'trash'].map((s) => [s, 0])) as PostCounts;
      for (const p of sorted) {
        if (p.deletedAt) counts.trash++;
        else counts[p.status]++;
      }
      this.countsCache = counts;
    }
    return this.countsCache;
  }

  /**
   * One page of posts, newest change first, with the number of matches:
   * the list and search of `posts.list`. Matches are marked by their
   * position in the sorted list, so a page costs one pass over the matches
   * and one over the marks.
   */
  async page(opts: { query: string; trash: boolean; status?: PostStatus; offset: number; limit: number }): Promise<{ items: PostListEntry[]; total: number }> {
    const sorted = this.newestFirst();
    const keep = (p: PostListEntry) => Boolean(p.deletedAt) === opts.trash && (!opts.status || p.status === opts.status);
    const items: PostListEntry[] = [];
    let total = 0;
    const take = (p: PostListEntry) => {
      if (!keep(p)) return;
      if (total >= opts.offset && items.length < opts.limit) items.push(p);
      total++;
    };
    const words = foldTerm(opts.query).split(WORD_SPLIT).filter(Boolean);
    if (!words.length) {
      // Without a query the total is known from the counts: walk only as far as the page.
      const counts = this.counts();
      // Counts of the trash are not kept per status: that one combination walks the whole list.
      const known = opts.trash ? (opts.status ? null : counts.trash) : opts.status ? counts[opts.status] : POST_STATUSES.reduce((n, s) => n + counts[s], 0);
      for (const p of sorted) {
        if (known !== null && total >= opts.offset + opts.limit) break;
        take(p);
      }
      return { items, total: known ?? total };
    }
    const marks = this.matchMarks(words);
    if (marks) {
      const all = Math.min(words.length, 255);
      // The total from the marks and each number's list code; the list walked only as far as the page.
      const codes = this.docCode;
      const want = opts.status ? STATUS_CODE.get(opts.status)! | (opts.trash ? TRASHED : 0) : -1;
      const trashBit = opts.trash ? TRASHED : 0;
      const n = Math.min(marks.length, codes.length);
      for (let d = 0; d < n; d++) {
        if (marks[d] !== all) continue;
        const c = codes[d];
        if (c !== 0 && (want < 0 ? (c & TRASHED) === trashBit : c === want)) total++;
      }
      const docAt = this.docAt;
      let seen = 0;
      for (let r = 0; r < sorted.length && items.length < opts.limit; r++) {
        const d = docAt[r];
        if (d < 0 || marks[d] !== all || !keep(sorted[r])) continue;
        if (seen++ >= opts.offset) items.push(sorted[r]);
      }
      return { items, total };
    }
    // The index is still loading or being built: a plain scan, in slices so that other requests are served meanwhile.
    // A copy: writes meanwhile move posts inside the sorted list.
    const pause = slicer();
    for (const p of sorted.slice()) {
      if (matchesSummary(p, opts.query)) take(p);
      await pause();
    }
    return { items, total };
  }

  /**
   * For each document number, how many of the words (in order) it matched:
   * equal to the word count for a match (dead numbers are marked too, and
   * never looked at: `docAt` holds live ones only). Null while the index is
   * being loaded or built.
   */
  private matchMarks(words: string[]): Uint8Array | null {
    if (!this.catchUp()) return null;
    const marks = new Uint8Array(this.index!.capacity);
    words.slice(0, 255).forEach((w, i) => {
      for (const docs of this.index!.search(w)) {
        for (const d of docs) if (marks[d] === i) marks[d] = i + 1;
      }
    });
    return marks;
  }

  /** Ids of the posts matching every word of `query` (words match as prefixes), or null while the index is being built. */
  search(query: string): Set<string> | null {
    const sorted = this.newestFirst();
    const words = foldTerm(query).split(WORD_SPLIT).filter(Boolean);
    const marks = this.matchMarks(words);
    if (!marks) return null;
    const out = new Set<string>();
    if (!words.length) return out;
    const all = Math.min(words.length, 255);
    for (let r = 0; r < sorted.length; r++) {
      const d = this.docAt[r];
      if (d >= 0 && marks[d] === all) out.add(sorted[r].id);
    }
    return out;
  }

  /** Resolves when the index is loaded or built (tests, bench). */
  async whenReady(): Promise<void> {
    this.catchUp();
    await this.building;
  }

  /** Figures of the last load: shards imported from disk, shards found damaged, posts indexed again (tests, bench). */
  get loaded(): (SearchIndex['opened'] & { indexed: number }) | null {
    return this.index ? { ...this.index.opened, indexed: this.indexedAtLoad } : null;
  }

  private indexedAtLoad = 0;

  /** Saves the index now (tests, bench); normally saved after loading and a few seconds after writes reach it. */
  async save(): Promise<void> {
    await this.building;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.index) await this.index.save();
  }

  /** Starts the load on first use; once ready, indexes the posts written since. False until ready. */
  private catchUp(): boolean {
    if (this.generation !== this.store.loadCount) {
      // A restore reloaded the store: load again (the files are checked against the posts, so they stay usable).
      this.generation = this.store.loadCount;
      this.index = null;
      this.ready = false;
      this.building = null;
      this.changed = new Set();
    }
    if (!this.ready) {
      this.building ??= this.build().catch((err) => {
        console.error('search index build failed:', err);
        this.building = null;
      });
      return false;
    }
    if (!this.changed.size) return true;
    // Positions first, so that newly indexed posts are found where they now stand.
    this.newestFirst();
    for (const id of this.changed) this.reindex(id);
    this.changed.clear();
    this.scheduleSave();
    return true;
  }

  /** Brings one post's entry in the index in line with its summary. */
  private reindex(id: string, known?: PostListEntry): void {
    const index = this.index!;
    const p = known ?? this.store.posts.summary(id);
    if (!p) {
      // Gone from the list too (moved out of `sorted` before this runs): its number is dead.
      index.remove(id);
      return;
    }
    const text = searchText(p);
    const hash = textHash(text);
    if (index.hashOf(id) === hash) return;
    const { doc } = index.add(id, text, hash);
    if (!this.ready) {
      this.indexedAtLoad++;
      return;
    }
    const entry = this.entryOf.get(id);
    if (entry && this.sorted) {
      const at = positionOf(this.sorted, entry);
      this.setCode(this.docAt[at], 0);
      this.docAt[at] = doc;
      this.setCode(doc, listCode(entry));
    }
  }

  /**
   * Loads the saved index, then checks every post against it (indexing the
   * ones changed or added since it was saved and dropping removed ones), in
   * slices between which requests are served; saves what changed.
   */
  private async build(): Promise<void> {
    const generation = this.generation;
    const index = new SearchIndex(searchIndexDir(this.store));
    await index.open();
    if (generation !== this.generation) return;
    this.index = index;
    this.indexedAtLoad = 0;
    // Writes made while this runs are marked in `changed` and caught up by the first query after it.
    const posts = this.store.posts.summaries();
    const live = new Set<string>();
    const pause = slicer();
    for (const p of posts) {
      live.add(p.id);
      this.reindex(p.id, p);
      if (await pause()) if (generation !== this.generation) return;
    }
    for (const id of [...index.docOf.keys()]) {
      if (!live.has(id) && !this.store.posts.summary(id)) index.remove(id);
      if (await pause()) if (generation !== this.generation) return;
    }
    // The document number of every position, in slices too (at 100k a pass takes 60 ms cold).
    if (!(await this.placeAllSliced(generation))) return;
    this.ready = true;
    this.scheduleSave();
    // Posts saved while it was built are taken in now, not by the next keystroke.
    if (this.changed.size) this.catchUpSoon();
  }

  private scheduleSave(): void {
    if (this.saveTimer || !this.index?.dirty) return;
    const index = this.index;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void index.save().catch((err) => console.error('search index save failed:', err));
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }
}

/** The first position whose entry does not come before `entry` (where it goes, or where it is). */
function lowerBound(sorted: PostListEntry[], entry: PostListEntry): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (newestFirst(sorted[m], entry) < 0) a = m + 1;
    else b = m;
  }
  return a;
}

/** Where an entry of `sorted` stands (entries are ordered by a key unique per post). */
function positionOf(sorted: PostListEntry[], entry: PostListEntry): number {
  const at = lowerBound(sorted, entry);
  if (sorted[at] === entry) return at;
  // Never expected (the key of an entry in the list does not change); a scan keeps the list right if it did.
  const found = sorted.indexOf(entry);
  if (found < 0) throw new Error(`post list: entry ${entry.id} not in the list`);
  return found;
}

const instances = new WeakMap<Store, PostSearch>();

export function postSearch(store: Store): PostSearch {
  let s = instances.get(store);
  if (!s) instances.set(store, (s = new PostSearch(store)));
  return s;
}
