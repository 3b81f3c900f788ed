/**
 * Store at scale (issue 22): a generated store with the history the app
 * writes (2 versions and an audit trail per post) at 1k/10k (REDAKSI_BENCH_SCALE
 * adds more, e.g. "1000,10000,100000"), measured beside stock lowdb (one JSON
 * file for everything) in the same run. Opens are timed in a fresh process,
 * bundled as the app bundles its host, so its memory is the app's. Prints one
 * line per figure, then the issue's table: each figure at each size for
 * Redaksi / lowdb, and how it grows from one size to the next.
 *
 *   npx tsx tests/bench/store-scale.ts
 *   REDAKSI_BENCH_SCALE=1000,10000,100000 npm run bench -- store-scale
 *
 * To look closer: REDAKSI_BENCH_DEBUG=1 prints each keystroke, the worst
 * request waits and the long garbage collections; REDAKSI_BENCH_PROFILE_
 * FIRST_SAVE / _FIRST_SEARCH / _CONTENTION=<file.cpuprofile> write a CPU
 * profile of that step; REDAKSI_BENCH_KEEP=1 keeps the generated stores.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { build } from 'esbuild';
import path from 'node:path';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { percentile, report } from './stats';
import { postSearchScaleBench } from './post-search-scale';

const SENTENCE = 'Bupati Blora Arief Rohman meresmikan gedung baru UDD PMI di Jalan Pemuda, Kamis (16/5/2024). ';
const SCHEMA_VERSION = 1;

interface Seeded {
  posts: Post[];
  versions: unknown[];
  audit: unknown[];
}

export function generate(n: number): Seeded {
  const base = Date.parse('2016-01-01T00:00:00Z');
  const posts: Post[] = [];
  const versions: unknown[] = [];
  const audit: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const created = new Date(base + i * 3_600_000).toISOString();
    const updated = new Date(base + i * 3_600_000 + 600_000).toISOString();
    const p: Post = {
      ...emptyPostContent(),
      id,
      title: `Berita kegiatan nomor ${i} di Kecamatan ${['Cepu', 'Randublatung', 'Jepon', 'Kunduran'][i % 4]}`,
      dateline: 'BLORA',
      eventDate: created.slice(0, 10),
      lead: SENTENCE,
      bodyMd: SENTENCE.repeat(Math.round(4000 / SENTENCE.length)),
      category: 'Kegiatan',
      createdAt: created,
      updatedAt: updated,
      rev: 2,
      status: (['draft', 'in_review', 'approved', 'published'] as const)[i % 4],
      deletedAt: null,
    };
    posts.push(p);
    const { id: _i, createdAt: _c, updatedAt: _u, rev: _r, status, deletedAt: _d, ...content } = p;
    for (let k = 0; k < 2; k++) {
      const at = k === 0 ? created : updated;
      versions.push({ id: randomUUID(), createdAt: at, updatedAt: at, rev: 1, postId: id, postRev: k + 1, status, reason: k === 0 ? 'created' : 'edit', restoredFrom: null, content, wordCount: 650 });
    }
    const ev = (action: string, at: string) => ({ id: randomUUID(), createdAt: at, updatedAt: at, rev: 1, postId: id, actorId: null, actorName: 'Admin', action, hash: 'a'.repeat(64), at, detail: '', count: 1 });
    audit.push({ id, createdAt: created, updatedAt: updated, rev: 2, postId: id, events: [ev('created', created), ev('edited', updated)] });
  }
  return { posts, versions, audit };
}

/** The Redaksi layout as the app writes it (setup only; everything measured goes through the real store). */
export function seedRedaksi(dir: string, s: Seeded): void {
  const store = path.join(dir, 'store');
  const at = new Date().toISOString();
  for (const c of ['posts', 'postVersions', 'audit']) mkdirSync(path.join(store, c), { recursive: true });
  writeFileSync(path.join(store, 'meta.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, createdAt: at }));
  for (const p of s.posts) writeFileSync(path.join(store, 'posts', `${p.id}.json`), JSON.stringify(p));
  for (const v of s.versions as { id: string }[]) writeFileSync(path.join(store, 'postVersions', `${v.id}.json`), JSON.stringify(v));
  for (const a of s.audit as { id: string }[]) writeFileSync(path.join(store, 'audit', `${a.id}.json`), JSON.stringify(a));
}

/** Written record by record: at 100k the whole file (about 365 MB) is near V8's longest string. */
function seedLowdb(dir: string, s: Seeded): void {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(path.join(dir, 'db.json'), 'w');
  try {
    (['posts', 'versions', 'audit'] as const).forEach((key, k) => {
      writeSync(fd, `${k ? ',' : '{'}${JSON.stringify(key)}:[`);
      s[key].forEach((r, i) => writeSync(fd, (i ? ',' : '') + JSON.stringify(r)));
      writeSync(fd, ']');
    });
    writeSync(fd, '}');
  } finally {
    closeSync(fd);
  }
}

function duBytes(p: string): number {
  return Number(execFileSync('du', ['-s', '--block-size=1', p], { encoding: 'utf8' }).split('\t')[0]);
}

type ChildResult = Record<string, number>;

let childScript = '';

/** Built once with esbuild so that the child runs on plain node (no TypeScript loader in its memory or start-up). */
async function buildChild(): Promise<void> {
  // One file per run: two benches side by side must not run each other's build.
  childScript = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'redaksi-bench', `store-scale-child-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'store-scale-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: childScript,
    // What electron/scripts/build-electron.mjs leaves outside the app's bundle; everything else is bundled
    // (and tree-shaken) as there, so the memory measured is the app's, not that of whole packages.
    external: ['electron', 'sharp', 'heic-decode', 'libheif-js', 'pdfkit', 'harfbuzzjs', 'pouchdb', 'leveldown', 'nano'],
    // Bundled CommonJS packages require Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
}

function child(kind: 'redaksi' | 'lowdb', dir: string, task: string): ChildResult {
  const r = spawnSync(process.execPath, [childScript, kind, dir, task], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const lines = r.stderr.trim().split('\n');
    // The error itself (e.g. lowdb's whole-file read past V8's longest string at 100k), not the end of its stack.
    const reason = lines.find((l) => /Error\b|heap out of memory/.test(l)) ?? lines.slice(-3).join(' ');
    throw new Error(`${kind} ${task} failed (${r.signal ?? r.status}): ${reason.trim()}`);
  }
  if (process.env.REDAKSI_BENCH_DEBUG && r.stderr.trim()) console.error(`${kind} ${task}: ${r.stderr.trim()}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as ChildResult;
}

function label(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

/** The rows of the issue's table: figure, unit, and the child's key for Redaksi and for lowdb (wall; CPU beside where measured). */
const TABLE: { figure: string; unit: string; redaksi: string; lowdb?: string; cpu?: string }[] = [
  { figure: 'open → first list page', unit: 'ms', redaksi: 'openMs', lowdb: 'openMs', cpu: 'openCpuMs' },
  { figure: 'first save after start', unit: 'ms', redaksi: 'firstSaveMs', lowdb: 'firstSaveMs', cpu: 'firstSaveCpuMs' },
  { figure: 'save p95', unit: 'ms', redaksi: 'saveP95', lowdb: 'saveP95', cpu: 'saveCpuP95' },
  { figure: 'longest wait of a request (10 ms apart) behind save + backup + search build + page', unit: 'ms', redaksi: 'contentionWaitMax', lowdb: 'contentionWaitMax' },
  { figure: 'same, p99', unit: 'ms', redaksi: 'contentionWaitP99', lowdb: 'contentionWaitP99' },
  { figure: 'host memory (RSS) after open', unit: 'MB', redaksi: 'rssMB', lowdb: 'rssMB' },
  { figure: 'RSS after 101 saves', unit: 'MB', redaksi: 'rssAfterSavesMB' },
  { figure: 'RSS with the search index loaded', unit: 'MB', redaksi: 'rssSearchMB' },
  { figure: 'RSS of the code alone (nothing opened)', unit: 'MB', redaksi: 'rssFloorMB' },
  { figure: 'disk', unit: 'MB', redaksi: 'diskMB', lowdb: 'diskMB' },
  { figure: 'backup after 10 edits', unit: 'ms', redaksi: 'backupMs', lowdb: 'backupMs', cpu: 'backupCpuMs' },
  { figure: 'backup after 10 edits, new on disk', unit: 'MB', redaksi: 'backupNewMB', lowdb: 'backupNewMB' },
  { figure: 'search keystroke p95', unit: 'ms', redaksi: 'searchP95', lowdb: 'searchP95', cpu: 'searchCpuP95' },
  { figure: 'largest list page (50 posts)', unit: 'KB', redaksi: 'pageKB', lowdb: 'pageKB' },
];

type Figures = Record<string, number>;
const LOWDB_MAX = 100_000;
/** Per size, per store: the figures measured, or why none could be. */
type Results = Map<number, { redaksi: Figures | string; lowdb: Figures | string }>;

function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2);
}

/** The issue's table in Markdown: each size's Redaksi / lowdb (CPU in brackets where measured), then the growth from one size to the next. */
export function scaleTable(results: Results): string {
  const sizes = [...results.keys()].sort((a, b) => a - b);
  const head = ['figure', ...sizes.map((n) => `${label(n)} Redaksi / lowdb`), ...sizes.slice(1).map((n, i) => `growth ${label(sizes[i])}→${label(n)} Redaksi / lowdb`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of TABLE) {
    const cells = [`${row.figure} (${row.unit})`];
    const get = (n: number, kind: 'redaksi' | 'lowdb') => {
      const r = results.get(n)!;
      const f = kind === 'redaksi' ? r.redaksi : r.lowdb;
      const key = kind === 'redaksi' ? row.redaksi : row.lowdb;
      return typeof f === 'string' || !key ? undefined : f[key];
    };
    for (const n of sizes) {
      const r = results.get(n)!;
      const cpu = row.cpu && typeof r.redaksi !== 'string' ? r.redaksi[row.cpu] : undefined;
      const own = typeof r.redaksi === 'string' ? 'fails' : `${fmt(get(n, 'redaksi'))}${cpu !== undefined ? ` (CPU ${fmt(cpu)})` : ''}`;
      const peer = !row.lowdb ? '' : typeof r.lowdb === 'string' ? ' / fails' : ` / ${fmt(get(n, 'lowdb'))}`;
      cells.push(own + peer);
    }
    for (let i = 1; i < sizes.length; i++) {
      const ratio = (kind: 'redaksi' | 'lowdb') => {
        const a = get(sizes[i - 1], kind);
        const b = get(sizes[i], kind);
        return a && b ? `×${fmt(b / a)}` : '–';
      };
      cells.push(row.lowdb ? `${ratio('redaksi')} / ${ratio('lowdb')}` : ratio('redaksi'));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export async function storeScaleBench(): Promise<void> {
  await buildChild();
  const scales = (process.env.REDAKSI_BENCH_SCALE ?? '1000,10000').split(',').map(Number);
  const results: Results = new Map();
  for (const n of scales) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'redaksi-scale-'));
    try {
      const seeded = generate(n);
      const rdir = path.join(root, 'redaksi');
      const ldir = path.join(root, 'lowdb');
      seedRedaksi(rdir, seeded);
      // Beyond 100k lowdb is not even seeded: from there its one file is past V8's longest string (it cannot read it).
      const lowdbRuns = n <= LOWDB_MAX;
      if (lowdbRuns) seedLowdb(ldir, seeded);
      // The first open after an upgrade builds the history index and the search index; the runs measured are later starts.
      child('redaksi', rdir, 'warm');
      const k = label(n);
      const res: { redaksi: Figures | string; lowdb: Figures | string } = { redaksi: {}, lowdb: lowdbRuns ? {} : `not run above ${label(LOWDB_MAX)}` };
      results.set(n, res);
      for (const kind of ['redaksi', 'lowdb'] as const) {
        if (typeof res[kind] === 'string') continue;
        const dir = kind === 'redaksi' ? rdir : ldir;
        // One run at 100k and more: each lowdb save there rewrites a file of hundreds of MB.
        let runs: ChildResult[];
        try {
          runs = (n >= 100_000 ? [0] : [0, 1, 2]).map(() => child(kind, dir, 'open'));
        } catch (err) {
          console.log(`store_${k}_${kind}_failed: ${(err as Error).message}`);
          res[kind] = (err as Error).message;
          continue;
        }
        const med = (key: string) => runs.map((r) => r[key]).sort((a, b) => a - b)[(runs.length - 1) >> 1];
        const out = res[kind] as Figures;
        for (const key of Object.keys(runs[0])) out[key] = med(key);
        report(`store_${k}_${kind}_cold_open_to_first_list_page`, med('openMs'), 'ms');
        report(`store_${k}_${kind}_cold_open_cpu`, med('openCpuMs'), 'ms');
        report(`store_${k}_${kind}_first_save_after_start`, med('firstSaveMs'), 'ms');
        report(`store_${k}_${kind}_save_p50`, med('saveP50'), 'ms');
        report(`store_${k}_${kind}_save_p95`, med('saveP95'), 'ms');
        report(`store_${k}_${kind}_search_keystroke_p95`, med('searchP95'), 'ms');
        report(`store_${k}_${kind}_list_page_json`, med('pageKB'), 'KB');
        report(`store_${k}_${kind}_rss_after_open`, med('rssMB'), 'MB');
        report(`store_${k}_${kind}_heap_after_open`, med('heapMB'), 'MB');
        if (kind === 'redaksi') {
          report(`store_${k}_redaksi_opened_from_sealed_index`, med('openedSealed'), '');
          report(`store_${k}_redaksi_first_save_after_start_cpu`, med('firstSaveCpuMs'), 'ms');
          report(`store_${k}_redaksi_save_cpu_p95`, med('saveCpuP95'), 'ms');
          report(`store_${k}_redaksi_search_keystroke_cpu_p95`, med('searchCpuP95'), 'ms');
          report(`store_${k}_redaksi_search_index_shards_loaded_from_disk`, med('searchLoadedShards'), '');
          report(`store_${k}_redaksi_search_posts_indexed_at_start`, med('searchReindexed'), '');
          report(`store_${k}_redaksi_rss_floor_modules_loaded`, med('rssFloorMB'), 'MB');
          report(`store_${k}_redaksi_heap_floor_modules_loaded`, med('heapFloorMB'), 'MB');
          report(`store_${k}_redaksi_rss_after_101_saves`, med('rssAfterSavesMB'), 'MB');
          report(`store_${k}_redaksi_search_index_ready_after_start`, med('searchBuildMs'), 'ms');
          report(`store_${k}_redaksi_rss_with_search_index`, med('rssSearchMB'), 'MB');
          report(`store_${k}_redaksi_heap_with_search_index`, med('heapSearchMB'), 'MB');
        }
        out.diskMB = duBytes(dir) / 1024 ** 2;
        report(`store_${k}_${kind}_disk`, out.diskMB, 'MB');
      }
      if (typeof res.redaksi === 'string') continue;
      // Backups: a first full snapshot, 10 edits, then the one measured.
      child('redaksi', rdir, 'backup');
      const backupsDir = path.join(rdir, 'backups');
      const before = duBytes(backupsDir);
      const b = child('redaksi', rdir, 'edit10-backup');
      Object.assign(res.redaksi, { backupMs: b.backupMs, backupCpuMs: b.backupCpuMs, backupNewMB: (duBytes(backupsDir) - before) / 1024 ** 2 });
      report(`store_${k}_redaksi_backup_after_10_edits`, b.backupMs, 'ms');
      report(`store_${k}_redaksi_backup_after_10_edits_cpu`, b.backupCpuMs, 'ms');
      report(`store_${k}_redaksi_backup_after_10_edits_new_disk`, (res.redaksi as Figures).backupNewMB, 'MB');
      if (typeof res.lowdb !== 'string') {
        try {
          const lb = child('lowdb', ldir, 'edit10-backup');
          Object.assign(res.lowdb, { backupMs: lb.backupMs, backupNewMB: lb.newBytes / 1024 ** 2 });
          report(`store_${k}_lowdb_backup_after_10_edits`, lb.backupMs, 'ms');
          report(`store_${k}_lowdb_backup_after_10_edits_new_disk`, lb.newBytes / 1024 ** 2, 'MB');
        } catch (err) {
          console.log(`store_${k}_lowdb_backup_failed: ${(err as Error).message}`);
        }
      }
      // Requests behind the heavy work of a start: the search index is built again (its files removed), as after an upgrade.
      rmSync(path.join(rdir, 'index', 'post-search'), { recursive: true, force: true });
      for (const kind of ['redaksi', 'lowdb'] as const) {
        if (typeof res[kind] === 'string') continue;
        try {
          const c = child(kind, kind === 'redaksi' ? rdir : ldir, 'contention');
          Object.assign(res[kind] as Figures, c);
          report(`store_${k}_${kind}_request_wait_max_behind_start_work`, c.contentionWaitMax, 'ms');
          report(`store_${k}_${kind}_request_wait_p99_behind_start_work`, c.contentionWaitP99, 'ms');
          report(`store_${k}_${kind}_start_work_cpu`, c.contentionCpuMs, 'ms');
        } catch (err) {
          console.log(`store_${k}_${kind}_contention_failed: ${(err as Error).message}`);
        }
      }
    } finally {
      // REDAKSI_BENCH_KEEP=1: the generated stores stay, to run a child task on them again by hand.
      if (process.env.REDAKSI_BENCH_KEEP) console.log(`store_${label(n)}_kept_at: ${root}`);
      else rmSync(root, { recursive: true, force: true });
    }
  }
  console.log(`\nStore at scale, Redaksi / lowdb (wall; Redaksi's CPU in brackets), and growth with the count:\n${scaleTable(results)}`);
}

export { percentile };

/** The store-scale section: generated stores on disk, then search and list pages at 100k from the list fields. */
export async function storeScaleSection(): Promise<void> {
  await storeScaleBench();
  await postSearchScaleBench();
}

if (process.argv[1] === import.meta.filename) await storeScaleBench();
