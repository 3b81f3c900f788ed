import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { createZip, readZip } from '@core/files/zip';
import { importPhoto } from '@core/media/import';
import { buildCsv, buildPostZip, buildWxr } from '@core/publishing/exports';
import { PublishError } from '@core/publishing/http';
import { Outbox } from '@core/publishing/outbox';
import type { Publisher } from '@core/publishing/publisher';
import { EncryptedSecretStore } from '@core/publishing/secrets';
import { ApiError } from '@shared/api/errors';
import type { Post } from '@shared/domain/post';
import { openApi, tempDir } from '../electron/helpers';

const PHOTOS = path.resolve(__dirname, '../../../../shared/fixtures/photos');
type Api = Awaited<ReturnType<typeof openApi>>;

async function seed(api: Api, status: Post['status'] = 'approved', title = 'Posyandu Balita Desa Sido') {
  const res = await importPhoto(api.ctx, 'a.jpg', readFileSync(path.join(PHOTOS, 'gps/DSCN0010.jpg')));
  await api.store.collections.media.put({ ...res.photo, altText: 'Kader menimbang balita', rev: res.photo.rev + 1 });
  const p = await api.call('posts.create', {
    content: { title, lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan', tags: ['Stunting'], media: [{ mediaId: res.photo.id, role: 'featured', caption: '' }] },
  });
  const post = { ...p, status, rev: p.rev + 1 };
  await api.store.posts.put(post);
  return post;
}

/** A scripted channel: each call answers with the next outcome. */
function scripted(outcomes: (PublishError | 'ok')[]): Publisher & { calls: number } {
  const pub = {
    calls: 0,
    async publish() {
      const o = outcomes[Math.min(pub.calls++, outcomes.length - 1)];
      if (o !== 'ok') throw o;
      return { remoteId: '42', url: 'https://dinkes.example.go.id/?p=42', remoteStatus: 'publish' };
    },
    async test() {
      return { ok: true, code: 'ok' as const, detail: '' };
    },
    async probe() {},
  };
  return pub;
}

async function queued(api: Api, clock: { now: Date }, scheduledAt: string | null = null) {
  const post = await seed(api);
  await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
  const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt });
  void clock;
  return { post, job };
}

describe('outbox', () => {
  it('honours 429 reset headers, retries 5xx with backoff, then gives up as failed', async () => {
    const clock = { now: new Date('2026-11-24T02:00:00Z') };
    const api = await openApi(tempDir(), { now: () => clock.now });
    const { job } = await queued(api, clock);
    const pub = scripted([
      new PublishError('rate_limited', 'POST /wp/v2/posts → 429', { status: 429, retryAfterMs: 15 * 60_000 }),
      ...Array.from({ length: 10 }, () => new PublishError('retryable', 'GET → 503', { status: 503 })),
    ]);
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: { website: pub }, random: () => 0.5 });
    await ob.start({ poll: false });
    await ob.tick();
    let j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('queued');
    expect(Date.parse(j.nextAttemptAt!) - clock.now.getTime()).toBe(15 * 60_000);
    await ob.tick(); // not due yet
    expect(pub.calls).toBe(1);
    for (let i = 0; i < 20 && api.store.collections.jobs.get(job.id)!.state === 'queued'; i++) {
      clock.now = new Date(Date.parse(api.store.collections.jobs.get(job.id)!.nextAttemptAt!) + 1);
      await ob.tick();
    }
    j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('failed');
    expect(j.attempts).toBe(8);
    expect(j.log.filter((l) => l.action === 'attempt failed')).toHaveLength(8);
  });

  it('an unknown outcome that cannot be checked ends unconfirmed; the user decides', async () => {
    const clock = { now: new Date('2026-11-24T02:00:00Z') };
    const api = await openApi(tempDir(), { now: () => clock.now });
    const { job } = await queued(api, clock);
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: { website: scripted([new PublishError('unverifiable', 'cannot look up')]) } });
    await ob.start({ poll: false });
    await ob.tick();
    expect(api.store.collections.jobs.get(job.id)!.state).toBe('unconfirmed');
    const r = await api.call('publishing.resolve', { jobId: job.id, action: 'mark_published', url: 'https://dinkes.example.go.id/berita-1' });
    expect(r.state).toBe('published');
    expect(api.store.collections.publications.all()).toHaveLength(1);
  });

  it('wrong credentials stop the job and ask for the connection to be fixed', async () => {
    const clock = { now: new Date('2026-11-24T02:00:00Z') };
    const api = await openApi(tempDir(), { now: () => clock.now });
    const { job } = await queued(api, clock);
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: { website: scripted([new PublishError('auth', '401 rest_not_logged_in', { status: 401 })]) } });
    await ob.start({ poll: false });
    await ob.tick();
    const j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('needs_action');
    expect(j.needsAction?.reason).toBe('auth');
  });

  it('resumes a job interrupted while sending, and asks about a slot missed while the PC was off', async () => {
    const clock = { now: new Date('2026-11-24T02:00:00Z') };
    const dir = tempDir();
    const api = await openApi(dir, { now: () => clock.now });
    const { job } = await queued(api, clock, '2026-11-24T03:00:00.000Z');
    const post2 = await seed(api, 'approved', 'Kedua');
    const [job2] = await api.call('publishing.schedule', { postId: post2.id, channels: ['website'], scheduledAt: null });
    await api.store.collections.jobs.put({ ...api.store.collections.jobs.get(job2.id)!, state: 'sending', intents: ['post'], rev: api.store.collections.jobs.get(job2.id)!.rev + 1 });
    // The PC was off from 02:00 to 09:00.
    clock.now = new Date('2026-11-24T09:00:00Z');
    const pub = scripted(['ok']);
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: { website: pub } });
    await ob.start({ poll: false });
    const missed = api.store.collections.jobs.get(job.id)!;
    expect(missed.state).toBe('needs_action');
    expect(missed.needsAction?.reason).toBe('missed_slot');
    const resumed = api.store.collections.jobs.get(job2.id)!;
    expect(resumed.state).toBe('queued');
    expect(resumed.intents).toEqual(['post']);
    await ob.drain();
    expect(pub.calls).toBe(1); // only the resumed one: the missed slot is not sent silently
    await api.call('publishing.resolve', { jobId: job.id, action: 'send_now' });
    await ob.drain();
    expect(api.store.collections.jobs.get(job.id)!.state).toBe('published');
  });

  it('refuses to queue posts that are not approved, and variants with errors', async () => {
    const api = await openApi(tempDir());
    const draft = await seed(api, 'draft');
    await expect(api.call('publishing.schedule', { postId: draft.id, channels: ['website'], scheduledAt: null })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'not_approved' } });
    const ok = await seed(api, 'draft');
    const v = await api.call('publishing.variants', { postId: ok.id });
    const x = v.variants.find((c) => c.channel === 'x')!;
    const saved = await api.call('publishing.saveVariants', { postId: ok.id, baseRev: v.post.rev, variants: [{ ...x, text: 'a'.repeat(300) }] });
    await api.store.posts.put({ ...saved.post, status: 'approved', rev: saved.post.rev + 1 });
    const err = await api.call('publishing.schedule', { postId: ok.id, channels: ['x'], scheduledAt: null }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).params).toMatchObject({ reason: 'variant_invalid', channel: 'x', code: 'x_too_long' });
  });

  it('manual kit: "Tandai sudah tayang" needs a public URL and counts as published everywhere', async () => {
    const api = await openApi(tempDir());
    const post = await seed(api);
    const [wa] = await api.call('publishing.schedule', { postId: post.id, channels: ['whatsapp'], scheduledAt: null });
    expect(wa.mode).toBe('manual');
    expect(wa.media.length).toBe(1);
    await expect(api.call('publishing.resolve', { jobId: wa.id, action: 'mark_published', url: 'bukan url' })).rejects.toMatchObject({ params: { reason: 'url_required' } });
    await api.call('publishing.resolve', { jobId: wa.id, action: 'mark_published', url: 'https://whatsapp.com/channel/abc' });
    const pubs = api.store.collections.publications.all();
    expect(pubs).toMatchObject([{ channel: 'whatsapp', source: 'manual', url: 'https://whatsapp.com/channel/abc', postId: post.id }]);
    expect(api.store.posts.get(post.id)!.status).toBe('published');
    await expect(api.call('publishing.resolve', { jobId: wa.id, action: 'mark_published', url: 'https://whatsapp.com/channel/abc' })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('credentials', () => {
  it('never land in the store; the encrypted store refuses the basic_text backend', async () => {
    const api = await openApi(tempDir());
    const conn = await api.call('connections.save', { channel: 'website', label: 'W', baseUrl: 'dinkes.example.go.id', username: 'admin', secret: 'rahasia-sekali-123' });
    expect(conn.baseUrl).toBe('https://dinkes.example.go.id');
    expect(JSON.stringify(conn)).not.toContain('rahasia');
    expect(readFileSync(path.join(api.ctx.dataDir, 'store', 'connections', `${conn.id}.json`), 'utf8')).not.toContain('rahasia');
    const enc = (backend: string) => ({
      isEncryptionAvailable: () => true,
      backend: () => backend,
      encryptString: (s: string) => Buffer.from(s.split('').reverse().join(''), 'utf8'),
      decryptString: (b: Buffer) => b.toString('utf8').split('').reverse().join(''),
    });
    const dir = tempDir();
    const basic = new EncryptedSecretStore(dir, enc('basic_text'));
    expect(basic.unavailableReason()).toBe('basic_text');
    await expect(basic.set('a', 'x')).rejects.toThrow(/basic_text/);
    api.ctx.services.secrets = basic;
    await expect(api.call('connections.save', { channel: 'website', label: 'W', baseUrl: 'x.go.id', username: 'a', secret: 'pw' })).rejects.toMatchObject({ code: 'unsupported', params: { reason: 'secrets_basic_text' } });
    const good = new EncryptedSecretStore(dir, enc('gnome_libsecret'));
    await good.set('a', 'rahasia');
    expect(readFileSync(path.join(dir, 'a.bin'), 'utf8')).not.toContain('rahasia');
    expect(await good.get('a')).toBe('rahasia');
  });
});

describe('exports without a connection', () => {
  it('ZIP per post round-trips into another Redaksi with checksums; newer local data is kept', async () => {
    const a = await openApi(tempDir());
    const post = await seed(a);
    const src = a.store.collections.media.get(post.media[0].mediaId)!;
    await a.store.collections.media.put({ ...src, caption: 'Kader posyandu Desa Sido', credit: 'Humas Dinkes', focal: { x: 0.3, y: 0.4 }, rev: src.rev + 1 });
    const zip = await buildPostZip(a.ctx, post);
    const files = await readZip(zip);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['artikel.html', 'artikel.md', 'metadata.json', 'kanal/facebook/teks.txt', 'kanal/instagram/1.jpg']));
    // X has a daily target of 0 and no connection: off by default, so not in the kit.
    expect(files.has('kanal/x/teks.txt')).toBe(false);
    expect(new TextDecoder().decode(files.get('artikel.html')!)).toContain('<img src="gambar/');
    const b = await openApi(tempDir());
    const res = await b.call('publishing.importZip', { name: 'p.zip', dataBase64: Buffer.from(zip).toString('base64') });
    expect(res.outcome).toBe('created');
    const imported = b.store.posts.get(res.postId)!;
    expect(imported.title).toBe(post.title);
    expect(imported.status).toBe('draft');
    // The photo comes back as itself: full size (not the 16:9 website crop), its alt text, caption, credit and focal point, no GPS.
    const photo = b.store.collections.media.get(imported.media[0].mediaId)!;
    expect(photo).toMatchObject({ altText: 'Kader menimbang balita', caption: 'Kader posyandu Desa Sido', credit: 'Humas Dinkes', focal: { x: 0.3, y: 0.4 }, hasGps: false });
    expect([photo.width, photo.height]).toEqual([src.width, src.height]);
    expect(src.hasGps).toBe(true);
    // The same ZIP again: the local copy is as new → kept.
    expect((await b.call('publishing.importZip', { name: 'p.zip', dataBase64: Buffer.from(zip).toString('base64') })).outcome).toBe('kept_newer');
    // Tampered content fails its checksum.
    const meta = new TextDecoder().decode(files.get('metadata.json')!);
    const bad = createZip({ 'metadata.json': meta, 'artikel.html': 'diubah', 'artikel.md': files.get('artikel.md')! });
    await expect(b.call('publishing.importZip', { name: 'p.zip', dataBase64: Buffer.from(bad).toString('base64') })).rejects.toMatchObject({ params: { reason: 'checksum_mismatch' } });
  });

  it("refuses a post ZIP whose post id is not a plain id (e.g. '../') as invalid input, not an internal error", async () => {
    const a = await openApi(tempDir());
    const post = await seed(a);
    const files = await readZip(await buildPostZip(a.ctx, post));
    const meta = JSON.parse(new TextDecoder().decode(files.get('metadata.json')!));
    for (const id of ['../../store/workspace', '..', 'a/b']) {
      meta.post.id = id;
      const zip = createZip({ ...Object.fromEntries(files), 'metadata.json': JSON.stringify(meta) });
      const b = await openApi(tempDir());
      const r = await b.dispatch('publishing.importZip', { name: 'p.zip', dataBase64: Buffer.from(zip).toString('base64') });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', params: { reason: 'not_redaksi_zip' } });
    }
  });

  it('refuses a ZIP with a path-traversal entry', async () => {
    const { zipSync } = await import('fflate');
    const evil = zipSync({ '../../evil.txt': new TextEncoder().encode('x') });
    const b = await openApi(tempDir());
    await expect(b.call('publishing.importZip', { name: 'e.zip', dataBase64: Buffer.from(evil).toString('base64') })).rejects.toMatchObject({ params: { reason: 'zip_path' } });
  });

  it('WXR and CSV for a batch; CSV cells cannot run as formulas', async () => {
    const a = await openApi(tempDir());
    const post = await seed(a, 'approved', '=HYPERLINK("http://x") Judul');
    const wxr = await buildWxr(a.ctx, [post]);
    expect(wxr).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(wxr).toContain('<category domain="category" nicename="kesehatan">Kesehatan</category>');
    const csv = buildCsv(a.ctx, [post]);
    expect(csv.split('\r\n')[0]).toBe('judul,kanal,teks,jadwal,jadwal_iso,gambar,kategori,tag');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") Judul"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
