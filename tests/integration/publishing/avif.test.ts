/**
 * AVIF for the website against a REAL WordPress (Debian 12's 6.1, started by
 * ../shared/tools/wordpress-up.sh). WordPress 6.1 does not list image/avif in
 * its allowed types (AVIF came in 6.5: make.wordpress.org/core/2024/02/23/
 * wordpress-6-5-adds-avif-support/), so POST /wp/v2/media answers 500
 * rest_upload_sideload_error. A newer site is simulated with a must-use
 * plugin adding avif to `upload_mimes`, the filter 6.5 itself fills. PHP 8.2
 * reads AVIF headers (exif_imagetype), so the upload is stored as image/avif.
 *
 * What is checked: "Tes koneksi" asks the site (probe uploads that leave
 * nothing behind) and remembers the answer; the website gets AVIF only where
 * the site takes it; a site that stops taking it gets the JPEG, once, and the
 * connection learns it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox, outboxDir } from '@core/publishing/outbox';
import { knownImageTypes } from '@shared/publishing/site-images';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, wpAll } from './wp-env';

const STATE = process.env.REDAKSI_IT_WP_AVIF_STATE ?? '/tmp/redaksi-it-wp-avif';
const started = startWordpress(Number(process.env.REDAKSI_IT_WP_AVIF_PORT ?? 8173), STATE);
const env = started.env;
if (!env) console.warn(`[publishing integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);
// The site keeps its media between runs (a developer's WordPress stays up): a crop of its own per run makes new
// image bytes, so a picture uploaded by an earlier run is never found and adopted instead of being sent. The focal
// points stay between 0.375 and 0.625, where a 16:9 crop of the 4:3 photo still moves (outside it the crop is clamped).
const JITTER = (Date.now() % 997) / 20_000;
const TAKES_AVIF = path.join(STATE, 'wp-content', 'mu-plugins', 'redaksi-test-avif.php');

function siteTakesAvif(on: boolean): void {
  if (!on) return rmSync(TAKES_AVIF, { force: true });
  mkdirSync(path.dirname(TAKES_AVIF), { recursive: true });
  writeFileSync(TAKES_AVIF, "<?php\nadd_filter('upload_mimes', function ($m) { $m['avif'] = 'image/avif'; return $m; });\n");
}

describe.skipIf(!env)('website photos as AVIF (real WordPress)', { timeout: 240_000 }, () => {
  const e = env!;
  afterAll(() => siteTakesAvif(false));

  async function connected() {
    const api = await openApi(tempDir());
    const conn = await api.call('connections.save', { channel: 'website', label: 'Website dinas', baseUrl: e.url, username: e.user, secret: e.appPassword });
    return { api, conn };
  }

  async function probesLeft(): Promise<number> {
    return (await wpAll<{ slug: string }>(e, '/wp/v2/media?context=edit')).filter((m) => m.slug.startsWith('rdk-probe-')).length;
  }

  /** Each test crops the photo its own way (focal point), so no test adopts another's upload (same bytes, same slug). */
  async function send(api: Awaited<ReturnType<typeof openApi>>, title: string, focal: { x: number; y: number }) {
    const photo = await seedPhoto(api, 'camera/jolla.jpg', `Foto ${title}`);
    const p = api.store.collections.media.get(photo)!;
    await api.store.collections.media.put({ ...p, focal, rev: p.rev + 1 });
    const post = await seedPost(api, title, [photo]);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10 });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    return api.store.collections.jobs.get(job.id)!;
  }

  it('finds that WordPress 6.1 takes WebP but not AVIF, and leaves nothing on the site', async () => {
    siteTakesAvif(false);
    const { api, conn } = await connected();
    expect(knownImageTypes(api.store.collections.connections.get(conn.id)!)).toBeNull();
    expect((await api.call('connections.test', { id: conn.id })).code).toBe('ok');
    const types = knownImageTypes(api.store.collections.connections.get(conn.id)!);
    expect(types).toMatchObject({ webp: true, avif: false });
    expect(await probesLeft()).toBe(0);
    // Camera photo, no AVIF: MozJPEG stays (WebP is larger at the same look).
    const job = await send(api, `Foto tanpa AVIF ${RUN}`, { x: 0.5, y: 0.38 + JITTER });
    expect(job.state).toBe('published');
    expect(job.payload.media[0].mime).toBe('image/jpeg');
  });

  it('sends AVIF, smaller than the JPEG at the same look, to a site that takes it', async () => {
    siteTakesAvif(true);
    const { api, conn } = await connected();
    expect((await api.call('connections.test', { id: conn.id })).code).toBe('ok');
    expect(knownImageTypes(api.store.collections.connections.get(conn.id)!)).toMatchObject({ webp: true, avif: true });
    expect(await probesLeft()).toBe(0);
    const job = await send(api, `Foto AVIF diterima ${RUN}`, { x: 0.5, y: 0.44 + JITTER });
    expect(job.state).toBe('published');
    const m = job.payload.media[0];
    expect(m.mime).toBe('image/avif');
    expect(m.fallback?.mime).toBe('image/jpeg');
    expect(m.bytes).toBeLessThan(m.fallback!.bytes);
    const avif = readFileSync(path.join(outboxDir(api.ctx.dataDir), m.file));
    const meta = await sharp(avif).metadata();
    expect([meta.compression, meta.width, meta.height]).toEqual(['av1', 1200, 675]);
    const post = await wp<{ featured_media: number }>(e, `/wp/v2/posts/${job.remote.postId}?context=edit`);
    const media = await wp<{ mime_type: string; source_url: string }>(e, `/wp/v2/media/${post.json.featured_media}?context=edit`);
    expect(media.json.mime_type).toBe('image/avif');
    const served = Buffer.from(await (await fetch(media.json.source_url)).arrayBuffer());
    expect(served.equals(avif)).toBe(true);
  });

  it('sends the JPEG once when the site stops taking AVIF, and the connection learns it', async () => {
    siteTakesAvif(true);
    const { api, conn } = await connected();
    await api.call('connections.test', { id: conn.id });
    expect(knownImageTypes(api.store.collections.connections.get(conn.id)!)?.avif).toBe(true);
    // The plugin is switched off after the check: the site refuses while sending.
    siteTakesAvif(false);
    const job = await send(api, `Foto AVIF ditolak ${RUN}`, { x: 0.5, y: 0.5 + JITTER });
    expect(job.state).toBe('published');
    expect(job.log.some((l) => l.outcome === 'info' && l.detail.includes('refuses image/avif'))).toBe(true);
    const post = await wp<{ featured_media: number }>(e, `/wp/v2/posts/${job.remote.postId}?context=edit`);
    const media = await wp<{ mime_type: string }>(e, `/wp/v2/media/${post.json.featured_media}?context=edit`);
    expect(media.json.mime_type).toBe('image/jpeg');
    const after = knownImageTypes(api.store.collections.connections.get(conn.id)!);
    expect(after).toMatchObject({ webp: true, avif: false });
    // The next picture is made for what the site takes: no AVIF attempt.
    const next = await send(api, `Foto sesudah penolakan ${RUN}`, { x: 0.5, y: 0.56 + JITTER });
    expect(next.payload.media[0].mime).not.toBe('image/avif');
    expect(next.log.some((l) => l.detail.includes('refuses'))).toBe(false);
  });
});
