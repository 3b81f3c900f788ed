import MiniSearch from 'minisearch';
import type { Post } from '../../../shared/domain/post';
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
const FIELDS = ['title', 'lead', 'category', 'authorCredit', 'tags'] as const;

/** The same fields and the same matching (every word, as a prefix when longer than one letter), scanned: the answer while the index is being built. */
export function matchesSummary(p: Post, query: string): boolean {
  const words = foldTerm([p.title, p.lead, p.category, p.authorCredit, ...p.tags].join(' ')).split(/[^\p{L}\p{N}]+/u);
  return foldTerm(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .every((q) => (q.length > 1 ? words.some((w) => w.startsWith(q)) : words.includes(q)));
}

function newIndex(): MiniSearch<Post> {
  return new MiniSearch<Post>({
    fields: [...FIELDS],
    storeFields: [],
    extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : String(doc[field as keyof Post] ?? '')),
    processTerm: (term) => foldTerm(term) || null,
    // A one-letter prefix would expand to most of the vocabulary: it matches whole words only.
    searchOptions: { prefix: (term) => term.length > 1, combineWith: 'AND', processTerm: (term) => foldTerm(term) || null },
  });
}

/**
 * Full-text index of the posts (MiniSearch), kept in step incrementally:
 * each query compares the store's post objects with the ones indexed (a save
 * replaces the object) and re-indexes only what changed. The first query
 * builds the index in the background, in slices; until it is ready queries
 * scan the posts as before, so no request waits on the build.
 */
export class PostSearch {
  private index = newIndex();
  private indexed = new Map<string, Post>();
  private building: Promise<void> | null = null;
  private ready = false;
  private generation = -1;

  constructor(private readonly store: Store) {}

  /** Ids of the posts matching every word of `query` (words match as prefixes), or null while the index is being built. */
  search(query: string): Set<string> | null {
    if (this.generation !== this.store.loadCount) {
      this.generation = this.store.loadCount;
      this.index = newIndex();
      this.indexed = new Map();
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
    return new Set(this.index.search(query).map((r) => r.id as string));
  }

  /** Resolves when the index is built (tests, bench). */
  async whenReady(): Promise<void> {
    this.search('');
    await this.building;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const posts = this.store.posts.all();
    await this.index.addAllAsync(posts, { chunkSize: 200 });
    if (generation !== this.generation) return;
    for (const p of posts) this.indexed.set(p.id, p);
    this.ready = true;
  }

  private catchUp(): void {
    const seen = new Set<string>();
    for (const p of this.store.posts.all()) {
      seen.add(p.id);
      const had = this.indexed.get(p.id);
      if (had === p) continue;
      if (had) this.index.replace(p);
      else this.index.add(p);
      this.indexed.set(p.id, p);
    }
    if (seen.size !== this.indexed.size) {
      for (const id of this.indexed.keys()) {
        if (seen.has(id)) continue;
        this.index.discard(id);
        this.indexed.delete(id);
      }
    }
  }
}

const instances = new WeakMap<Store, PostSearch>();

export function postSearch(store: Store): PostSearch {
  let s = instances.get(store);
  if (!s) instances.set(store, (s = new PostSearch(store)));
  return s;
}
