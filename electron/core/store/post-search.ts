import FlexSearch, { type Index } from 'flexsearch';
import { POST_STATUSES, type PostListEntry, type PostStatus } from '@shared/domain/post';

export type PostCounts = Record<PostStatus | 'trash', number>;
import type { Store } from './store';

/** Case and accent folded, so "Peresmian" finds "peresmian" and "kafe" finds "café". */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * The summary text of a post. The body is left out: measured at 10k posts of
 * 650 words, indexing it took 20 s of CPU and over 300 MB, and a one-letter
 * prefix 15 s per query (see the store-scale bench).
 */
type SearchFields = Pick<PostListEntry, 'id' | 'title' | 'lead' | 'category' | 'authorCredit' | 'tags'>;

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

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

/**
 * FlexSearch with forward tokens (every word prefix is a key), so a prefix of
 * any length is one lookup, and results carry ids only: MiniSearch, used
 * before, scored and sorted every match, 0.3–1.7 s per keystroke at 100k
 * posts. No relevance is kept (resolution 1): the list is sorted by date.
 * `fastupdate` keeps a register per id so that an edit does not scan the index.
 */
function newIndex(): Index {
  return new FlexSearch.Index({
    tokenize: 'forward',
    resolution: 1,
    fastupdate: true,
    encoder: new FlexSearch.Encoder({ normalize: false, dedupe: false, prepare: foldTerm, split: WORD_SPLIT }),
  });
}

function newestFirst(a: PostListEntry, b: PostListEntry): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id);
}

/** Posts indexed per slice of the background build, between which requests are served. */
const BUILD_SLICE = 1_000;

/**
 * Full-text index of the posts (FlexSearch) over the list fields of the
 * store's summary index (no post file is read), kept in step incrementally:
 * the store's change events mark the posts written since, and the next query
 * re-indexes only those. The first query builds the index in the background,
 * in slices; until it is ready queries scan the summaries, so no request
 * waits on the build.
 */
export class PostSearch {
  private index = newIndex();
  private indexed = new Set<string>();
  private changed = new Set<string>();
  private building: Promise<void> | null = null;
  private ready = false;
  private generation = -1;

  constructor(private readonly store: Store) {
    store.changes.subscribe((e) => {
      if (e.collection !== 'posts') return;
      this.changed.add(e.id);
      this.resorted.add(e.id);
      this.resortedEvents++;
    });
  }

  private sorted: PostListEntry[] | null = null;
  /** Position of each post in `sorted`. */
  private rank = new Map<string, number>();
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
    // Every change since the sort came as a write event: move those posts instead of sorting everything again.
    const incremental = this.sorted && this.sortedLoad === loadCount && listChanges - this.sortedChanges === this.resortedEvents && this.resorted.size <= 64;
    if (incremental) this.move(this.sorted!, [...this.resorted]);
    else {
      this.sorted = this.store.posts.summaries().sort(newestFirst);
      this.rank = new Map(this.sorted.map((p, i) => [p.id, i]));
    }
    this.sortedLoad = loadCount;
    this.sortedChanges = listChanges;
    this.countsCache = null;
    this.resorted.clear();
    this.resortedEvents = 0;
    return this.sorted!;
  }

  /** Moves each written post to its place (removed, changed or new); positions are renumbered over the span that shifted. */
  private move(sorted: PostListEntry[], ids: string[]): void {
    for (const id of ids) {
      const old = this.rank.get(id);
      if (old !== undefined) {
        sorted.splice(old, 1);
        this.rank.delete(id);
      }
      const entry = this.store.posts.summary(id);
      let at: number | undefined;
      if (entry) {
        let a = 0;
        let b = sorted.length;
        while (a < b) {
          const m = (a + b) >>> 1;
          if (newestFirst(sorted[m], entry) < 0) a = m + 1;
          else b = m;
        }
        sorted.splice(a, 0, entry);
        at = a;
      }
      if (old === undefined && at === undefined) continue;
      const from = Math.min(old ?? at!, at ?? old!);
      const to = old !== undefined && at !== undefined ? Math.max(old, at) : sorted.length - 1;
      for (let i = from; i <= to; i++) this.rank.set(sorted[i].id, i);
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
   * the list and search of `posts.list`. Matches are taken as positions in
   * the sorted list (one lookup per word in the index, intersected over
   * positions), so a page costs the matches' count, not a scan with a
   * membership test per post.
   */
  page(opts: { query: string; trash: boolean; status?: PostStatus; offset: number; limit: number }): { items: PostListEntry[]; total: number } {
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
    const ranks = this.matchRanks(words, sorted.length);
    if (ranks) for (const r of ranks) take(sorted[r]);
    else for (const p of sorted) if (matchesSummary(p, opts.query)) take(p);
    return { items, total };
  }

  /** Positions (ascending) of the posts matching every word, or null while the index is being built. */
  private matchRanks(words: string[], size: number): Int32Array | null {
    if (this.search('') === null) return null;
    const perWord = words.map((w) => {
      const ids = this.index.search(w, { limit: Number.MAX_SAFE_INTEGER }) as string[];
      const out = new Int32Array(ids.length);
      let n = 0;
      for (const id of ids) {
        const r = this.rank.get(id);
        if (r !== undefined) out[n++] = r;
      }
      return out.subarray(0, n);
    });
    perWord.sort((a, b) => a.length - b.length);
    let result = perWord[0];
    for (const other of perWord.slice(1)) {
      const seen = new Uint8Array(size);
      for (const r of other) seen[r] = 1;
      result = result.filter((r) => seen[r] === 1);
    }
    return result.slice().sort();
  }

  /** Ids of the posts matching every word of `query` (words match as prefixes), or null while the index is being built. */
  search(query: string): Set<string> | null {
    if (this.generation !== this.store.loadCount) {
      this.generation = this.store.loadCount;
      this.index = newIndex();
      this.indexed = new Set();
      this.changed = new Set();
      this.ready = false;
      this.building = null;
    }
    if (!this.ready) {
      this.building ??= this.build().catch((err) => {
        console.error('search index build failed:', err);
        this.building = null;
      });
      return null;
    }
    this.catchUp();
    if (!foldTerm(query).split(WORD_SPLIT).some(Boolean)) return new Set();
    return new Set(this.index.search(query, { limit: Number.MAX_SAFE_INTEGER }) as string[]);
  }

  /** Resolves when the index is built (tests, bench). */
  async whenReady(): Promise<void> {
    this.search('');
    await this.building;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    // Writes made while the build runs are marked in `changed` and caught up by the first query after it.
    const posts = this.store.posts.summaries();
    for (let i = 0; i < posts.length; i += BUILD_SLICE) {
      for (const p of posts.slice(i, i + BUILD_SLICE)) this.index.add(p.id, searchText(p));
      await new Promise((r) => setImmediate(r));
      if (generation !== this.generation) return;
    }
    for (const p of posts) this.indexed.add(p.id);
    this.ready = true;
  }

  private catchUp(): void {
    if (!this.changed.size) return;
    for (const id of this.changed) {
      const p = this.store.posts.summary(id);
      const had = this.indexed.has(id);
      if (p && had) this.index.update(id, searchText(p));
      else if (p) this.index.add(id, searchText(p));
      else if (had) this.index.remove(id);
      if (p) this.indexed.add(id);
      else this.indexed.delete(id);
    }
    this.changed.clear();
  }
}

const instances = new WeakMap<Store, PostSearch>();

export function postSearch(store: Store): PostSearch {
  let s = instances.get(store);
  if (!s) instances.set(store, (s = new PostSearch(store)));
  return s;
}
