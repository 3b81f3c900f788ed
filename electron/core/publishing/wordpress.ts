import type { Connection, ConnectionTestResult } from '../../../shared/publishing/connection';
import { decodeHtmlEntities, lineText, wpText } from '../../../shared/publishing/encode';
import { wpMediaSlug, wpSlug, type Job, type JobMedia } from '../../../shared/publishing/job';
import { sanitizeArticleHtml } from '../html/sanitize';
import { failureOf, PublishError, send, shortUrl, type Fetcher, type HttpRequest, type HttpResponse } from './http';
import type { Publisher, PublishRun } from './publisher';

/**
 * WordPress REST API publisher (developer.wordpress.org/rest-api/reference/),
 * authenticated with an Application Password (HTTP Basic, WP ≥ 5.6).
 *
 * Never twice:
 * - the post is created as a draft with a deterministic slug (title + the
 *   job's client key); before creating it again after an unknown outcome we
 *   look it up by that slug (drafts keep their slug as given: wp_unique_post_slug
 *   skips drafts), adopt it, and only then change its status;
 * - every image is uploaded with a slug derived from its SHA-256 and looked
 *   up by that slug first, so an image goes up once whatever the crash or
 *   the number of posts using it.
 */

const ANY_STATUS = 'draft,pending,future,publish,private';

interface WpClient {
  base: string;
  auth: string;
  fetcher: Fetcher;
  now(): Date;
  timeoutMs: number;
}

async function call(c: WpClient, req: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse & { req: HttpRequest }> {
  const full: HttpRequest = {
    ...req,
    url: `${c.base}/wp-json${req.path}`,
    headers: { Authorization: c.auth, Accept: 'application/json', ...req.headers },
    timeoutMs: req.timeoutMs ?? c.timeoutMs,
  };
  const res = await send(full, c.fetcher);
  if (res.status < 200 || res.status >= 300) throw failureOf(full, res, c.now());
  return { ...res, req: full };
}

function client(conn: Connection, secret: string, fetcher: Fetcher, now: () => Date, timeoutMs = 60_000): WpClient {
  const auth = `Basic ${Buffer.from(`${conn.username}:${secret.replace(/\s+/g, '')}`, 'utf8').toString('base64')}`;
  return { base: conn.baseUrl.replace(/\/+$/, ''), auth, fetcher, now, timeoutMs };
}

interface WpMedia {
  id: number;
  source_url: string;
  alt_text?: string;
  caption?: { raw?: string };
}
interface WpPost {
  id: number;
  link: string;
  status: string;
  slug: string;
}
interface WpTerm {
  id: number;
  name: string;
}

/** Term ids per site, shared by all jobs of this publisher: terms are unique by name, so an id found once stays valid. */
type TermCache = Map<string, number>;

async function ensureTerm(c: WpClient, run: PublishRun, taxonomy: 'categories' | 'tags', rawName: string, cache: TermCache): Promise<number> {
  // WordPress stores term names as HTML: send the text encoded, compare decoded.
  const name = lineText(rawName);
  const key = `${taxonomy}:${name.toLowerCase()}`;
  const known = run.job.remote.terms[key] ?? cache.get(`${c.base}|${key}`);
  if (known) {
    if (!run.job.remote.terms[key]) await run.update((j) => ({ ...j, remote: { ...j.remote, terms: { ...j.remote.terms, [key]: String(known) } } }));
    return Number(known);
  }
  const found = await call(c, { method: 'GET', path: `/wp/v2/${taxonomy}?search=${encodeURIComponent(wpText(name))}&per_page=100&_fields=id,name` });
  const list = (found.json as WpTerm[]) ?? [];
  let id = list.find((t) => decodeHtmlEntities(t.name).toLowerCase() === name.toLowerCase())?.id;
  if (!id) {
    try {
      const made = await call(c, {
        method: 'POST',
        path: `/wp/v2/${taxonomy}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: wpText(name) }),
      });
      id = (made.json as WpTerm).id;
      await run.log({ action: `POST /wp/v2/${taxonomy} (${name})`, outcome: 'ok', detail: 'created', status: made.status, remoteId: String(id), url: null });
    } catch (err) {
      // term_exists carries the id of the term created by an earlier, interrupted attempt (terms are unique by name).
      const e = err as PublishError;
      if (e instanceof PublishError && e.extra.code === 'term_exists') {
        const again = await call(c, { method: 'GET', path: `/wp/v2/${taxonomy}?search=${encodeURIComponent(wpText(name))}&per_page=100&_fields=id,name` });
        id = ((again.json as WpTerm[]) ?? []).find((t) => decodeHtmlEntities(t.name).toLowerCase() === name.toLowerCase())?.id;
      }
      if (!id) throw err;
    }
  }
  cache.set(`${c.base}|${key}`, id);
  await run.update((j) => ({ ...j, remote: { ...j.remote, terms: { ...j.remote.terms, [key]: String(id) } } }));
  return id;
}

async function findMedia(c: WpClient, sha: string): Promise<WpMedia | null> {
  const r = await call(c, { method: 'GET', path: `/wp/v2/media?slug=${wpMediaSlug(sha)}&context=edit&_fields=id,source_url,alt_text,caption` });
  const list = (r.json as WpMedia[]) ?? [];
  return list[0] ?? null;
}

async function uploadMedia(c: WpClient, run: PublishRun, m: JobMedia): Promise<{ id: string; url: string }> {
  const known = run.job.remote.media[m.sha256];
  if (known) return known;
  let media = await findMedia(c, m.sha256);
  if (media) {
    await run.log({ action: 'lookup media by slug', outcome: 'ok', detail: 'already on the site: adopted', status: 200, remoteId: String(media.id), url: media.source_url });
    if ((media.alt_text ?? '') !== wpText(lineText(m.alt)) || (media.caption?.raw ?? '') !== wpText(m.caption)) {
      // Same picture, newer description: update it in place (idempotent) rather than uploading a copy.
      await call(c, { method: 'POST', path: `/wp/v2/media/${media.id}`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ alt_text: wpText(lineText(m.alt)), caption: wpText(m.caption) }) });
    }
  } else {
    const intent = `media:${m.sha256}`;
    await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, intent])] }));
    const slug = wpMediaSlug(m.sha256);
    const q = new URLSearchParams({ slug, title: wpText(lineText(m.caption).slice(0, 120)) || slug, alt_text: wpText(lineText(m.alt)), caption: wpText(m.caption) });
    const ext = m.mime === 'image/png' ? 'png' : 'jpg';
    const bytes = await run.readMedia(m);
    const r = await call(c, {
      method: 'POST',
      path: `/wp/v2/media?${q.toString()}&_fields=id,source_url`,
      headers: { 'Content-Type': m.mime, 'Content-Disposition': `attachment; filename="${slug}.${ext}"` },
      body: bytes,
    });
    media = r.json as WpMedia;
    await run.log({ action: `POST /wp/v2/media (${(m.bytes / 1024).toFixed(0)} KB)`, outcome: 'ok', detail: 'uploaded', status: r.status, remoteId: String(media.id), url: media.source_url });
  }
  const ref = { id: String(media.id), url: media.source_url };
  await run.update((j) => ({
    ...j,
    remote: { ...j.remote, media: { ...j.remote.media, [m.sha256]: ref } },
    intents: j.intents.filter((x) => x !== `media:${m.sha256}`),
  }));
  return ref;
}

async function findPostBySlug(c: WpClient, slug: string): Promise<WpPost | null> {
  const r = await call(c, { method: 'GET', path: `/wp/v2/posts?slug=${encodeURIComponent(slug)}&status=${ANY_STATUS}&context=edit&_fields=id,link,status,slug` });
  return ((r.json as WpPost[]) ?? [])[0] ?? null;
}

function gmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/**
 * Put an image on the OPD's WordPress (once per content hash) and return its
 * public URL: Instagram fetches images by URL and needs them public.
 */
export async function publicImageUrl(run: PublishRun, site: { connection: Connection; secret: string }, m: JobMedia, fetcher: Fetcher = fetch): Promise<{ id: string; url: string }> {
  const c = client(site.connection, site.secret, fetcher, run.now, run.timeoutMs);
  return uploadMedia(c, run, m);
}

export function wordpressPublisher(fetcher: Fetcher = fetch): Publisher {
  const terms: TermCache = new Map();
  return {
    async publish(run) {
      const { job } = run;
      const c = client(run.connection, run.secret, fetcher, run.now, run.timeoutMs);
      const p = job.payload;

      const mediaIds: number[] = [];
      for (const m of p.media) mediaIds.push(Number((await uploadMedia(c, run, m)).id));
      const categories = p.category.trim() ? [await ensureTerm(c, run, 'categories', p.category.trim(), terms)] : [];
      const tags: number[] = [];
      for (const t of p.tags) if (t.trim()) tags.push(await ensureTerm(c, run, 'tags', t.trim(), terms));

      const slug = wpSlug(p.title, job.clientKey);
      // Title and excerpt are text: encoded so that no markup reaches the site, even for accounts
      // allowed unfiltered HTML. Only the body is HTML, sanitised when the job was queued.
      const fields = {
        title: wpText(lineText(p.title)),
        content: sanitizeArticleHtml(p.html),
        excerpt: wpText(p.excerpt),
        categories,
        tags,
        featured_media: p.featured !== null && mediaIds[p.featured] ? mediaIds[p.featured] : 0,
      };

      let postId = run.job.remote.postId;
      if (!postId && run.job.intents.includes('post')) {
        // An earlier create may have reached WordPress: look before creating again.
        const found = await findPostBySlug(c, slug);
        await run.log({
          action: `lookup post by slug ${slug}`,
          outcome: 'ok',
          detail: found ? `found (${found.status}): adopted` : 'not on the site: safe to create',
          status: 200,
          remoteId: found ? String(found.id) : null,
          url: found?.link ?? null,
        });
        if (found) {
          postId = String(found.id);
          await run.update((j) => ({ ...j, remote: { ...j.remote, postId: String(found.id) }, intents: j.intents.filter((x) => x !== 'post') }));
        }
      }
      if (!postId) {
        await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, 'post'])] }));
        const r = await call(c, {
          method: 'POST',
          path: '/wp/v2/posts?_fields=id,link,status,slug',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...fields, slug, status: 'draft' }),
        });
        const made = r.json as WpPost;
        postId = String(made.id);
        await run.update((j) => ({ ...j, remote: { ...j.remote, postId: String(made.id) }, intents: j.intents.filter((x) => x !== 'post') }));
        await run.log({ action: 'POST /wp/v2/posts (draft)', outcome: 'ok', detail: `draft ${slug}`, status: r.status, remoteId: postId, url: made.link });
      }

      // Changing the status (and re-sending the fields) is idempotent: safe to repeat after any crash.
      const final: Record<string, unknown> = { ...fields, status: job.wpStatus };
      if (job.wpStatus === 'future' && job.scheduledAt) final.date_gmt = gmt(job.scheduledAt);
      const r = await call(c, {
        method: 'POST',
        path: `/wp/v2/posts/${postId}?_fields=id,link,status,slug`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(final),
      });
      const done = r.json as WpPost;
      await run.log({ action: `POST /wp/v2/posts/${postId} (status ${job.wpStatus})`, outcome: 'ok', detail: `status ${done.status}`, status: r.status, remoteId: postId, url: done.link });
      return { remoteId: postId, url: done.link, remoteStatus: done.status };
    },

    async test(conn, secret) {
      return testWordpress(conn, secret, fetcher);
    },

    async probe(conn) {
      // Any HTTP answer means the route to the site works.
      await send({ method: 'GET', url: `${conn.baseUrl.replace(/\/+$/, '')}/wp-json/`, timeoutMs: 10_000 }, fetcher);
    },
  };
}

/** Looks like a WordPress application password: 24 letters/digits, shown in groups of four. */
export function looksLikeAppPassword(s: string): boolean {
  return /^[A-Za-z0-9]{24}$/.test(s.replace(/\s+/g, ''));
}

const NEEDED_CAPS = ['edit_posts', 'publish_posts', 'upload_files', 'manage_categories'] as const;

export async function testWordpress(conn: Connection, secret: string | null, fetcher: Fetcher = fetch): Promise<ConnectionTestResult> {
  const base = conn.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/i.test(base)) return { ok: false, code: 'bad_url', detail: base };
  if (!secret) return { ok: false, code: 'no_secret', detail: '' };
  let root: HttpResponse;
  try {
    root = await send({ method: 'GET', url: `${base}/wp-json/`, timeoutMs: 15_000 }, fetcher);
  } catch (err) {
    return { ok: false, code: 'unreachable', detail: (err as Error).message };
  }
  const rootJson = root.json as { namespaces?: string[]; authentication?: Record<string, unknown>; code?: string } | null;
  if (root.status >= 500) return { ok: false, code: 'server_error', detail: `GET /wp-json/ → ${root.status}` };
  if (!rootJson || !Array.isArray(rootJson.namespaces) || !rootJson.namespaces.includes('wp/v2')) {
    // A security plugin (e.g. "Disable REST API", iThemes/Solid Security, Wordfence) or a firewall answers instead of WordPress.
    const code = rootJson?.code ? ` ${rootJson.code}` : '';
    return { ok: false, code: 'rest_blocked', detail: `GET /wp-json/ → ${root.status}${code} (${root.headers.get('content-type') ?? '?'})` };
  }
  if (rootJson.authentication && !('application-passwords' in rootJson.authentication)) {
    return { ok: false, code: 'app_passwords_disabled', detail: 'authentication: no application-passwords' };
  }
  const c = client(conn, secret, fetcher, () => new Date(), 15_000);
  let me: HttpResponse;
  try {
    me = await send({ method: 'GET', url: `${base}/wp-json/wp/v2/users/me?context=edit`, headers: { Authorization: c.auth }, timeoutMs: 15_000 }, fetcher);
  } catch (err) {
    return { ok: false, code: 'unreachable', detail: (err as Error).message };
  }
  const body = (me.json ?? {}) as { code?: string; name?: string; capabilities?: Record<string, boolean> };
  if (me.status === 200) {
    const missing = NEEDED_CAPS.filter((cap) => !body.capabilities?.[cap]);
    if (missing.length) return { ok: false, code: 'missing_capability', detail: missing.join(', '), userName: body.name };
    return { ok: true, code: 'ok', detail: `${conn.username} @ ${shortUrl(base) || base}`, userName: body.name };
  }
  const detail = `GET /wp/v2/users/me → ${me.status} ${body.code ?? ''}`.trim();
  if (body.code === 'invalid_username') return { ok: false, code: 'unknown_user', detail };
  if (body.code === 'incorrect_password' || body.code === 'invalid_email') return { ok: false, code: 'wrong_password', detail };
  if (body.code === 'application_passwords_disabled') return { ok: false, code: 'app_passwords_disabled', detail };
  if (me.status === 401 && body.code === 'rest_not_logged_in') {
    // WordPress saw no login at all. A login password instead of an application password is the usual cause;
    // with a well-formed application password, the server most likely drops the Authorization header.
    return { ok: false, code: looksLikeAppPassword(secret) ? 'auth_header_stripped' : 'wrong_password', detail };
  }
  if (me.status === 401 || me.status === 403) {
    if (body.code && /rest_(disabled|cannot_access|login_required|forbidden)|forbidden/.test(body.code)) return { ok: false, code: 'rest_blocked', detail };
    return { ok: false, code: 'wrong_password', detail };
  }
  if (me.status >= 500) return { ok: false, code: 'server_error', detail };
  return { ok: false, code: 'rest_blocked', detail };
}

export type { Job };
