import { mappedAuthor, type Connection, type ConnectionTestResult, type WpUser } from '@shared/publishing/connection';
import { decodeHtmlEntities, lineText, wpText } from '@shared/publishing/encode';
import { wpMediaSlug, wpSlug, type Job, type JobMedia } from '@shared/publishing/job';
import { matchSitePosts, type SiteMatch, type SitePost } from '@shared/publishing/site-match';
import { failureOf, PublishError, send, shortUrl, type Fetcher, type HttpRequest, type HttpResponse } from './http';
import type { Publisher, PublishRun } from './publisher';
import { siteKey, type SiteImageTypes } from '@shared/publishing/site-images';
import { sharpLib } from '@core/files/lazy-libs';
import { imageBlock, sanitizeBlockHtml } from '@core/html/wp-blocks';

/**
 * WordPress REST API publisher (developer.wordpress.org/rest-api/reference/),
 * authenticated with an Application Password (HTTP Basic, WP ≥ 5.6).
 *
 * Never twice:
 * - the post is created in one request with a deterministic slug (title +
 *   the client key of the post and channel); before creating it again after
 *   an unknown outcome (of this job or an earlier one for the same post and
 *   channel) we look it up by that slug, adopt it, and update it in place;
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
  mime_type?: string;
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
      await run.log({ code: taxonomy === 'tags' ? 'tag_created' : 'category_created', params: { name }, action: `POST /wp/v2/${taxonomy} (${name})`, outcome: 'ok', detail: 'created', status: made.status, remoteId: String(id), url: null });
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

/**
 * Uploads of one picture to one site, one at a time: two posts sharing a
 * photo and sent together would otherwise both miss the slug lookup and
 * upload it twice (WordPress then answers with "rdk-…-2").
 */
const mediaLocks = new Map<string, Promise<unknown>>();

async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = mediaLocks.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(fn);
  const tail = mine.catch(() => undefined);
  mediaLocks.set(key, tail);
  try {
    return await mine;
  } finally {
    if (mediaLocks.get(key) === tail) mediaLocks.delete(key);
  }
}

const EXT_OF: Record<JobMedia['mime'], string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif' };

/**
 * WordPress refusing an upload for its type, not for anything else:
 * rest_upload_sideload_error is wp_handle_sideload's "Sorry, you are not
 * allowed to upload this file type." (the type is not in upload_mimes; 500,
 * nothing stored), rest_upload_image_type_not_supported is WordPress 6.5+'s
 * "The web server cannot generate responsive image sizes for this image"
 * (the type is allowed but the server's image library cannot read it; 400).
 */
function isTypeRefusal(err: unknown): err is PublishError {
  return err instanceof PublishError && (err.extra.code === 'rest_upload_sideload_error' || err.extra.code === 'rest_upload_image_type_not_supported');
}

/** Tiny pictures of each probed type (16x16, a few hundred bytes), made once. */
let probeFiles: Promise<{ webp: Buffer; avif: Buffer }> | null = null;
function probePictures(): Promise<{ webp: Buffer; avif: Buffer }> {
  probeFiles ??= (async () => {
    const sharp = await sharpLib();
    const base = () => sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 29, g: 79, b: 145 } } });
    return { webp: await base().webp({ quality: 50 }).toBuffer(), avif: await base().avif({ quality: 50, effort: 0 }).toBuffer() };
  })();
  return probeFiles;
}

/**
 * Which image types this site takes, asked the only way that answers for
 * the version, the upload_mimes filter, the user's role and the server's
 * image library at once (see shared/publishing/site-images.ts): a tiny
 * upload of each type through the REST API, deleted right after with
 * DELETE /wp/v2/media/<id>?force=true (straight past the trash). A type
 * refusal (isTypeRefusal) means "not taken"; any other failure (offline,
 * login, no upload_files) throws, since it says nothing about the type.
 */
export async function probeImageTypes(conn: Connection, secret: string, fetcher: Fetcher = fetch, now: () => Date = () => new Date(), timeoutMs = 20_000): Promise<SiteImageTypes> {
  const c = client(conn, secret, fetcher, now, timeoutMs);
  const files = await probePictures();
  const tag = now().getTime().toString(36);
  const takes = async (kind: 'webp' | 'avif'): Promise<boolean> => {
    const slug = `rdk-probe-${kind}-${tag}`;
    let made: WpMedia;
    try {
      const r = await call(c, {
        method: 'POST',
        path: `/wp/v2/media?slug=${slug}&title=${slug}&_fields=id,mime_type`,
        headers: { 'Content-Type': `image/${kind}`, 'Content-Disposition': `attachment; filename="${slug}.${kind}"` },
        body: files[kind],
      });
      made = r.json as WpMedia;
    } catch (err) {
      if (isTypeRefusal(err)) return false;
      throw err;
    }
    // Taken: remove it at once, file and record. A failed delete leaves a 16-px picture, never a wrong answer.
    await call(c, { method: 'DELETE', path: `/wp/v2/media/${made.id}?force=true` }).catch(() => undefined);
    // Stored as what it is (WordPress re-types a file whose content and name disagree).
    return made.mime_type === `image/${kind}`;
  };
  const webp = await takes('webp');
  const avif = await takes('avif');
  return { webp, avif, checkedAt: now().toISOString(), site: siteKey(conn) };
}

function uploadMedia(c: WpClient, run: PublishRun, m: JobMedia): Promise<{ id: string; url: string }> {
  const known = run.job.remote.media[m.sha256];
  if (known) return Promise.resolve(known);
  return serialised(`${c.base}|${m.sha256}`, () => uploadMediaNow(c, run, m));
}

async function uploadMediaNow(c: WpClient, run: PublishRun, m: JobMedia): Promise<{ id: string; url: string }> {
  let media = await findMedia(c, m.sha256);
  if (media) {
    await run.log({ code: 'media_adopted', action: 'lookup media by slug', outcome: 'ok', detail: 'already on the site: adopted', status: 200, remoteId: String(media.id), url: media.source_url });
    if ((media.alt_text ?? '') !== wpText(lineText(m.alt)) || (media.caption?.raw ?? '') !== wpText(m.caption)) {
      // Same picture, newer description: update it in place (idempotent) rather than uploading a copy.
      await call(c, { method: 'POST', path: `/wp/v2/media/${media.id}`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ alt_text: wpText(lineText(m.alt)), caption: wpText(m.caption) }) });
    }
  } else {
    const intent = `media:${m.sha256}`;
    await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, intent])] }));
    const slug = wpMediaSlug(m.sha256);
    const q = new URLSearchParams({ slug, title: wpText(lineText(m.caption).slice(0, 120)) || slug, alt_text: wpText(lineText(m.alt)), caption: wpText(m.caption) });
    const post = async (file: Pick<JobMedia, 'file' | 'mime' | 'bytes'>): Promise<WpMedia> => {
      const ext = EXT_OF[file.mime];
      const r = await call(c, {
        method: 'POST',
        path: `/wp/v2/media?${q.toString()}&_fields=id,source_url`,
        headers: { 'Content-Type': file.mime, 'Content-Disposition': `attachment; filename="${slug}.${ext}"` },
        body: await run.readMedia({ ...m, ...file }),
      });
      const made = r.json as WpMedia;
      await run.log({ code: 'media_uploaded', params: { kb: Math.round(file.bytes / 1024) }, action: `POST /wp/v2/media (${file.mime}, ${(file.bytes / 1024).toFixed(0)} KB)`, outcome: 'ok', detail: 'uploaded', status: r.status, remoteId: String(made.id), url: made.source_url });
      return made;
    };
    try {
      media = await post(m);
    } catch (err) {
      // WordPress refuses a file type it does not allow with rest_upload_sideload_error
      // (wp_handle_sideload: "Sorry, you are not allowed to upload this file type.",
      // in the site's language) and stores nothing: send the JPEG of the same picture,
      // under the same slug, so the lookup above still finds it next time.
      if (!m.fallback || !isTypeRefusal(err)) throw err;
      await run.log({ code: 'media_as_jpeg', params: { type: m.mime }, action: `POST /wp/v2/media (${m.mime})`, outcome: 'info', detail: `the site refuses ${m.mime}: sending JPEG (${err.message.slice(0, 200)})`, status: err.extra.status ?? null, remoteId: null, url: null });
      // Remembered on the connection: the next pictures are made in a type the site takes.
      await run.noteRefused?.(m.mime);
      media = await post(m.fallback);
    }
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

interface WpPostListed extends WpPost {
  title?: { raw?: string; rendered?: string };
  date_gmt?: string | null;
}

function sitePost(p: WpPostListed): SitePost {
  const title = decodeHtmlEntities(p.title?.raw ?? p.title?.rendered ?? '');
  return { id: String(p.id), title, slug: p.slug, status: p.status, link: p.link, date: p.date_gmt ? `${p.date_gmt.slice(0, 19)}Z` : null };
}

/** Posts on the site (any status but trash) whose title contains the words of `title`: WordPress's own search. */
async function searchSite(c: WpClient, title: string): Promise<SitePost[]> {
  const q = new URLSearchParams({ search: lineText(title), status: ANY_STATUS, context: 'edit', per_page: '20', _fields: 'id,link,status,slug,title,date_gmt' });
  const r = await call(c, { method: 'GET', path: `/wp/v2/posts?${q.toString()}` });
  return ((r.json as WpPostListed[]) ?? []).map(sitePost);
}

/**
 * "Sudah ada di website?": the posts on the site that are this article
 * (our marker slug from any PC, WordPress's slug of the title, or the same
 * title), strongest match first. `ownSlug` is left out: it is this job's
 * own earlier attempt, adopted without asking.
 */
export async function findOnSite(conn: Connection, secret: string, title: string, ownSlug: string | null, fetcher: Fetcher = fetch, timeoutMs = 30_000): Promise<SiteMatch[]> {
  const c = client(conn, secret, fetcher, () => new Date(), timeoutMs);
  return matchSitePosts(title, await searchSite(c, title), ownSlug);
}

/** One post of the site by id (to link it), or null when it is not there (deleted, or another site). */
export async function sitePostById(conn: Connection, secret: string, id: string, fetcher: Fetcher = fetch, timeoutMs = 30_000): Promise<SitePost | null> {
  const c = client(conn, secret, fetcher, () => new Date(), timeoutMs);
  try {
    const r = await call(c, { method: 'GET', path: `/wp/v2/posts/${encodeURIComponent(id)}?context=edit&_fields=id,link,status,slug,title,date_gmt` });
    return sitePost(r.json as WpPostListed);
  } catch (err) {
    if (err instanceof PublishError && err.extra.status === 404) return null;
    throw err;
  }
}

/**
 * The site's users an author map can choose from. With list_users (an
 * administrator's application password) every user with their roles;
 * otherwise WordPress lists only people who already published, without roles.
 */
export async function siteUsers(conn: Connection, secret: string, fetcher: Fetcher = fetch, timeoutMs = 30_000): Promise<{ users: WpUser[]; complete: boolean }> {
  const c = client(conn, secret, fetcher, () => new Date(), timeoutMs);
  const list = async (context: 'edit' | 'view') => {
    const out: WpUser[] = [];
    for (let page = 1; page <= 20; page++) {
      const r = await call(c, { method: 'GET', path: `/wp/v2/users?context=${context}&per_page=100&page=${page}&_fields=id,name,slug,roles` });
      const rows = (r.json as { id: number; name: string; slug: string; roles?: string[] }[]) ?? [];
      out.push(...rows.map((u) => ({ id: String(u.id), name: decodeHtmlEntities(u.name), slug: u.slug, roles: u.roles ?? [] })));
      if (page >= Number(r.headers.get('x-wp-totalpages') ?? '1')) break;
    }
    return out;
  };
  try {
    return { users: await list('edit'), complete: true };
  } catch (err) {
    if (err instanceof PublishError && (err.extra.status === 401 || err.extra.status === 403)) return { users: await list('view'), complete: false };
    throw err;
  }
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

      // Before a first create (no earlier attempt of this post and channel, not confirmed as new): is the article
      // already on the site, published by hand or from another PC? Then ask, never create a second copy.
      if (!run.job.remote.postId && !run.job.remote.slug && !run.job.intents.includes('post') && !run.job.createConfirmed && !run.job.isUpdate) {
        const matches = matchSitePosts(p.title, await searchSite(c, p.title), wpSlug(p.title, job.clientKey));
        await run.log({
          code: matches.length ? 'lookup_title_found' : 'lookup_clear',
          params: matches.length ? { ids: matches.map((m) => `#${m.id}`).join(', ') } : {},
          action: 'lookup post by title on the site',
          outcome: 'ok',
          detail: matches.length ? `already there? ${matches.map((m) => `#${m.id} ${m.slug} (${m.kind}, ${m.status})`).join('; ')}`.slice(0, 1000) : 'not on the site: a new post',
          status: 200,
          remoteId: matches[0]?.id ?? null,
          url: matches[0]?.link ?? null,
        });
        if (matches.length) {
          throw new PublishError('rejected', `a post like this is already on the site: ${matches.map((m) => m.link).join(', ')}`.slice(0, 1000), { code: 'on_site' });
        }
      }

      const mediaIds: number[] = [];
      for (const m of p.media) mediaIds.push(Number((await uploadMedia(c, run, m)).id));
      const categories = p.category.trim() ? [await ensureTerm(c, run, 'categories', p.category.trim(), terms)] : [];
      const tags: number[] = [];
      for (const t of p.tags) if (t.trim()) tags.push(await ensureTerm(c, run, 'tags', t.trim(), terms));

      const slug = wpSlug(p.title, job.clientKey);
      // The featured image is shown by the theme; the other photos follow the article as core/image blocks.
      const images = p.media
        .map((m, i) => ({ m, i }))
        .filter(({ i }) => i !== p.featured)
        .map(({ m, i }) => imageBlock({ id: mediaIds[i], url: run.job.remote.media[m.sha256]?.url ?? '', alt: m.alt, caption: m.caption }));
      // Title and excerpt are text: encoded so that no markup reaches the site, even for accounts
      // allowed unfiltered HTML. Only the body is HTML (block markup), sanitised again here.
      const fields = {
        title: wpText(lineText(p.title)),
        content: await sanitizeBlockHtml([p.html, ...images].filter(Boolean).join('\n\n')),
        excerpt: wpText(p.excerpt),
        categories,
        tags,
        featured_media: p.featured !== null && mediaIds[p.featured] ? mediaIds[p.featured] : 0,
      };

      let postId = run.job.remote.postId;
      // The slug the post was first created with (the title may have changed since).
      const createdSlug = run.job.remote.slug ?? slug;
      // Look before any create that may already have happened: an earlier attempt of this job, or an earlier job for
      // this post and channel (its slug and intents are inherited), may have reached WordPress.
      if (!postId && (run.job.intents.includes('post') || run.job.remote.slug)) {
        const found = await findPostBySlug(c, createdSlug);
        await run.log({
          code: found ? 'lookup_found' : 'lookup_clear',
          action: `lookup post by slug ${createdSlug}`,
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
      const final: Record<string, unknown> = { ...fields, status: job.wpStatus };
      if (job.wpStatus === 'future' && job.scheduledAt) final.date_gmt = gmt(job.scheduledAt);
      // The Penulis credit's WordPress user (author map of the connection); without one, the connection's user.
      const author = p.author ? mappedAuthor(run.connection, p.author) : null;
      if (author) final.author = Number(author.wpUserId);
      else if (p.author) {
        await run.log({ code: 'author_unmapped', params: { author: p.author, user: run.connection.username }, action: 'author', outcome: 'info', detail: `Penulis "${p.author}" has no WordPress user mapped: published as ${run.connection.username} (map it in Antrean → Koneksi)`.slice(0, 1000), status: null, remoteId: null, url: null });
      }
      /** A post body the site refuses only for its author (the user may not publish for others, or is gone): the same without it. */
      const sendWithAuthor = async <T>(send: (body: Record<string, unknown>) => Promise<T>): Promise<T> => {
        try {
          return await send(final);
        } catch (err) {
          const code = err instanceof PublishError ? (err.extra.code ?? '') : '';
          if (!author || !/^rest_(cannot_edit_others|invalid_author|cannot_assign_author)/.test(code)) throw err;
          await run.log({ code: 'author_refused', params: { author: author.wpName, user: run.connection.username }, action: 'author', outcome: 'error', detail: `WordPress refused author ${author.wpName} (#${author.wpUserId}, ${code}): published as ${run.connection.username}; give the connection's user the Editor role or fix the map`.slice(0, 1000), status: null, remoteId: null, url: null });
          const { author: _refused, ...rest } = final;
          return send(rest);
        }
      };
      if (!postId) {
        // One request creates the post complete (image, terms, status): the slug carries the client key, so a
        // lost answer is found by the lookup above on the next attempt instead of creating it again.
        await run.update((j) => ({ ...j, remote: { ...j.remote, slug: createdSlug }, intents: [...new Set([...j.intents, 'post'])] }));
        const r = await sendWithAuthor((body) =>
          call(c, { method: 'POST', path: '/wp/v2/posts?_fields=id,link,status,slug', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, slug: createdSlug }) }),
        );
        const made = r.json as WpPost;
        await run.update((j) => ({ ...j, remote: { ...j.remote, postId: String(made.id) }, intents: j.intents.filter((x) => x !== 'post') }));
        await run.log({ code: 'post_created', params: { status: made.status }, action: `POST /wp/v2/posts (status ${job.wpStatus})`, outcome: 'ok', detail: `created ${createdSlug}: ${made.status}`, status: r.status, remoteId: String(made.id), url: made.link });
        return { remoteId: String(made.id), url: made.link, remoteStatus: made.status };
      }

      // Updating the fields and the status of a known post is idempotent: safe to repeat after any crash.
      const r = await sendWithAuthor((body) =>
        call(c, { method: 'POST', path: `/wp/v2/posts/${postId}?_fields=id,link,status,slug`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      );
      const done = r.json as WpPost;
      await run.log({ code: 'post_updated', params: { status: done.status }, action: `POST /wp/v2/posts/${postId} (status ${job.wpStatus})`, outcome: 'ok', detail: `status ${done.status}`, status: r.status, remoteId: postId, url: done.link });
      return { remoteId: postId, url: done.link, remoteStatus: done.status };
    },

    async test(conn, secret) {
      return testWordpress(conn, secret, fetcher);
    },

    async imageTypes(conn, secret) {
      return probeImageTypes(conn, secret, fetcher);
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

/** A transport failure → the cause the admin can act on (TLS certificate, timeout, or no route). */
function transportCause(err: unknown): { code: 'tls' | 'timeout' | 'unreachable'; detail: string } {
  const code = err instanceof PublishError ? (err.extra.code ?? '') : '';
  const detail = (err as Error).message;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ERR_TLS/i.test(`${code} ${detail}`)) return { code: 'tls', detail };
  if (code === 'timeout' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return { code: 'timeout', detail };
  return { code: 'unreachable', detail };
}

function sameSite(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  return strip(a) === strip(b);
}

function isHtml(res: HttpResponse): boolean {
  return /html/i.test(res.headers.get('content-type') ?? '') || /^\s*<(!doctype|html)/i.test(res.text);
}

/**
 * Are these credentials right, asked over XML-RPC (which carries them in the
 * body, not in the Authorization header)? true: accepted; false: refused;
 * null: XML-RPC is off or unreadable, so we cannot tell.
 */
async function credentialsViaXmlRpc(base: string, username: string, secret: string, fetcher: Fetcher, timeoutMs: number): Promise<boolean | null> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = `<?xml version="1.0"?><methodCall><methodName>wp.getProfile</methodName><params><param><value><int>1</int></value></param><param><value><string>${esc(username)}</string></value></param><param><value><string>${esc(secret.replace(/\s+/g, ''))}</string></value></param></params></methodCall>`;
  try {
    const r = await send({ method: 'POST', url: `${base}/xmlrpc.php`, headers: { 'Content-Type': 'text/xml' }, body, timeoutMs }, fetcher);
    if (r.status !== 200 || !/<methodResponse>/.test(r.text)) return null;
    if (!/<fault>/.test(r.text)) return /<name>user_id<\/name>/.test(r.text) ? true : null;
    // 403 "Incorrect username or password."; 405 "XML-RPC services are disabled".
    const fault = /<name>faultCode<\/name>\s*<value>\s*<int>(\d+)<\/int>/.exec(r.text)?.[1];
    return fault === '403' ? false : null;
  } catch {
    return null;
  }
}

/**
 * "Tes koneksi" for WordPress: names the real cause, in the order an admin
 * meets them: address (TLS, timeout, no route, HTML 404 = wrong address,
 * plain permalinks), REST API (disabled, blocked by a firewall), then login
 * (login password instead of an application password, wrong user or
 * revoked application password, Authorization header stripped by the
 * server), then capabilities. WordPress answers 401 rest_not_logged_in both
 * for wrong credentials and for a stripped header; XML-RPC, which carries
 * the credentials in the body, tells the two apart when it is on.
 */
export async function testWordpress(conn: Connection, secret: string | null, fetcher: Fetcher = fetch, timeoutMs = 15_000): Promise<ConnectionTestResult> {
  const base = conn.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/i.test(base)) return { ok: false, code: 'bad_url', detail: base };
  if (!secret) return { ok: false, code: 'no_secret', detail: '' };
  let root: HttpResponse;
  try {
    root = await send({ method: 'GET', url: `${base}/wp-json/`, timeoutMs }, fetcher);
  } catch (err) {
    const cause = transportCause(err);
    return { ok: false, code: cause.code, detail: cause.detail };
  }
  const rootJson = root.json as { namespaces?: string[]; authentication?: Record<string, unknown>; code?: string } | null;
  const rootDetail = `GET /wp-json/ → ${root.status}${rootJson?.code ? ` ${rootJson.code}` : ''} (${root.headers.get('content-type') ?? '?'})`;
  if (root.status >= 500) return { ok: false, code: 'server_error', detail: rootDetail };
  if (!rootJson || !Array.isArray(rootJson.namespaces) || !rootJson.namespaces.includes('wp/v2')) {
    if (rootJson?.code && /rest_(disabled|cannot_access|login_required|forbidden|not_logged_in)|rest_api_disabled/.test(rootJson.code)) {
      // WordPress itself answers, but a setting or plugin turned the REST API off.
      return { ok: false, code: 'rest_disabled', detail: rootDetail };
    }
    if (root.status === 404 || (root.status === 200 && isHtml(root))) {
      // Plain permalinks: /wp-json/ is not routed, but ?rest_route=/ is.
      try {
        const alt = await send({ method: 'GET', url: `${base}/?rest_route=/`, timeoutMs }, fetcher);
        const altJson = alt.json as { namespaces?: string[]; home?: string } | null;
        if (Array.isArray(altJson?.namespaces) && altJson.namespaces.includes('wp/v2')) {
          const home = typeof altJson.home === 'string' ? altJson.home.replace(/\/+$/, '') : '';
          // WordPress answers ?rest_route= on any of its paths: only its own home address means "plain permalinks".
          if (!home || sameSite(home, base)) return { ok: false, code: 'permalinks_plain', detail: rootDetail };
          return { ok: false, code: 'wrong_address', detail: `${rootDetail}; WordPress is at ${home}` };
        }
      } catch {
        // fall through: the address is what is wrong
      }
      return { ok: false, code: 'wrong_address', detail: rootDetail };
    }
    // A security plugin or firewall answers instead of WordPress (e.g. an HTML 403).
    return { ok: false, code: 'rest_blocked', detail: rootDetail };
  }
  if (rootJson.authentication && !('application-passwords' in rootJson.authentication)) {
    return { ok: false, code: 'app_passwords_disabled', detail: 'authentication: no application-passwords' };
  }
  const c = client(conn, secret, fetcher, () => new Date(), timeoutMs);
  let me: HttpResponse;
  try {
    me = await send({ method: 'GET', url: `${base}/wp-json/wp/v2/users/me?context=edit`, headers: { Authorization: c.auth }, timeoutMs }, fetcher);
  } catch (err) {
    const cause = transportCause(err);
    return { ok: false, code: cause.code, detail: cause.detail };
  }
  const body = (me.json ?? {}) as { code?: string; name?: string; capabilities?: Record<string, boolean> };
  if (me.status === 200) {
    const missing = NEEDED_CAPS.filter((cap) => !body.capabilities?.[cap]);
    if (missing.length) return { ok: false, code: 'missing_capability', detail: missing.join(', '), userName: body.name };
    return { ok: true, code: 'ok', detail: `${conn.username} @ ${shortUrl(base) || base}`, userName: body.name };
  }
  const detail = `GET /wp/v2/users/me → ${me.status} ${body.code ?? ''}`.trim();
  if (body.code === 'invalid_username' || body.code === 'invalid_email') return { ok: false, code: 'unknown_user', detail };
  if (body.code === 'incorrect_password') return { ok: false, code: looksLikeAppPassword(secret) ? 'bad_credentials' : 'wrong_password', detail };
  if (body.code === 'application_passwords_disabled') return { ok: false, code: 'app_passwords_disabled', detail };
  if (me.status === 401 && body.code === 'rest_not_logged_in') {
    // A login password instead of an application password is the commonest slip; say so first.
    if (!looksLikeAppPassword(secret)) return { ok: false, code: 'wrong_password', detail };
    const viaBody = await credentialsViaXmlRpc(base, conn.username, secret, fetcher, timeoutMs);
    // The same credentials work when they travel in the body: the server drops the Authorization header.
    if (viaBody === true) return { ok: false, code: 'auth_header_stripped', detail: `${detail}; XML-RPC accepts the same credentials` };
    return { ok: false, code: 'bad_credentials', detail: viaBody === false ? `${detail}; XML-RPC: incorrect username or password` : detail };
  }
  if (me.status === 401 || me.status === 403) {
    if (body.code && /rest_(disabled|cannot_access|login_required|forbidden)/.test(body.code)) return { ok: false, code: 'rest_disabled', detail };
    if (!body.code || isHtml(me)) return { ok: false, code: 'rest_blocked', detail };
    return { ok: false, code: 'bad_credentials', detail };
  }
  if (me.status >= 500) return { ok: false, code: 'server_error', detail };
  return { ok: false, code: 'rest_blocked', detail };
}

export type { Job };
