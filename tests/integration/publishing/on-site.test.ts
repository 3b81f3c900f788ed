/**
 * "Sudah ada di website?" against a REAL WordPress (../shared/tools): a post
 * published by hand in wp-admin, or by Redaksi on another PC, is found
 * before Redaksi creates it, and the admin links it instead of publishing a
 * second copy. Protocol: developer.wordpress.org/rest-api/reference/posts/
 * (search, status, context=edit).
 */
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, wpAll, type WpEnv } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_ONSITE_PORT ?? 8168), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-onsite');
const env = started.env;
if (!env) console.warn(`[on-site integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);

type Api = Awaited<ReturnType<typeof openApi>>;

async function pc(e: WpEnv) {
  const api = await openApi(tempDir());
  await api.call('connections.save', { channel: 'website', label: 'Website dinas', baseUrl: e.url, username: e.user, secret: e.appPassword });
  const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10 });
  await ob.start({ poll: false });
  return { api, ob };
}

interface WpPostFull {
  id: number;
  slug: string;
  status: string;
  title: { raw: string };
}

async function sameTitle(e: WpEnv, title: string) {
  return (await wpAll<WpPostFull>(e, `/wp/v2/posts?status=publish,draft,future,pending,private&context=edit&search=${encodeURIComponent(title)}`)).filter((p) => p.title.raw === title);
}

async function website(api: Api, postId: string) {
  return api.store.collections.jobs.all().filter((j) => j.postId === postId && j.channel === 'website');
}

describe.skipIf(!env)('"Sudah ada di website?" (real WordPress)', () => {
  const e = env!;

  it('a post published by hand is found before publishing; linking it publishes nothing new and counts once', async () => {
    const title = `Vaksinasi Rabies Gratis di Kecamatan Cepu ${RUN}`;
    // Published by hand in wp-admin this morning (WordPress makes the slug from the title).
    const byHand = await wp<{ id: number; slug: string; link: string }>(e, '/wp/v2/posts', { method: 'POST', body: { title, content: 'Diketik langsung di wp-admin.', status: 'publish' } });
    expect(byHand.status).toBe(201);

    const { api, ob } = await pc(e);
    const photo = await seedPhoto(api, 'gps/DSCN0010.jpg', `Petugas menyuntik anjing ${RUN}`);
    const post = await seedPost(api, title, [photo]);

    // The editor asks before queueing.
    const look = await api.call('publishing.findOnSite', { postId: post.id });
    expect(look.status).toBe('checked');
    expect(look.matches).toHaveLength(1);
    expect(look.matches[0]).toMatchObject({ id: String(byHand.json.id), kind: 'slug', status: 'publish', title });

    // Queued anyway (from the API, or the editor clicked past): the outbox asks instead of creating a copy.
    await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    await ob.drain();
    let [job] = await website(api, post.id);
    expect(job.state).toBe('needs_action');
    expect(job.needsAction?.reason).toBe('on_site');
    expect(job.attempts).toBe(0);
    expect(Object.keys(job.remote.media)).toHaveLength(0); // nothing uploaded either
    expect(await sameTitle(e, title)).toHaveLength(1);

    // "Ini tulisan yang sama": linked; the post is published, once, at the site's time.
    const linked = await api.call('publishing.adopt', { postId: post.id, remoteId: String(byHand.json.id) });
    expect(linked.state).toBe('published');
    expect(linked.remote.postId).toBe(String(byHand.json.id));
    expect(linked.remote.url).toBe(byHand.json.link);
    expect(api.store.collections.publications.all().filter((p) => p.postId === post.id)).toHaveLength(1);
    expect((await api.call('posts.get', { id: post.id })).status).toBe('published');
    expect((await api.call('publishing.findOnSite', { postId: post.id })).linked).toEqual({ id: String(byHand.json.id), url: byHand.json.link });

    // Sending this version afterwards updates that post in place: still one on the site.
    const [update] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    expect(update.isUpdate).toBe(true);
    await ob.drain();
    [job] = (await website(api, post.id)).filter((j) => j.id === update.id);
    expect(job.state).toBe('published');
    expect(job.remote.postId).toBe(String(byHand.json.id));
    const onSite = await sameTitle(e, title);
    expect(onSite).toHaveLength(1);
    expect(api.store.collections.publications.all().filter((p) => p.postId === post.id)).toHaveLength(1);
    await ob.stop();
  });

  it('a post Redaksi published from another PC is found by its marker; "a different article" publishes a new one', async () => {
    const title = `Pelatihan Kader Posyandu Angkatan II ${RUN}`;
    const first = await pc(e);
    const photo1 = await seedPhoto(first.api, 'gps/DSCN0012.jpg', `Kader berlatih ${RUN}`);
    const post1 = await seedPost(first.api, title, [photo1]);
    await first.api.call('publishing.schedule', { postId: post1.id, channels: ['website'], scheduledAt: null });
    await first.ob.drain();
    const [sent] = await website(first.api, post1.id);
    expect(sent.state).toBe('published');

    // The second PC (or this one after restoring an old backup) has the same article, with no memory of the job.
    const second = await pc(e);
    const photo2 = await seedPhoto(second.api, 'gps/DSCN0012.jpg', `Kader berlatih ${RUN}`);
    const post2 = await seedPost(second.api, title, [photo2]);
    const look = await second.api.call('publishing.findOnSite', { postId: post2.id });
    expect(look.matches.map((m) => [m.id, m.kind])).toEqual([[sent.remote.postId, 'marker']]);

    // The admin says it is another article (e.g. a second batch with the same name): a new post, on purpose.
    await second.api.call('publishing.schedule', { postId: post2.id, channels: ['website'], scheduledAt: null });
    await second.ob.drain();
    const [asked] = await website(second.api, post2.id);
    expect(asked.needsAction?.reason).toBe('on_site');
    await second.api.call('publishing.resolve', { jobId: asked.id, action: 'publish_new' });
    await second.ob.drain();
    const done = second.api.store.collections.jobs.get(asked.id)!;
    expect(done.state).toBe('published');
    expect(done.remote.postId).not.toBe(sent.remote.postId);
    expect(await sameTitle(e, title)).toHaveLength(2);
    // The admin confirmed "new" when queueing on a third PC: no question asked.
    const third = await pc(e);
    const post3 = await seedPost(third.api, title, [await seedPhoto(third.api, 'gps/DSCN0012.jpg', `Kader ${RUN}`)]);
    await third.api.call('publishing.schedule', { postId: post3.id, channels: ['website'], scheduledAt: null, newOnSite: true });
    await third.ob.drain();
    expect((await website(third.api, post3.id))[0].state).toBe('published');
    expect(await sameTitle(e, title)).toHaveLength(3);
    await Promise.all([first.ob.stop(), second.ob.stop(), third.ob.stop()]);
  });

  it('linking refuses a post that is not on the site, with nothing written', async () => {
    const { api, ob } = await pc(e);
    const post = await seedPost(api, `Tidak ada di situs ${RUN}`, [await seedPhoto(api, 'gps/DSCN0021.jpg', `Foto ${RUN}`)]);
    await expect(api.call('publishing.adopt', { postId: post.id, remoteId: '99999999' })).rejects.toMatchObject({ code: 'not_found', params: { reason: 'site_post_missing' } });
    expect(api.store.collections.jobs.all()).toHaveLength(0);
    expect(api.store.collections.publications.all()).toHaveLength(0);
    await ob.stop();
  });
});
