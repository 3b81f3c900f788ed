/**
 * WordPress author mapping against a REAL WordPress (../shared/tools): a post
 * goes out under the site user mapped to its Penulis credit; the map is
 * checked against the site's users; an unmapped credit, or a user the site
 * refuses as author, falls back to the connection's user and says so.
 * Protocol: developer.wordpress.org/rest-api/reference/users/ and posts/ ("author").
 */
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, type WpEnv } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_AUTHORS_PORT ?? 8170), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-authors');
const env = started.env;
if (!env) console.warn(`[authors integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);

async function user(e: WpEnv, name: string, role: string): Promise<{ id: number }> {
  const slug = `${name.toLowerCase().replace(/\W+/g, '')}${RUN}`;
  const r = await wp<{ id: number }>(e, '/wp/v2/users', { method: 'POST', body: { username: slug, name, email: `${slug}@example.test`, password: `Pw-${RUN}-x9!`, roles: [role] } });
  expect(r.status).toBe(201);
  return r.json;
}

describe.skipIf(!env)('WordPress author mapping (real WordPress)', () => {
  const e = env!;

  it('publishes under the mapped user, falls back to the connection user for an unmapped credit, and refuses a map the site cannot honour', async () => {
    const ani = await user(e, `Ani Rahmawati ${RUN}`, 'author');
    const tono = await user(e, `Tono ${RUN}`, 'contributor');
    const api = await openApi(tempDir());
    const conn = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: e.url, username: e.user, secret: e.appPassword });
    const me = (await wp<{ id: number }>(e, '/wp/v2/users/me')).json;

    const listed = await api.call('connections.wpUsers', { id: conn.id });
    expect(listed.complete).toBe(true);
    expect(listed.users.map((u) => u.id)).toEqual(expect.arrayContaining([String(ani.id), String(tono.id)]));

    // Checked against the site: a contributor cannot publish, an unknown id is not there.
    await expect(api.call('connections.setAuthors', { id: conn.id, authors: [{ credit: 'Tono', wpUserId: String(tono.id) }] })).rejects.toMatchObject({ params: { reason: 'wp_user_cannot_publish' } });
    await expect(api.call('connections.setAuthors', { id: conn.id, authors: [{ credit: 'Ani', wpUserId: '987654' }] })).rejects.toMatchObject({ params: { reason: 'wp_user_missing' } });
    const saved = await api.call('connections.setAuthors', { id: conn.id, authors: [{ credit: 'Ani Rahmawati', wpUserId: String(ani.id) }] });
    expect(saved.authors).toEqual([{ credit: 'Ani Rahmawati', wpUserId: String(ani.id), wpName: `Ani Rahmawati ${RUN}` }]);
    // Saving the connection again (same site) keeps the map.
    expect((await api.call('connections.save', { id: conn.id, channel: 'website', label: 'Web dinas', baseUrl: e.url, username: e.user })).authors).toHaveLength(1);

    const photo = await seedPhoto(api, 'gps/DSCN0010.jpg', `Kader ${RUN}`);
    const byAni = await seedPost(api, `Posyandu Melati Buka Kelas Gizi ${RUN}`, [photo], { authorCredit: '  ani rahmawati ' });
    const byBudi = await seedPost(api, `Sosialisasi Kawasan Tanpa Rokok ${RUN}`, [photo], { authorCredit: 'Budi Santoso' });
    const v = await api.call('publishing.variants', { postId: byBudi.id });
    expect(v.websiteAuthor).toEqual({ credit: 'Budi Santoso', wpName: null, fallback: e.user });
    expect((await api.call('publishing.variants', { postId: byAni.id })).websiteAuthor?.wpName).toBe(`Ani Rahmawati ${RUN}`);

    const [j1] = await api.call('publishing.schedule', { postId: byAni.id, channels: ['website'], scheduledAt: null });
    const [j2] = await api.call('publishing.schedule', { postId: byBudi.id, channels: ['website'], scheduledAt: null });
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0 });
    await ob.start({ poll: false });
    await ob.drain();
    const a = api.store.collections.jobs.get(j1.id)!;
    const b = api.store.collections.jobs.get(j2.id)!;
    expect([a.state, b.state]).toEqual(['published', 'published']);
    const post = async (id: string | null) => (await wp<{ author: number }>(e, `/wp/v2/posts/${id}?context=edit`)).json;
    expect((await post(a.remote.postId)).author).toBe(ani.id);
    expect((await post(b.remote.postId)).author).toBe(me.id);
    expect(b.log.map((l) => l.detail).join('\n')).toContain('Penulis "Budi Santoso" has no WordPress user mapped');

    // The mapped user is gone from the site: the post still goes out, as the connection user, and the log says why.
    await wp(e, `/wp/v2/users/${ani.id}?force=true&reassign=${me.id}`, { method: 'DELETE' });
    const again = await seedPost(api, `Posyandu Melati Tahap Dua ${RUN}`, [photo], { authorCredit: 'Ani Rahmawati' });
    const [j3] = await api.call('publishing.schedule', { postId: again.id, channels: ['website'], scheduledAt: null });
    await ob.drain();
    const c = api.store.collections.jobs.get(j3.id)!;
    expect(c.state).toBe('published');
    expect((await post(c.remote.postId)).author).toBe(me.id);
    expect(c.log.some((l) => l.action === 'author' && l.outcome === 'error' && /refused author/.test(l.detail))).toBe(true);
    await ob.stop();
  });
});
