import { createHash } from 'node:crypto';
import { savePost } from '@core/posts/post-writes';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import { ApiError } from '@shared/api/errors';
import { postSchema, type Post } from '@shared/domain/post';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { csvSafeCell } from '@shared/files/csv-safe';
import { safeFileName, slugify } from '@shared/files/safe-name';
import { focalPointSchema, MEDIA_TEXT_LIMITS } from '@shared/media/photo';
import { channelLabel, wpMediaSlug, wpSlug } from '@shared/publishing/job';
import { zonedParts, type TimeZoneCode } from '@shared/domain/time-zone';
import { channelText, htmlText, markdownLine } from '@shared/publishing/encode';
import { variantsFor } from '@shared/publishing/variants';
import type { HandlerContext } from '@core/deps';
import { createZip, readZip, UnsafeZipError, type ReadZipLimits } from '@core/files/zip';
import { articleHtml } from '@core/html/article';
import { imageBlock, wordpressBlocks } from '@core/html/wp-blocks';
import { importPhoto, openOriginal, originalPath } from '@core/media/import';
import { writeExport } from '@core/files/exports';
import { materialise } from './media-source';
import { outboxDir } from './outbox';
import { jobsByPost } from './jobs-by-post';

/**
 * Exports that need no connection: a ZIP per post (article HTML with its
 * images, markdown, each channel's text and images, metadata with
 * checksums), WXR for a batch (WordPress → Tools → Import), CSV for bulk
 * scheduling tools. Credentials never appear in any of them: only posts,
 * variants and rendered (EXIF-free) images are read.
 */

const FORMAT = 'redaksi-post';
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHANNEL_DIR = '[a-z0-9_-]{1,40}';
/** The entries buildPostZip writes, and nothing else; images must be image bytes (renditions may be PNG). */
const POST_ZIP_ENTRIES: ReadZipLimits['expect'] = [
  { name: /^(metadata\.json|artikel\.html|artikel\.md)$/, type: 'utf8' },
  { name: new RegExp(`^kanal/${CHANNEL_DIR}/teks\\.txt$`), type: 'utf8' },
  { name: /^gambar\/[A-Za-z0-9_-]{1,128}\.jpg$/, type: 'image' },
  { name: /^asli\/[A-Za-z0-9_-]{1,128}\.(jpg|png)$/, type: 'image' },
  { name: new RegExp(`^kanal/${CHANNEL_DIR}/[0-9]{1,3}\\.jpg$`), type: 'image' },
];

const metadataSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  post: postSchema,
  files: z.array(z.object({ path: z.string().max(240), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative(), mediaId: z.string().max(128).nullable() })).max(500),
  /** The photos' own descriptions and full-size originals (upright, no metadata), so a round trip loses nothing. */
  photos: z
    .array(
      z.object({
        mediaId: z.string().max(128),
        original: z.string().max(240),
        altText: z.string().max(MEDIA_TEXT_LIMITS.altText),
        caption: z.string().max(MEDIA_TEXT_LIMITS.caption),
        credit: z.string().max(MEDIA_TEXT_LIMITS.credit),
        tags: z.array(z.string().trim().min(1).max(MEDIA_TEXT_LIMITS.tag)).max(MEDIA_TEXT_LIMITS.tags),
        focal: focalPointSchema.nullable(),
      }),
    )
    .max(100)
    .optional(),
});

function sha(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}


function stamp(ctx: HandlerContext): string {
  return ctx.store.now().toISOString().replace(/[-:]/g, '').slice(0, 15);
}

export async function buildPostZip(ctx: HandlerContext, post: Post): Promise<Uint8Array> {
  const ws = ctx.store.workspace;
  const entries: Record<string, Uint8Array | string> = {};
  const files: z.infer<typeof metadataSchema>['files'] = [];
  const add = (p: string, data: Uint8Array | string, mediaId: string | null = null) => {
    entries[p] = data;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    files.push({ path: p, sha256: sha(data), bytes, mediaId });
  };

  const photos: NonNullable<z.infer<typeof metadataSchema>['photos']> = [];
  for (const ref of post.media) {
    const photo = ctx.store.collections.media.get(ref.mediaId);
    if (!photo || photo.deletedAt || photos.some((x) => x.mediaId === ref.mediaId)) continue;
    // The full-size original, upright, re-encoded without metadata: no GPS or camera data leaves the PC.
    const pipe = await openOriginal(originalPath(ctx, photo), photo.format).catch(() => null);
    if (!pipe) continue;
    const png = photo.format === 'png';
    const data = png ? await pipe.png().toBuffer() : await pipe.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
    const original = `asli/${ref.mediaId}.${png ? 'png' : 'jpg'}`;
    add(original, data, ref.mediaId);
    photos.push({ mediaId: ref.mediaId, original, altText: photo.altText, caption: photo.caption, credit: photo.credit, tags: photo.tags, focal: photo.focal });
  }
  const images: string[] = [];
  for (const ref of post.media) {
    const m = await materialise(ctx, ref.mediaId, 'website').catch(() => null);
    if (!m) continue;
    const p = `gambar/${ref.mediaId}.jpg`;
    // JPEG in exports (any software opens it), also where the website gets WebP.
    add(p, await fsp.readFile(path.join(outboxDir(ctx.dataDir), (m.fallback ?? m).file)), ref.mediaId);
    images.push(`<figure><img src="${htmlText(p)}" alt="${htmlText(m.alt)}"><figcaption>${htmlText(ref.caption || m.caption)}</figcaption></figure>`);
  }
  const body = await articleHtml(post, ws);
  add(
    'artikel.html',
    `<!doctype html>\n<html lang="id"><head><meta charset="utf-8"><title>${htmlText(post.title)}</title></head><body>\n${images[0] ?? ''}\n${body}\n${images.slice(1).join('\n')}\n</body></html>\n`,
  );
  // The front lines are text, escaped so a Markdown viewer shows them as typed; lead and body are the author's Markdown.
  const front = [
    `# ${markdownLine(post.title)}`,
    '',
    `Kategori: ${markdownLine(post.category)}`,
    `Tag: ${markdownLine(post.tags.join(', '))}`,
    `Penulis: ${markdownLine(post.authorCredit)}`,
    `Editor: ${markdownLine(post.editorCredit)}`,
    '',
  ];
  add('artikel.md', `${front.join('\n')}\n${post.lead}\n\n${post.bodyMd}\n`);
  for (const v of variantsFor(post, ws)) {
    if (!v.enabled) continue;
    add(`kanal/${v.channel}/teks.txt`, channelText(v.text));
    let n = 1;
    for (const id of v.mediaIds) {
      const m = await materialise(ctx, id, v.channel).catch(() => null);
      if (m) add(`kanal/${v.channel}/${n++}.jpg`, await fsp.readFile(path.join(outboxDir(ctx.dataDir), (m.fallback ?? m).file)), id);
    }
  }
  const meta = { format: FORMAT, version: 1 as const, exportedAt: ctx.store.now().toISOString(), post, files, photos };
  entries['metadata.json'] = JSON.stringify(meta, null, 2);
  return createZip(entries);
}

export async function exportPostZip(ctx: HandlerContext, post: Post): Promise<{ url: string; name: string }> {
  const zip = await buildPostZip(ctx, post);
  return writeExport(ctx.dataDir, safeFileName(`redaksi-${slugify(post.title, 50)}-${stamp(ctx)}.zip`), zip);
}

/**
 * Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF,
 * lone surrogates): a vertical tab pasted from Word would make the file
 * invalid and the importer would stop.
 */
export function stripXmlInvalid(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** CDATA, used only for sanitised HTML (the article). */
function cdata(s: string): string {
  return `<![CDATA[${stripXmlInvalid(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Escaped text (titles, excerpts, names). */
function xmlText(s: string): string {
  return stripXmlInvalid(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "YYYY-MM-DD HH:mm:ss" of an instant in the OPD's zone (post_date) and in UTC (post_date_gmt). */
function wpDates(instant: string, zone: TimeZoneCode): { local: string; gmt: string } {
  const p = zonedParts(instant, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  const sec = two(new Date(instant).getUTCSeconds());
  return { local: `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${sec}`, gmt: new Date(instant).toISOString().slice(0, 19).replace('T', ' ') };
}

interface WxrItem {
  id: number;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  date: string;
  name: string;
  status: string;
  parent: number;
  type: 'post' | 'attachment';
  attachmentUrl?: string;
  terms: string[];
  meta: [string, string][];
}

function wxrItem(it: WxrItem, zone: TimeZoneCode): string {
  const d = wpDates(it.date, zone);
  const lines = [
    `    <title>${xmlText(it.title)}</title>`,
    `    <link>${xmlText(it.link)}</link>`,
    `    <pubDate>${new Date(it.date).toUTCString().replace('GMT', '+0000')}</pubDate>`,
    `    <dc:creator>${xmlText(it.creator)}</dc:creator>`,
    `    <guid isPermaLink="false">${xmlText(it.link)}</guid>`,
    '    <description></description>',
    `    <content:encoded>${it.content ? cdata(it.content) : ''}</content:encoded>`,
    `    <excerpt:encoded>${xmlText(it.excerpt)}</excerpt:encoded>`,
    `    <wp:post_id>${it.id}</wp:post_id>`,
    `    <wp:post_date>${d.local}</wp:post_date>`,
    `    <wp:post_date_gmt>${d.gmt}</wp:post_date_gmt>`,
    `    <wp:post_modified>${d.local}</wp:post_modified>`,
    `    <wp:post_modified_gmt>${d.gmt}</wp:post_modified_gmt>`,
    '    <wp:comment_status>closed</wp:comment_status>',
    '    <wp:ping_status>closed</wp:ping_status>',
    `    <wp:post_name>${xmlText(it.name)}</wp:post_name>`,
    `    <wp:status>${it.status}</wp:status>`,
    `    <wp:post_parent>${it.parent}</wp:post_parent>`,
    '    <wp:menu_order>0</wp:menu_order>',
    `    <wp:post_type>${it.type}</wp:post_type>`,
    '    <wp:post_password></wp:post_password>',
    '    <wp:is_sticky>0</wp:is_sticky>',
    ...(it.attachmentUrl ? [`    <wp:attachment_url>${xmlText(it.attachmentUrl)}</wp:attachment_url>`] : []),
    ...it.terms.map((t) => `    ${t}`),
    ...it.meta.map(([k, v]) => `    <wp:postmeta>\n      <wp:meta_key>${xmlText(k)}</wp:meta_key>\n      <wp:meta_value>${xmlText(v)}</wp:meta_value>\n    </wp:postmeta>`),
  ];
  return `  <item>\n${lines.join('\n')}\n  </item>`;
}

/**
 * WordPress eXtended RSS 1.2, the format of WordPress → Tools → Export and
 * of the WordPress Importer (wordpress.org/plugins/wordpress-importer/):
 * posts with their real status and dates, the block markup the outbox sends,
 * categories and tags as terms, and each image as an attachment item
 * (wp:attachment_url, alt text in _wp_attachment_image_alt, caption as its
 * excerpt) whose wp:post_parent is the post; the featured image is the post's
 * _thumbnail_id. Attachments need a public URL the importing site can
 * download: images already uploaded to the OPD's WordPress have one.
 */
export async function buildWxr(ctx: HandlerContext, posts: Post[]): Promise<string> {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const site = (ws.opd.website || 'https://example.invalid').replace(/\/+$/, '');
  const now = ctx.store.now();
  let nextId = 1;
  const authors = new Map<string, string>();
  const cats = new Map<string, string>();
  const tags = new Map<string, string>();
  const items: string[] = [];
  for (const p of posts) {
    const jobs = jobsByPost(ctx.store)
      .of(p.id)
      .filter((j) => j.channel === 'website' && j.state !== 'cancelled')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const job = jobs.find((j) => j.state === 'published') ?? jobs[0];
    const live = job?.state === 'published' || p.status === 'published';
    const ahead = Boolean(job?.wpStatus === 'future' && job.scheduledAt && Date.parse(job.scheduledAt) > now.getTime());
    const status = ahead ? 'future' : live ? 'publish' : 'draft';
    const date = job?.publishedAt ?? job?.scheduledAt ?? p.updatedAt;
    const login = p.authorCredit.trim() ? slugify(p.authorCredit, 60) : 'admin';
    authors.set(login, p.authorCredit.trim() || login);
    const postId = nextId++;
    const terms: string[] = [];
    if (p.category.trim()) {
      const slug = slugify(p.category) || 'kategori';
      cats.set(slug, p.category.trim());
      terms.push(`<category domain="category" nicename="${xmlText(slug)}">${xmlText(p.category.trim())}</category>`);
    }
    for (const t of p.tags) {
      if (!t.trim()) continue;
      const slug = slugify(t) || 'tag';
      tags.set(slug, t.trim());
      terms.push(`<category domain="post_tag" nicename="${xmlText(slug)}">${xmlText(t.trim())}</category>`);
    }
    const attachments: string[] = [];
    const imageBlocks: string[] = [];
    let thumbnail: number | null = null;
    const media = job?.payload.media ?? [];
    media.forEach((m, i) => {
      const remote = job?.remote.media[m.sha256];
      if (!remote?.url) return;
      const id = nextId++;
      if (i === (job?.payload.featured ?? 0)) thumbnail = id;
      else imageBlocks.push(imageBlock({ id, url: remote.url, alt: m.alt, caption: m.caption }));
      attachments.push(
        wxrItem(
          {
            id,
            title: m.caption.slice(0, 120) || m.alt.slice(0, 120) || wpMediaSlug(m.sha256),
            link: remote.url,
            creator: login,
            content: '',
            excerpt: m.caption,
            date,
            name: wpMediaSlug(m.sha256),
            status: 'inherit',
            parent: postId,
            type: 'attachment',
            attachmentUrl: remote.url,
            terms: [],
            meta: [['_wp_attachment_image_alt', m.alt]],
          },
          zone,
        ),
      );
    });
    const website = variantsFor(p, ws).find((v) => v.channel === 'website');
    const content = [await wordpressBlocks(p, ws), ...imageBlocks].join('\n\n');
    items.push(
      wxrItem(
        {
          id: postId,
          title: p.title,
          link: job?.remote.url ?? `${site}/?p=${postId}`,
          creator: login,
          content,
          excerpt: website?.text ?? p.lead,
          date,
          name: job ? (job.remote.slug ?? wpSlug(p.title, job.clientKey)) : slugify(p.title, 60),
          status,
          parent: 0,
          type: 'post',
          terms,
          meta: thumbnail !== null ? [['_thumbnail_id', String(thumbnail)]] : [],
        },
        zone,
      ),
      ...attachments,
    );
  }
  let termId = 1;
  const head = [
    ...[...authors].map(
      ([login, name], i) =>
        `  <wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${xmlText(login)}</wp:author_login><wp:author_email></wp:author_email><wp:author_display_name>${xmlText(name)}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>`,
    ),
    ...[...cats].map(([slug, name]) => `  <wp:category><wp:term_id>${termId++}</wp:term_id><wp:category_nicename>${xmlText(slug)}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${xmlText(name)}</wp:cat_name></wp:category>`),
    ...[...tags].map(([slug, name]) => `  <wp:tag><wp:term_id>${termId++}</wp:term_id><wp:tag_slug>${xmlText(slug)}</wp:tag_slug><wp:tag_name>${xmlText(name)}</wp:tag_name></wp:tag>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>${xmlText(ws.opd.fullName || 'Redaksi')}</title>
  <link>${xmlText(site)}</link>
  <description>Redaksi</description>
  <pubDate>${now.toUTCString().replace('GMT', '+0000')}</pubDate>
  <language>id</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${xmlText(site)}</wp:base_site_url>
  <wp:base_blog_url>${xmlText(site)}</wp:base_blog_url>
${head.join('\n')}
${items.join('\n')}
</channel>
</rss>
`;
}

export function buildCsv(ctx: HandlerContext, posts: Post[]): string {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const perPost = jobsByPost(ctx.store);
  const rows: Record<string, unknown>[] = [];
  for (const p of posts) {
    for (const v of variantsFor(p, ws)) {
      if (!v.enabled || v.channel === 'website') continue;
      const job = perPost
        .of(p.id)
        .filter((j) => j.channel === v.channel).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      rows.push({
        judul: p.title,
        kanal: channelLabel(v.channel),
        teks: v.text,
        jadwal: job?.scheduledAt ? formatZonedDateTime(job.scheduledAt, zone) : '',
        jadwal_iso: job?.scheduledAt ?? '',
        gambar: (job?.payload.media ?? []).map((m) => m.file).join(' '),
        kategori: p.category,
        tag: p.tags.join(', '),
      });
    }
  }
  return Papa.unparse(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, val]) => [k, csvSafeCell(val)]))), { newline: '\r\n' });
}

export async function exportBatch(ctx: HandlerContext, posts: Post[], format: 'wxr' | 'csv'): Promise<{ url: string; name: string }> {
  if (format === 'wxr') return writeExport(ctx.dataDir, `redaksi-wordpress-${stamp(ctx)}.xml`, await buildWxr(ctx, posts));
  // BOM so Excel on Windows reads UTF-8.
  return writeExport(ctx.dataDir, `redaksi-jadwal-${stamp(ctx)}.csv`, `\uFEFF${buildCsv(ctx, posts)}`);
}

/**
 * Import a post ZIP from another Redaksi. Paths are checked by readZip;
 * every listed file must match its checksum; a local copy that is newer is
 * never overwritten. Images come in through the photo desk (new local ids).
 * The post arrives as a draft: approval belongs to the Redaksi that gave it.
 */
export async function importPostZip(ctx: HandlerContext, data: Uint8Array): Promise<{ postId: string; outcome: 'created' | 'updated' | 'kept_newer' }> {
  let files: Map<string, Uint8Array>;
  try {
    files = await readZip(data, { maxEntries: 500, maxTotalBytes: 300 * 1024 * 1024, expect: POST_ZIP_ENTRIES });
  } catch (err) {
    const reason = err instanceof UnsafeZipError ? `zip_${err.reason}` : 'zip_corrupt';
    throw new ApiError('invalid_input', (err as Error).message, { params: { reason } });
  }
  const metaBytes = files.get('metadata.json');
  if (!metaBytes) throw new ApiError('invalid_input', 'metadata.json missing', { params: { reason: 'not_redaksi_zip' } });
  let meta: z.infer<typeof metadataSchema>;
  try {
    meta = metadataSchema.parse(JSON.parse(new TextDecoder().decode(metaBytes)));
  } catch {
    throw new ApiError('invalid_input', 'metadata.json invalid', { params: { reason: 'not_redaksi_zip' } });
  }
  for (const f of meta.files) {
    const got = files.get(f.path);
    if (!got || sha(got) !== f.sha256) throw new ApiError('invalid_input', `checksum mismatch: ${f.path}`, { params: { reason: 'checksum_mismatch', path: f.path } });
  }
  const incoming = meta.post;
  // The id names the post's file in the store: one from elsewhere must be a plain id.
  if (!SAFE_ID.test(incoming.id)) throw new ApiError('invalid_input', 'post id is not valid', { params: { reason: 'not_redaksi_zip' } });
  const existing = ctx.store.posts.get(incoming.id);
  if (existing && existing.updatedAt >= incoming.updatedAt) return { postId: existing.id, outcome: 'kept_newer' };

  const idMap = new Map<string, string>();
  for (const ph of meta.photos ?? []) {
    const bytes = files.get(ph.original);
    if (!bytes || !meta.files.some((f) => f.path === ph.original)) continue;
    const res = await importPhoto(ctx, path.posix.basename(ph.original), Buffer.from(bytes));
    const cur = ctx.store.collections.media.get(res.photo.id) ?? res.photo;
    await ctx.store.collections.media.put({ ...cur, altText: ph.altText, caption: ph.caption, credit: ph.credit, tags: ph.tags, focal: ph.focal, rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() });
    idMap.set(ph.mediaId, res.photo.id);
  }
  // ZIPs from before originals were included: the website rendition is all there is.
  for (const f of meta.files.filter((x) => x.mediaId && x.path.startsWith('gambar/') && !idMap.has(x.mediaId))) {
    const res = await importPhoto(ctx, path.posix.basename(f.path), Buffer.from(files.get(f.path)!));
    idMap.set(f.mediaId!, res.photo.id);
  }
  const remap = (id: string) => idMap.get(id) ?? id;
  const { id: _id, createdAt: _c, updatedAt: _u, rev: _r, status: _s, ...content } = incoming;
  const fields = {
    ...content,
    media: incoming.media.filter((m) => idMap.has(m.mediaId)).map((m) => ({ ...m, mediaId: remap(m.mediaId) })),
    channelVariants: incoming.channelVariants.map((v) => ({ ...v, mediaIds: v.mediaIds.filter((id) => idMap.has(id)).map(remap) })),
    deletedAt: null,
  };
  // Through the posts write path: an approved post whose content changes goes back to review.
  const post: Post = existing
    ? await savePost(ctx, existing, fields, { reason: 'import' })
    : await ctx.store.posts.create({ ...fields, id: incoming.id, status: 'draft' });
  return { postId: post.id, outcome: existing ? 'updated' : 'created' };
}
