/**
 * Keystroke search and list pages at 100k posts (issue 22): the real
 * `posts.list` handler and search index over the list fields a store's
 * summary index holds (generated in memory: a 100k-post store on disk takes
 * gigabytes and many minutes to write, and these paths read no post file).
 *
 *   npx tsx tests/bench/post-search-scale.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '@core/deps';
import { postsHandlers } from '@core/posts/handlers';
import { ChangeFeed } from '@core/store/events';
import { postSearch } from '@core/store/post-search';
import type { Store } from '@core/store/store';
import type { PostListEntry } from '@shared/domain/post';
import { percentile, report } from './stats';

const SENTENCE = 'Bupati Blora Arief Rohman meresmikan gedung baru UDD PMI di Jalan Pemuda, Kamis (16/5/2024).';
const QUERIES = ['randublatung', 'kegiatan nomor 5', 'bupati blora'];

function entries(n: number): PostListEntry[] {
  const base = Date.parse('2016-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(base + i * 3_600_000).toISOString();
    return {
      id: `p${i}`,
      title: `Berita kegiatan nomor ${i} di Kecamatan ${['Cepu', 'Randublatung', 'Jepon', 'Kunduran'][i % 4]}`,
      status: (['draft', 'in_review', 'approved', 'published'] as const)[i % 4],
      category: 'Kegiatan',
      authorCredit: `Penulis ${i % 40}`,
      eventDate: at.slice(0, 10),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      rev: 2,
      excerpt: SENTENCE,
      wordCount: 650,
      lead: SENTENCE,
      tags: [],
      authorId: null,
    };
  });
}

export async function postSearchScaleBench(n = Number(process.env.REDAKSI_BENCH_SEARCH_SCALE ?? 100_000)): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const list = entries(n);
  const byId = new Map(list.map((e) => [e.id, e]));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-search-scale-'));
  // A real data folder has its index folder (the summary index lives there); the search index saves beside it
  // and, by design, saves nothing when that folder is gone (a removed data folder).
  mkdirSync(path.join(dataDir, 'index'));
  const fakeStore = () =>
    ({
      dataDir,
      loadCount: 1,
      changes: new ChangeFeed(),
      posts: { listChanges: 0, summaries: () => [...list], summary: (id: string) => byId.get(id) },
    }) as unknown as Store;
  const store = fakeStore();
  const ctx = { store } as HandlerContext;
  (globalThis as { gc?: () => void }).gc?.();
  const heapEntries = process.memoryUsage().heapUsed;
  const k = `${n / 1000}k`;

  const page: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await postsHandlers['posts.list']({ limit: 50, offset: (i % 5) * 50 }, ctx);
    page.push(performance.now() - t);
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await postSearch(store).whenReady();
  const cpu = process.cpuUsage(cpu0);
  const buildMs = performance.now() - t0;
  const keys: number[] = [];
  // CPU time too: this 2-core machine is shared, and wall time there measures the neighbours as well.
  const keysCpu: number[] = [];
  for (const q of QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      await postsHandlers['posts.list']({ query: q.slice(0, i), limit: 50 }, ctx);
      const used = process.cpuUsage(c);
      keys.push(performance.now() - t);
      keysCpu.push((used.user + used.system) / 1000);
    }
  }
  // An edit between keystrokes: the index follows it without a rebuild.
  const edited = { ...list[7], title: 'Peresmian jembatan Sambongrejo', updatedAt: new Date().toISOString(), rev: 3 };
  byId.set(edited.id, edited);
  list[7] = edited;
  (store.posts as unknown as { listChanges: number }).listChanges++;
  store.changes.emit({ collection: 'posts', id: edited.id, rev: 3, kind: 'put', actor: { id: null, name: 'bench' }, at: edited.updatedAt });
  const te = performance.now();
  const ce = process.cpuUsage();
  const hit = await postsHandlers['posts.list']({ query: 'sambong', limit: 50 }, ctx);
  const afterEditMs = performance.now() - te;
  const afterEditCpu = process.cpuUsage(ce);
  // Live heap (after a collection, when the bench runs with --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapIndexed = process.memoryUsage().heapUsed;
  if (hit.total !== 1) throw new Error(`search after edit found ${hit.total}`);

  // A later start: the saved index is imported, not built again.
  const ts = performance.now();
  await postSearch(store).save();
  const saveMs = performance.now() - ts;
  const restarted = fakeStore();
  const tl = performance.now();
  const cpuL0 = process.cpuUsage();
  await postSearch(restarted).whenReady();
  const cpuL = process.cpuUsage(cpuL0);
  const loadMs = performance.now() - tl;
  const loaded = postSearch(restarted).loaded;
  if (!loaded || loaded.indexed > 1 || loaded.damaged) throw new Error(`saved index not used: ${JSON.stringify(loaded)}`);
  const again = await postsHandlers['posts.list']({ query: 'sambong', limit: 50 }, { store: restarted } as HandlerContext);
  if (again.total !== 1) throw new Error(`search after restart found ${again.total}`);
  rmSync(dataDir, { recursive: true, force: true });

  report(`store_${k}_posts_list_page`, percentile(page, 95), 'ms');
  report(`store_${k}_search_index_build_background`, buildMs, 'ms');
  report(`store_${k}_search_index_build_cpu`, (cpu.user + cpu.system) / 1000, 'ms');
  report(`store_${k}_search_index_save`, saveMs, 'ms');
  report(`store_${k}_search_index_load_saved`, loadMs, 'ms');
  report(`store_${k}_search_index_load_saved_cpu`, (cpuL.user + cpuL.system) / 1000, 'ms');
  report(`store_${k}_search_keystroke_p50`, percentile(keys, 50), 'ms');
  report(`store_${k}_search_keystroke_p95`, percentile(keys, 95), 'ms');
  report(`store_${k}_search_keystroke_cpu_p50`, percentile(keysCpu, 50), 'ms');
  report(`store_${k}_search_keystroke_cpu_p95`, percentile(keysCpu, 95), 'ms');
  report(`store_${k}_search_after_edit`, afterEditMs, 'ms');
  report(`store_${k}_search_after_edit_cpu`, (afterEditCpu.user + afterEditCpu.system) / 1000, 'ms');
  report(`store_${k}_heap_list_fields`, (heapEntries - heap0) / 1024 ** 2, 'MB');
  report(`store_${k}_heap_list_fields_and_search_index`, (heapIndexed - heap0) / 1024 ** 2, 'MB');
}

if (process.argv[1] === import.meta.filename) await postSearchScaleBench();
