/**
 * Outbox throughput against the real WordPress of ../shared/tools: 200 posts,
 * each with its own featured image, and the per-post overhead the outbox adds
 * (store writes, never-twice lookups, draft-then-publish) over the bare HTTP
 * calls a one-shot script would make (upload image, create published post).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createDispatcher } from '@core/api/dispatch';
import { secretsOf } from '@core/publishing/handlers';
import { importPhoto } from '@core/media/import';
import { Outbox } from '@core/publishing/outbox';
import { Store } from '@core/store/store';
import { benchCall, benchContext } from './api';
import { median, percentile, report } from './stats';

const root = path.resolve(import.meta.dirname, '..', '..');
const N = Number(process.env.REDAKSI_BENCH_POSTS ?? 200);
const CONCURRENCY = 2;

function startWordpress(): { url: string; user: string; pw: string } | null {
  if (process.getuid && process.getuid() !== 0) return null;
  const out = execFileSync('bash', [path.resolve(root, '..', 'shared', 'tools', 'wordpress-up.sh')], {
    env: { ...process.env, WP_STATE_DIR: process.env.REDAKSI_BENCH_WP_STATE ?? '/tmp/redaksi-bench-wp-queue', WP_PORT: process.env.REDAKSI_BENCH_WP_PORT ?? '8164' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const v = Object.fromEntries(out.split('\n').map((l) => l.split('=')).filter((p) => p.length >= 2).map(([k, ...r]) => [k.trim(), r.join('=').trim()]));
  return { url: v.WP_URL, user: v.WP_USER, pw: v.WP_APP_PASSWORD };
}

/** A distinct 1600×900 JPEG per post (different bytes → a real upload each time). */
async function photo(i: number): Promise<Buffer> {
  const r = (i * 53) % 256;
  const g = (i * 97) % 256;
  const b = (i * 193) % 256;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="rgb(${r},${g},${b})"/><circle cx="${200 + (i % 12) * 100}" cy="450" r="180" fill="rgb(${255 - r},${255 - g},${255 - b})"/><text x="80" y="160" font-size="120" fill="white">Posyandu ${i}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

export async function publishingBench(): Promise<void> {
  const wp = startWordpress();
  if (!wp) {
    console.log('publishing: skipped (real WordPress needs root: apt-get, /etc/wordpress)');
    return;
  }
  const run = Date.now().toString(36);
  const auth = `Basic ${Buffer.from(`${wp.user}:${wp.pw}`).toString('base64')}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-pub-'));
  try {
    const store = await Store.open(dir);
    const ctx = benchContext(store);
    const call = benchCall(createDispatcher(ctx));
    await call('connections.save', { channel: 'website', label: 'bench', baseUrl: wp.url, username: wp.user, secret: wp.pw });

    // Setup (not measured): 2×N photos, N posts queued through the real API; the other N feed the bare-HTTP baseline.
    const bareFiles: Buffer[] = [];
    for (let i = 0; i < N; i++) {
      const imp = await importPhoto(ctx, `p${i}.jpg`, await photo(i + 100_000 * 1 + Number.parseInt(run.slice(-4), 36)));
      await store.collections.media.put({ ...imp.photo, altText: `Foto ${i}`, rev: imp.photo.rev + 1 });
      const p = await call('posts.create', {
        content: { title: `Bench ${run} ${i}`, lead: 'BLORA – Kegiatan posyandu.', bodyMd: 'Isi berita. '.repeat(200), category: `Bench ${run}`, tags: ['Posyandu', 'Stunting'], media: [{ mediaId: imp.photo.id, role: 'featured', caption: '' }] },
      });
      await store.posts.put({ ...p, status: 'approved', rev: p.rev + 1 });
      await call('publishing.schedule', { postId: p.id, channels: ['website'], scheduledAt: null });
      bareFiles.push(await sharp(await photo(i + 500_000 + Number.parseInt(run.slice(-4), 36))).resize(1200, 675).jpeg({ quality: 82 }).toBuffer());
    }

    const outbox = new Outbox(ctx, secretsOf(ctx), { concurrency: CONCURRENCY });
    await outbox.start({ poll: false });
    const t0 = performance.now();
    await outbox.drain();
    const outboxMs = performance.now() - t0;
    const jobs = store.collections.jobs.all();
    const published = jobs.filter((j) => j.state === 'published').length;
    if (published !== N) throw new Error(`only ${published}/${N} published`);
    const perJob = jobs.map((j) => {
      const start = j.log.find((l) => l.action.startsWith('attempt'))!.at;
      const end = j.log.find((l) => l.action === 'published')!.at;
      return Date.parse(end) - Date.parse(start);
    });
    // "Sudah ada di website?": the search of the site before each first create, part of the overhead above.
    const lookups = jobs.flatMap((j) => {
      const start = j.log.find((l) => l.action.startsWith('attempt'));
      const looked = j.log.find((l) => l.action === 'lookup post by title on the site');
      return start && looked ? [Date.parse(looked.at) - Date.parse(start.at)] : [];
    });
    await outbox.stop();
    if (process.env.REDAKSI_BENCH_PROFILE) {
      const gaps = new Map<string, number[]>();
      for (const j of jobs) {
        for (let k = 1; k < j.log.length; k++) {
          const key = j.log[k].action.replace(/\d+/g, '#').replace(/\(.*\)/, '');
          const list = gaps.get(key) ?? [];
          list.push(Date.parse(j.log[k].at) - Date.parse(j.log[k - 1].at));
          gaps.set(key, list);
        }
      }
      for (const [k, v] of gaps) console.log(`  step ${k}: median ${median(v)} ms (n=${v.length})`);
    }

    // Bare HTTP: what a script that trusts the network would do (no lookups, no store, straight to publish).
    const headers = { Authorization: auth };
    const term = async (tax: string, name: string) => {
      const r = await fetch(`${wp.url}/wp-json/wp/v2/${tax}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
      const j = (await r.json()) as { id?: number; data?: { term_id: number } };
      return j.id ?? j.data!.term_id;
    };
    const cat = await term('categories', `Bare ${run}`);
    const tags = [await term('tags', 'Posyandu'), await term('tags', 'Stunting')];
    const barePer: number[] = [];
    const html = `<p>${'Isi berita. '.repeat(200)}</p>`;
    const t1 = performance.now();
    await pool([...bareFiles.keys()], CONCURRENCY, async (i) => {
      const s = performance.now();
      const m = await fetch(`${wp.url}/wp-json/wp/v2/media?alt_text=Foto`, { method: 'POST', headers: { ...headers, 'Content-Type': 'image/jpeg', 'Content-Disposition': `attachment; filename="bare-${run}-${i}.jpg"` }, body: new Uint8Array(bareFiles[i]) });
      const media = (await m.json()) as { id: number };
      const p = await fetch(`${wp.url}/wp-json/wp/v2/posts`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ title: `Bare ${run} ${i}`, content: html, excerpt: 'BLORA – Kegiatan posyandu.', status: 'publish', categories: [cat], tags, featured_media: media.id }) });
      if (p.status !== 201) throw new Error(`bare post ${p.status}`);
      barePer.push(performance.now() - s);
    });
    const bareMs = performance.now() - t1;

    report(`publishing.outbox_throughput (${N} posts with images, real WordPress, concurrency ${CONCURRENCY})`, (N / outboxMs) * 60_000, 'posts/min');
    report('publishing.outbox_per_post_median', median(perJob), 'ms');
    report('publishing.outbox_per_post_p95', percentile(perJob, 95), 'ms');
    report(`publishing.bare_http_throughput (${N} posts, same images size, concurrency ${CONCURRENCY})`, (N / bareMs) * 60_000, 'posts/min');
    report('publishing.bare_http_per_post_median', median(barePer), 'ms');
    report('publishing.outbox_overhead_per_post (wall time difference / posts)', (outboxMs - bareMs) / N, 'ms');
    if (lookups.length) report(`publishing.onsite_lookup_median (search of the site before a first create, n=${lookups.length})`, median(lookups), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
