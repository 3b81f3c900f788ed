import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { postSchema, type Post } from '../../../shared/domain/post';
import { formatZonedDateTime } from '../../../shared/domain/time-zone';
import { csvSafeCell } from '../../../shared/files/csv-safe';
import { safeFileName, slugify } from '../../../shared/files/safe-name';
import { channelText, htmlText, markdownLine } from '../../../shared/publishing/encode';
import { channelLabel } from '../../../shared/publishing/job';
import { variantsFor } from '../../../shared/publishing/variants';
import type { HandlerContext } from '../api/context';
import { createZip, readZip, UnsafeZipError, type ReadZipLimits } from '../files/zip';
import { articleHtml } from '../html/article';
import { importPhoto } from '../media/import';
import { newId } from '../store/store';
import { writeFileDurable } from '../store/durable-file';
import { materialise } from './media-source';
import { outboxDir } from './outbox';

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
  { name: new RegExp(`^kanal/${CHANNEL_DIR}/[0-9]{1,3}\\.jpg$`), type: 'image' },
];

const metadataSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  post: postSchema,
  files: z.array(z.object({ path: z.string().max(240), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative(), mediaId: z.string().max(128).nullable() })).max(500),
});

function sha(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

async function writeExport(ctx: HandlerContext, name: string, data: Uint8Array | string): Promise<{ url: string; name: string }> {
  const dir = path.join(ctx.dataDir, 'exports');
  await fsp.mkdir(dir, { recursive: true });
  await writeFileDurable(path.join(dir, name), data);
  return { url: `./files/exports/${encodeURIComponent(name)}?download=1`, name };
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

  const images: string[] = [];
  for (const ref of post.media) {
    const m = await materialise(ctx, ref.mediaId, 'website').catch(() => null);
    if (!m) continue;
    const p = `gambar/${ref.mediaId}.jpg`;
    add(p, await fsp.readFile(path.join(outboxDir(ctx.dataDir), m.file)), ref.mediaId);
    images.push(`<figure><img src="${htmlText(p)}" alt="${htmlText(m.alt)}"><figcaption>${htmlText(ref.caption || m.caption)}</figcaption></figure>`);
  }
  const body = articleHtml(post, ws);
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
      if (m) add(`kanal/${v.channel}/${n++}.jpg`, await fsp.readFile(path.join(outboxDir(ctx.dataDir), m.file)), id);
    }
  }
  const meta = { format: FORMAT, version: 1 as const, exportedAt: ctx.store.now().toISOString(), post, files };
  entries['metadata.json'] = JSON.stringify(meta, null, 2);
  return createZip(entries);
}

export async function exportPostZip(ctx: HandlerContext, post: Post): Promise<{ url: string; name: string }> {
  const zip = await buildPostZip(ctx, post);
  return writeExport(ctx, safeFileName(`redaksi-${slugify(post.title, 50)}-${stamp(ctx)}.zip`), zip);
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** WordPress eXtended RSS 1.2, the format of WordPress → Tools → Export/Import. */
export function buildWxr(ctx: HandlerContext, posts: Post[]): string {
  const ws = ctx.store.workspace;
  const site = ws.opd.website || 'https://example.invalid';
  const items = posts.map((p) => {
    const job = ctx.store.collections.jobs
      .all()
      .filter((j) => j.postId === p.id && j.channel === 'website')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const date = (job?.scheduledAt ?? p.updatedAt).slice(0, 19).replace('T', ' ');
    const website = variantsFor(p, ws).find((v) => v.channel === 'website');
    const terms = [
      ...(p.category ? [`<category domain="category" nicename="${slugify(p.category)}">${cdata(p.category)}</category>`] : []),
      ...p.tags.map((t) => `<category domain="post_tag" nicename="${slugify(t)}">${cdata(t)}</category>`),
    ];
    return `  <item>
    <title>${xmlText(p.title)}</title>
    <dc:creator>${cdata(p.authorCredit || 'admin')}</dc:creator>
    <content:encoded>${cdata(articleHtml(p, ws, { omitTitle: true }))}</content:encoded>
    <excerpt:encoded>${cdata(website?.text ?? p.lead)}</excerpt:encoded>
    <wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
    <wp:post_name>${cdata(slugify(p.title, 60))}</wp:post_name>
    <wp:status>${cdata('draft')}</wp:status>
    <wp:post_type>${cdata('post')}</wp:post_type>
    ${terms.join('\n    ')}
  </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>${xmlText(ws.opd.fullName || 'Redaksi')}</title>
  <link>${xmlText(site)}</link>
  <description>Redaksi</description>
  <language>id</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${xmlText(site)}</wp:base_site_url>
  <wp:base_blog_url>${xmlText(site)}</wp:base_blog_url>
${items.join('\n')}
</channel>
</rss>
`;
}

export function buildCsv(ctx: HandlerContext, posts: Post[]): string {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const jobs = ctx.store.collections.jobs.all();
  const rows: Record<string, unknown>[] = [];
  for (const p of posts) {
    for (const v of variantsFor(p, ws)) {
      if (!v.enabled || v.channel === 'website') continue;
      const job = jobs.filter((j) => j.postId === p.id && j.channel === v.channel).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
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
  if (format === 'wxr') return writeExport(ctx, `redaksi-wordpress-${stamp(ctx)}.xml`, buildWxr(ctx, posts));
  // BOM so Excel on Windows reads UTF-8.
  return writeExport(ctx, `redaksi-jadwal-${stamp(ctx)}.csv`, `\uFEFF${buildCsv(ctx, posts)}`);
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
  for (const f of meta.files.filter((x) => x.mediaId && x.path.startsWith('gambar/'))) {
    const res = await importPhoto(ctx, path.posix.basename(f.path), Buffer.from(files.get(f.path)!));
    idMap.set(f.mediaId!, res.photo.id);
  }
  const remap = (id: string) => idMap.get(id) ?? id;
  const now = ctx.store.now().toISOString();
  const post: Post = postSchema.parse({
    ...incoming,
    id: existing?.id ?? (ctx.store.posts.get(incoming.id) ? newId() : incoming.id),
    media: incoming.media.filter((m) => idMap.has(m.mediaId)).map((m) => ({ ...m, mediaId: remap(m.mediaId) })),
    channelVariants: incoming.channelVariants.map((v) => ({ ...v, mediaIds: v.mediaIds.filter((id) => idMap.has(id)).map(remap) })),
    status: existing ? existing.status : 'draft',
    deletedAt: null,
    rev: (existing?.rev ?? 0) + 1,
    createdAt: existing?.createdAt ?? incoming.createdAt,
    updatedAt: incoming.updatedAt > now ? now : incoming.updatedAt,
  });
  await ctx.store.posts.put(post);
  return { postId: post.id, outcome: existing ? 'updated' : 'created' };
}
