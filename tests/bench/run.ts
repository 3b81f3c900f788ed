/**
 * `npm run bench`: prints one line per figure, `name: value unit`, each a
 * median (or percentile) of several runs. Inputs are generated, never downloaded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { createDispatcher } from '@core/api/dispatch';
import { Store } from '@core/store/store';
import { postVersions } from '@core/posts/versions';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { CURRENT_SCHEMA_VERSION } from '@core/store/migrations';
import { median, percentile, report } from './stats';
import { mediaBench, mediaGridBench, mediaListBench, mediaPresetBench } from './media';
import { cardsBench } from './cards';
import { reviewBench } from './review';
import { editorBench } from './editor';
import { publishingBench } from './publishing';
import { activityBench } from './activity';
import { pantauanBench } from './pantauan';
import { newsCorpusBench } from './news-corpus';
import { storeScaleSection } from './store-scale';
import { syncBench } from './sync';
import { lazyLibsBench } from './lazy-libs';

const root = path.resolve(import.meta.dirname, '..', '..');

const SENTENCE = 'Bupati Blora Arief Rohman meresmikan gedung baru UDD PMI di Jalan Pemuda, Kamis (16/5/2024). ';

/** Writes a store of n posts directly (setup only; the measured paths use the real store). */
function seedStore(dir: string, n: number): string[] {
  const posts = path.join(dir, 'store', 'posts');
  mkdirSync(posts, { recursive: true });
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  writeFileSync(path.join(dir, 'store', 'meta.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: at }));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    const p: Post = {
      ...emptyPostContent(),
      id,
      title: `Berita kegiatan nomor ${i}`,
      dateline: 'BLORA',
      eventDate: '2026-01-01',
      lead: SENTENCE,
      bodyMd: SENTENCE.repeat(Math.round(4000 / SENTENCE.length)),
      category: 'Kegiatan',
      createdAt: at,
      updatedAt: new Date(Date.parse(at) + i * 60_000).toISOString(),
      rev: 1,
      status: 'draft',
      deletedAt: null,
    };
    writeFileSync(path.join(posts, `${id}.json`), JSON.stringify(p));
  }
  return ids;
}

function seedVersions(dir: string, posts: Post[], perPost: number): void {
  const folder = path.join(dir, 'store', 'postVersions');
  mkdirSync(folder, { recursive: true });
  for (const p of posts) {
    for (let k = 0; k < perPost; k++) {
      const id = randomUUID();
      const { id: _id, createdAt, updatedAt, rev: _rev, status, deletedAt: _d, ...content } = p;
      const v = { id, createdAt, updatedAt, rev: 1, postId: p.id, postRev: k + 1, status, reason: 'edit', restoredFrom: null, content, wordCount: 700 };
      writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(v));
    }
  }
}

async function storeBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-'));
  try {
    const ids = seedStore(dir, 10_000);
    const opens: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const store = await Store.open(dir);
      const dispatch = createDispatcher({ store, dataDir: dir, version: 'bench', transport: 'http', services: {}, log: console.error });
      const list = await dispatch('posts.list', { limit: 100 });
      if (!list.ok) throw new Error('list failed');
      opens.push(performance.now() - t0);
    }
    report('store_cold_open_10k_posts_to_list_median', median(opens), 'ms');

    const store = await Store.open(dir);
    const dispatch = createDispatcher({ store, dataDir: dir, version: 'bench', transport: 'http', services: {}, log: console.error });
    const saves: number[] = [];
    for (let i = 0; i < 300; i++) {
      const id = ids[(i * 7919) % ids.length];
      const cur = store.posts.get(id)!;
      const t0 = performance.now();
      const r = await dispatch('posts.update', { id, baseRev: cur.rev, patch: { bodyMd: cur.bodyMd + ' x' } });
      saves.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    report('store_durable_save_one_post_of_10k_median', median(saves), 'ms');
    report('store_durable_save_one_post_of_10k_p95', percentile(saves, 95), 'ms');

    // A store with history: three saved versions per post (lazy: read on first use of the history).
    // Written as an older Redaksi left them, without the index: the first open indexes them once.
    await postVersions(store).reconciled;
    seedVersions(dir, store.posts.all(), 3);
    rmSync(path.join(dir, 'store', 'postVersions', 'index'), { recursive: true, force: true });
    const withHistory: number[] = [];
    const firstHistory: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const s2 = await Store.open(dir);
      const d2 = createDispatcher({ store: s2, dataDir: dir, version: 'bench', transport: 'http', services: {}, log: console.error });
      if (!(await d2('posts.list', { limit: 100 })).ok) throw new Error('list failed');
      withHistory.push(performance.now() - t0);
      const t1 = performance.now();
      const versions = await postVersions(s2).size();
      firstHistory.push(performance.now() - t1);
      if (versions < 30_000 || s2.notices.length) throw new Error(`history not read as seeded (${versions} versions)`);
    }
    report('store_cold_open_10k_posts_30k_versions_to_list_median', median(withHistory), 'ms');
    report('store_first_history_read_30k_versions_median', median(firstHistory), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Gzipped JS the first screen needs: the entry script, its modulepreloads and everything they import statically. */
function rendererSize(): void {
  const dist = path.join(root, 'dist', 'renderer');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  let gz = 0;
  while (queue.length) {
    const rel = queue.pop()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const code = readFileSync(path.join(dist, rel));
    gz += gzipSync(code, { level: 9 }).length;
    // Static imports only (`from"./x.js"` / `import"./x.js"`); lazy areas load later via import().
    for (const m of code.toString('utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(path.posix.join(path.posix.dirname(rel), m[1]));
  }
  report('renderer_initial_js_gzip', gz / 1024, 'KB');
}

const suites: Record<string, () => Promise<void> | void> = { store: storeBench, renderer: rendererSize, media: mediaBench, 'media-presets': mediaPresetBench, 'media-grid': mediaGridBench, 'media-list': mediaListBench, cards: cardsBench, review: reviewBench, editor: editorBench, publishing: publishingBench, activity: activityBench, pantauan: pantauanBench, 'news-corpus': newsCorpusBench, 'store-scale': storeScaleSection, sync: syncBench, 'lazy-libs': lazyLibsBench };
const only = process.argv.slice(2);
for (const [name, fn] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await fn();
}
