/**
 * WordPress output an OPD site can use: a post published by the outbox to the
 * REAL WordPress opens in the REAL block editor (wp-admin in Chromium) as
 * paragraphs, headings, lists, a quote and an image with alt text and
 * caption, every block valid (no "unexpected or invalid content"), with no
 * category, tags or date repeated inside the content, and its category and
 * tags as terms.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_PORT ?? 8167), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-blocks');
const env = started.env;
const CHROMIUM = process.env.REDAKSI_CHROMIUM ?? '/usr/bin/chromium';
const skip = !env ? started.reason : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : '';
if (skip) console.warn(`[block editor integration] skipped: ${skip}`);
const RUN = Date.now().toString(36);

interface EditorBlock {
  name: string;
  isValid: boolean;
  attributes: Record<string, unknown>;
  innerBlocks: EditorBlock[];
}

describe.skipIf(Boolean(skip))('WordPress block markup (real WordPress, real block editor)', () => {
  const e = env!;

  it('opens as valid blocks: paragraphs, heading, lists, quote, image with alt and caption; no repeated meta', async () => {
    const api = await openApi(tempDir());
    const photos = [await seedPhoto(api, 'gps/DSCN0010.jpg', `Kader menimbang balita ${RUN}`), await seedPhoto(api, 'camera/jolla.jpg', `Warga antre di posyandu ${RUN}`)];
    const category = `Kesehatan Blok ${RUN}`;
    const post = await seedPost(api, `Blok Editor ${RUN}`, photos, {
      category,
      tags: [`Gizi Blok ${RUN}`],
      eventDate: '2026-11-26',
      bodyMd: [
        'Paragraf kedua dengan **tebal** dan [tautan](https://blorakab.go.id).',
        '## Jadwal penimbangan',
        '- Desa Sido, Senin\n- Desa Makmur, Selasa',
        '1. Daftar\n2. Timbang',
        '> "Kami berharap kegiatan ini bermanfaat," kata Kepala Dinas.',
        'Penutup & terima kasih <b>tanpa HTML</b>.',
      ].join('\n\n'),
    });
    await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: e.url, username: e.user, secret: e.appPassword });
    const variants = (await api.call('publishing.variants', { postId: post.id })).variants;
    const web = variants.find((v) => v.channel === 'website')!;
    expect(web.mediaIds).toHaveLength(2);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0 });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.state).toBe('published');

    const remote = await wp<{ content: { raw: string }; categories: number[]; tags: number[]; featured_media: number }>(e, `/wp/v2/posts/${done.remote.postId}?context=edit`);
    const raw = remote.json.content.raw;
    expect(raw).toMatch(/^<!-- wp:paragraph -->/);
    // No meta repeated inside the article: themes show category, tags and date themselves.
    expect(raw).not.toContain(category);
    expect(raw).not.toContain(`Gizi Blok ${RUN}`);
    expect(raw).not.toMatch(/news-(category|tags|date)|Kamis \(26\/11\/2026\)/);
    const cats = await wp<{ name: string }[]>(e, `/wp/v2/categories?include=${remote.json.categories.join(',')}`);
    expect(cats.json.map((c) => c.name)).toEqual([category]);
    expect(remote.json.tags).toHaveLength(1);
    const second = done.remote.media[done.payload.media[1].sha256];
    expect(remote.json.featured_media).toBe(Number(done.remote.media[done.payload.media[0].sha256].id));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`${e.url}/wp-login.php`);
      await page.fill('#user_login', e.user);
      await page.fill('#user_pass', e.adminPassword);
      await page.click('#wp-submit');
      await page.waitForURL(/wp-admin/);
      await page.goto(`${e.url}/wp-admin/post.php?post=${done.remote.postId}&action=edit`);
      await page.waitForFunction(() => {
        const w = window as unknown as { wp?: { data?: { select(s: string): { getBlocks(): unknown[] } } } };
        return (w.wp?.data?.select('core/block-editor')?.getBlocks().length ?? 0) > 0;
      }, null, { timeout: 60_000 });
      const blocks = (await page.evaluate(() => {
        const w = window as unknown as { wp: { data: { select(s: string): { getBlocks(): unknown[] } } } };
        return JSON.parse(JSON.stringify(w.wp.data.select('core/block-editor').getBlocks()));
      })) as EditorBlock[];
      const flat = (bs: EditorBlock[]): EditorBlock[] => bs.flatMap((b) => [b, ...flat(b.innerBlocks ?? [])]);
      const all = flat(blocks);
      expect(all.filter((b) => !b.isValid).map((b) => b.name)).toEqual([]);
      expect(all.some((b) => b.name === 'core/freeform')).toBe(false);
      const names = all.map((b) => b.name);
      expect(names).toEqual(expect.arrayContaining(['core/paragraph', 'core/heading', 'core/list', 'core/quote', 'core/image']));
      const image = all.find((b) => b.name === 'core/image')!;
      expect(image.attributes).toMatchObject({ id: Number(second.id), alt: `Warga antre di posyandu ${RUN}` });
      expect(String(image.attributes.caption)).toContain(`Keterangan Warga antre di posyandu ${RUN}`);
      expect(await page.locator('.block-editor-warning').count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});

describe.skipIf(!env)('WXR of posts published to the real WordPress', () => {
  const e = env!;

  it('names every image by a URL the importing site can download, with alt text, caption and the featured image', async () => {
    const { DOMParser } = await import('@xmldom/xmldom');
    const { buildWxr } = await import('@core/publishing/exports');
    const api = await openApi(tempDir());
    const photos = [await seedPhoto(api, 'gps/DSCN0012.jpg', `WXR satu ${RUN}`), await seedPhoto(api, 'camera/Nikon_D70.jpg', `WXR dua ${RUN}`)];
    const post = await seedPost(api, `WXR Nyata ${RUN}`, photos, { category: `WXR ${RUN}` });
    await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: e.url, username: e.user, secret: e.appPassword });
    await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0 });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    const xml = await buildWxr(api.ctx, [api.store.posts.get(post.id)!]);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const WPNS = 'http://wordpress.org/export/1.2/';
    const items = Array.from(doc.getElementsByTagName('item'));
    const val = (el: Element, name: string) => el.getElementsByTagNameNS(WPNS, name)[0]?.textContent ?? '';
    const atts = items.filter((i) => val(i, 'post_type') === 'attachment');
    expect(atts).toHaveLength(2);
    for (const a of atts) {
      const res = await fetch(val(a, 'attachment_url'));
      expect(res.status).toBe(200);
      // The website gets WebP where it is smaller than the JPEG of the same look (issue 21), JPEG otherwise.
      expect(res.headers.get('content-type')).toMatch(/^image\/(jpeg|webp)$/);
    }
    const postItem = items.find((i) => val(i, 'post_type') === 'post')!;
    expect(val(postItem, 'status')).toBe('publish');
    const metas = Array.from(postItem.getElementsByTagNameNS(WPNS, 'postmeta')).map((m) => [val(m, 'meta_key'), val(m, 'meta_value')]);
    expect(metas).toEqual([['_thumbnail_id', val(atts[0], 'post_id')]]);
    const alts = atts.map((a) => Array.from(a.getElementsByTagNameNS(WPNS, 'postmeta')).map((m) => val(m, 'meta_value'))[0]);
    expect(alts).toEqual([`WXR satu ${RUN}`, `WXR dua ${RUN}`]);
  });
});
