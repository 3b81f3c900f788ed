/**
 * WebP for the website against a REAL WordPress (Debian 12's 6.1, started by
 * ../shared/tools/wordpress-up.sh). WordPress takes image/webp uploads since
 * 5.8 (make.wordpress.org/core/2021/06/07/wordpress-5-8-adds-webp-support/);
 * a site whose `upload_mimes` filter leaves WebP out (older WordPress, or a
 * plugin limiting file types) answers POST /wp/v2/media with 500
 * rest_upload_sideload_error ("Sorry, you are not allowed to upload this file
 * type.", wp-admin/includes/file.php) and stores nothing. That site is made
 * here with a must-use plugin, the way a plugin would do it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import { outboxDir } from '@core/publishing/outbox';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { importPhoto } from '@core/media/import';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, wpAll } from './wp-env';

const STATE = process.env.REDAKSI_IT_WP_WEBP_STATE ?? '/tmp/redaksi-it-wp-webp';
const started = startWordpress(Number(process.env.REDAKSI_IT_WP_WEBP_PORT ?? 8169), STATE);
const env = started.env;
if (!env) console.warn(`[publishing integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);
const NO_WEBP = path.join(STATE, 'wp-content', 'mu-plugins', 'redaksi-test-no-webp.php');

describe.skipIf(!env)('website photos as WebP (real WordPress)', () => {
  const e = env!;

  /** A poster-like picture (flat colours, a gradient, big type): where WebP beats MozJPEG at the same look. */
  async function poster(api: Awaited<ReturnType<typeof openApi>>, alt: string): Promise<string> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="1350"><defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#1d4f91"/><stop offset="1" stop-color="#6aa9e9"/></linearGradient></defs><rect width="2400" height="1350" fill="url(#g)"/><circle cx="1700" cy="600" r="380" fill="#f4b400"/><text x="120" y="500" font-size="160" font-family="DejaVu Sans" fill="#fff">Posyandu Balita</text><text x="120" y="760" font-size="90" font-family="DejaVu Sans" fill="#fff">${alt}</text></svg>`;
    const { photo } = await importPhoto(api.ctx, 'poster.jpg', await sharp(Buffer.from(svg)).jpeg({ quality: 95 }).toBuffer());
    await api.store.collections.media.put({ ...photo, altText: alt, caption: `Keterangan ${alt}`, credit: 'Humas', rev: photo.rev + 1 });
    return photo.id;
  }

  async function publish(title: string, picture: 'photo' | 'poster') {
    const api = await openApi(tempDir());
    const photo = picture === 'photo' ? await seedPhoto(api, 'camera/jolla.jpg', `Foto ${title}`) : await poster(api, `Poster ${title}`);
    const post = await seedPost(api, title, [photo]);
    await api.call('connections.save', { channel: 'website', label: 'Website dinas', baseUrl: e.url, username: e.user, secret: e.appPassword });
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10 });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    const done = api.store.collections.jobs.get(job.id)!;
    return { api, job: done };
  }

  it('keeps MozJPEG for a camera photo, where WebP at the same look is larger', async () => {
    rmSync(NO_WEBP, { force: true });
    const { job } = await publish(`Foto kamera ${RUN}`, 'photo');
    expect(job.state).toBe('published');
    expect(job.payload.media[0].mime).toBe('image/jpeg');
    expect(job.payload.media[0].fallback).toBeUndefined();
  });

  it('sends WebP, smaller than the JPEG of the same picture, to a site that takes it (a poster-like picture)', async () => {
    rmSync(NO_WEBP, { force: true });
    const { api, job } = await publish(`Poster WebP diterima ${RUN}`, 'poster');
    expect(job.state).toBe('published');
    const m = job.payload.media[0];
    expect(m.mime).toBe('image/webp');
    expect(m.fallback?.mime).toBe('image/jpeg');
    expect(m.bytes).toBeLessThan(m.fallback!.bytes);
    const webp = readFileSync(path.join(outboxDir(api.ctx.dataDir), m.file));
    const meta = await sharp(webp).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1200, 675]);
    const post = await wp<{ featured_media: number }>(e, `/wp/v2/posts/${job.remote.postId}?context=edit`);
    const media = await wp<{ mime_type: string; source_url: string }>(e, `/wp/v2/media/${post.json.featured_media}?context=edit`);
    expect(media.json.mime_type).toBe('image/webp');
    const served = Buffer.from(await (await fetch(media.json.source_url)).arrayBuffer());
    expect(served.equals(webp)).toBe(true);
  });

  it('sends the JPEG instead, once, when the site refuses WebP', async () => {
    mkdirSync(path.dirname(NO_WEBP), { recursive: true });
    writeFileSync(NO_WEBP, "<?php\nadd_filter('upload_mimes', function ($m) { unset($m['webp']); return $m; });\n");
    try {
      const { job } = await publish(`Poster WebP ditolak ${RUN}`, 'poster');
      expect(job.state).toBe('published');
      expect(job.log.some((l) => l.outcome === 'info' && l.detail.includes('refuses image/webp'))).toBe(true);
      const post = await wp<{ featured_media: number }>(e, `/wp/v2/posts/${job.remote.postId}?context=edit`);
      const media = await wp<{ mime_type: string; slug: string }>(e, `/wp/v2/media/${post.json.featured_media}?context=edit`);
      expect(media.json.mime_type).toBe('image/jpeg');
      // One attachment for the picture, under the slug of the job's image, so a retry finds it.
      const all = await wpAll<{ slug: string }>(e, '/wp/v2/media?context=edit');
      expect(all.filter((x) => x.slug.startsWith(media.json.slug.replace(/-\d+$/, '')))).toHaveLength(1);
    } finally {
      rmSync(NO_WEBP, { force: true });
    }
  });
});
