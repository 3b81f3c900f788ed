import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { sharpLib } from '@core/files/lazy-libs';
import { z } from 'zod';
import { ApiError } from '@shared/api/errors';
import type { PackageImportResult } from '@shared/api/contracts/review';
import { postSchema, type Post } from '@shared/domain/post';
import { safeFileName, slugify } from '@shared/files/safe-name';
import {
  commentSchema,
  decisionSchema,
  snapshotSchema,
  suggestionSchema,
  type Decision,
  type Review,
  type ReviewComment,
  type Snapshot,
  type Suggestion,
} from '@shared/review/model';
import { reviewFileKind, snapshotOf } from '@shared/review/rules';
import { mergeSnapshots } from '@shared/review/merge';
import type { HandlerContext } from '@core/deps';
import { createZip, readZip, UnsafeZipError, type ReadZipLimits } from '@core/files/zip';
import { mediaPaths } from '@core/media/paths';
import { writeFileDurable } from '@core/store/durable-file';
import { recordAudit, snapshotHash } from './audit';
import { stamp, writeExport } from './exports';
import { currentActor, requireMember } from './session';
import { fileMediaIndex, reviewOf, saveReview } from './state';
import { savePost } from '@core/posts/post-writes';
import { decisionPayload, fingerprintOf, SIGNING_ROLES } from '@shared/review/signature';
import { keyIdOf, trustOf, verifyPayload } from './keys';
import { docIdOf, parseDocId, same, type SyncBody } from '@shared/sync/mapping';
import { COLLECTIONS } from '@core/store/collections';
import type { PouchDoc } from '@core/sync/pouch-types';

/**
 * The .redaksi review package: a ZIP that travels by WhatsApp or flash drive.
 *
 * Version 2 (written now) carries the post's sync documents, exactly as the
 * team sync replicates them (issue 13):
 *
 *   manifest.json     format, version 2, kind (request|reply), package id,
 *                     the post, its content hash, sha256 of every other entry
 *   docs.json         the post's documents (post, review record with the
 *                     signed decisions, comments, suggestions, audit trail),
 *                     each with its revision history (`_revisions`)
 *   media.json, media/<sha256>.jpg   photo renditions (photos do not sync yet)
 *
 * They enter the local replica with `new_edits: false`, as a replication
 * writes them, and reach the store through the sync engine's reconcile: a
 * file and a sync never disagree (a file of a revision already here is a
 * no-op, concurrent edits are an ordinary conflict), and a decision is
 * verified before anything is written.
 *
 * Version 1 (read only, converted by the import into store writes that the
 * sync bridge turns into documents):
 *
 *   manifest.json     format, kind (request|reply), package id + nonce, the
 *                     version it is based on, sha256 of every other entry
 *   post.json         the post
 *   base.json         the version the exchange started from (for the merge)
 *   comments.json, suggestions.json, decision.json (reply)
 *   media.json, media/<sha256>.jpg   photo renditions (request)
 *
 * Checksums catch damage and hand edits; the package id and nonce let each
 * side refuse a package it has already taken in (a replayed decision) or a
 * reply to a request it never sent. Entry names are checked by readZip and
 * never used as paths: media files are stored under their own hash.
 */
export const PACKAGE_EXT = '.redaksi';
const FORMAT = 'redaksi-review';
const MAX_ENTRIES = 300;
const MAX_UNPACKED = 200 * 1024 * 1024;
const MEDIA_FILE = /^media\/([0-9a-f]{64})\.jpg$/;
const REVIEW_MEDIA_DIR = 'review-media';

const manifestSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    kind: z.enum(['request', 'reply']),
    packageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    nonce: z.string().regex(/^[0-9a-f]{32}$/),
    createdAt: z.iso.datetime(),
    postId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    from: z.object({ name: z.string().max(200), opd: z.string().max(200) }),
    inReplyTo: z.object({ packageId: z.string().max(64), nonce: z.string().max(128) }).nullable(),
    baseHash: z.string().regex(/^[0-9a-f]{64}$/),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    entries: z
      .array(z.object({ name: z.string().max(240), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }))
      .max(MAX_ENTRIES),
  })
  .strict();
type Manifest = z.infer<typeof manifestSchema>;

const docsManifestSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(2),
    kind: z.enum(['request', 'reply']),
    packageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    createdAt: z.iso.datetime(),
    postId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    from: z.object({ name: z.string().max(200), opd: z.string().max(200) }),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    entries: manifestSchema.shape.entries,
  })
  .strict();
type DocsManifest = z.infer<typeof docsManifestSchema>;

/** The documents of one post that a file carries (the review's share of the sync mapping). */
const FILE_KINDS = ['posts', 'reviews', 'audit', 'reviewComments', 'reviewSuggestions'] as const;
type FileKind = (typeof FILE_KINDS)[number];
const MAX_DOCS = 5000;

/** A sync document as a replication carries it: body plus revision id and history. */
const fileDocSchema = z
  .object({
    _id: z.string().max(200),
    _rev: z.string().regex(/^[1-9][0-9]{0,8}-[0-9a-f]{32}$/),
    _revisions: z.object({ start: z.number().int().positive(), ids: z.array(z.string().regex(/^[0-9a-f]{32}$/)).min(1).max(1000) }).strict(),
    type: z.string().max(40),
    data: z.record(z.string(), z.unknown()),
    src: z.string().max(100),
    by: z.object({ id: z.string().max(128).nullable(), name: z.string().max(200) }).strict(),
  })
  .strict();
type FileDoc = z.infer<typeof fileDocSchema> & { kind: FileKind; record: Record<string, unknown> };

const mediaListSchema = z
  .array(
    z.object({
      mediaId: z.string().max(128),
      file: z.string().regex(MEDIA_FILE),
      caption: z.string().max(1000),
      credit: z.string().max(200),
    }),
  )
  .max(100);

export type PackageRefusal =
  | 'package_damaged'
  | 'package_altered'
  | 'package_replayed'
  | 'package_outdated'
  | 'package_unsafe_path'
  | 'package_too_large'
  | 'package_not_redaksi'
  | 'package_own'
  | 'package_unknown_post'
  | 'package_unknown_request'
  | 'package_wrong_side';

function refuse(reason: PackageRefusal, message: string): never {
  throw new ApiError('invalid_input', message, { params: { reason } });
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 1));

// ---------------------------------------------------------------- export

async function mediaEntries(ctx: HandlerContext, post: Post): Promise<{ files: Record<string, Uint8Array>; list: z.infer<typeof mediaListSchema> }> {
  const sharp = await sharpLib();
  const files: Record<string, Uint8Array> = {};
  const list: z.infer<typeof mediaListSchema> = [];
  const photos = ctx.store.collections.media;
  const { previews, originals } = mediaPaths(ctx.dataDir);
  for (const ref of post.media.slice(0, 20)) {
    const photo = photos.get(ref.mediaId);
    if (!photo || photo.deletedAt) continue;
    const preview = path.join(previews, `${photo.sha256}.jpg`);
    const source = existsSync(preview) ? preview : path.join(originals, `${photo.sha256}${photo.ext}`);
    if (!existsSync(source)) continue;
    try {
      // Re-encoded without metadata: a review copy must never carry the GPS position of the original.
      const jpeg = await sharp(source).rotate().resize({ width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer();
      const name = `media/${sha256(jpeg)}.jpg`;
      files[name] = new Uint8Array(jpeg);
      list.push({ mediaId: ref.mediaId, file: name, caption: ref.caption || photo.caption, credit: photo.credit });
    } catch (err) {
      ctx.log('review package: photo skipped', ref.mediaId, err);
    }
  }
  return { files, list };
}

function commentsOf(ctx: HandlerContext, postId: string): ReviewComment[] {
  return ctx.store.collections.reviewComments.all().filter((c) => c.postId === postId);
}
function suggestionsOf(ctx: HandlerContext, postId: string): Suggestion[] {
  return ctx.store.collections.reviewSuggestions.all().filter((s) => s.postId === postId);
}

export function buildPackage(manifest: Omit<Manifest, 'entries'> | Omit<DocsManifest, 'entries'>, entries: Record<string, Uint8Array>): Uint8Array {
  const list = Object.entries(entries).map(([name, data]) => ({ name, sha256: sha256(data), bytes: data.byteLength }));
  return createZip({ 'manifest.json': enc({ ...manifest, entries: list }), ...entries });
}

function syncOf(ctx: HandlerContext) {
  const sync = ctx.services.sync;
  // Every host runs the sync engine (with or without a hub): its replica is where a file's documents live.
  if (!sync) throw new ApiError('unsupported', 'review files need the sync engine, which is not running in this host', { params: { reason: 'sync_unavailable' } });
  return sync;
}

/** The ids of the sync documents of a post that a review file carries. */
function docIdsOfPost(ctx: HandlerContext, postId: string): string[] {
  return [
    docIdOf('posts', postId),
    docIdOf('reviews', postId),
    docIdOf('audit', postId),
    ...commentsOf(ctx, postId).map((c) => docIdOf('reviewComments', c.id)),
    ...suggestionsOf(ctx, postId).map((x) => docIdOf('reviewSuggestions', x.id)),
  ];
}

/**
 * Writes the post's review file: its sync documents with their revision
 * history, and photo renditions. A request while the post waits for (or
 * goes to) review; a reply once an editor decided on the submitted version.
 */
export async function exportPackage(ctx: HandlerContext, post: Post) {
  const member = requireMember(ctx);
  const sync = syncOf(ctx);
  const review = reviewOf(ctx, post.id);
  const kind = reviewFileKind(review);
  if (kind === 'request' && (post.status === 'draft' || post.status === 'changes_requested')) {
    refuse('package_wrong_side', 'submit the post for review before sending it');
  }
  const now = ctx.store.now();
  const packageId = randomBytes(12).toString('hex');
  const ws = ctx.store.workspace;
  const prefix = kind === 'request' ? 'tinjau' : 'balasan';
  const fileName = safeFileName(`${prefix}-${slugify(post.title || 'tulisan', 40)}-${stamp(now)}${PACKAGE_EXT}`);
  // Recorded first, so the trail the file carries says it was sent.
  await recordAudit(ctx, post, 'exported', { detail: `${kind === 'request' ? 'berkas tinjauan' : 'berkas balasan'}: ${fileName}` });
  const docs = await sync.exportDocs(docIdsOfPost(ctx, post.id));
  const postDoc = docs.find((d) => d._id === docIdOf('posts', post.id));
  if (!postDoc) throw new ApiError('internal', `post ${post.id} is not in the replica`);
  const media = await mediaEntries(ctx, post);
  const entries: Record<string, Uint8Array> = {
    'docs.json': enc(docs),
    'media.json': enc(media.list),
    ...media.files,
  };
  const data = buildPackage(
    {
      format: FORMAT,
      version: 2,
      kind,
      packageId,
      createdAt: now.toISOString(),
      postId: post.id,
      from: { name: member.name, opd: ws.opd.shortName || ws.opd.fullName },
      contentHash: snapshotHash(snapshotOf((postDoc as unknown as SyncBody).data as unknown as Post)),
    },
    entries,
  );
  const link = await writeExport(ctx, fileName, data);
  return { ...link, packageId, kind };
}

// ---------------------------------------------------------------- import

interface Opened {
  manifest: Manifest;
  post: Post;
  base: Snapshot;
  comments: ReviewComment[];
  suggestions: Suggestion[];
  decision: Decision | null;
  media: z.infer<typeof mediaListSchema>;
  files: Map<string, Uint8Array>;
}

function parseJson<T>(files: Map<string, Uint8Array>, name: string, schema: z.ZodType<T>): T {
  const raw = files.get(name);
  if (!raw) refuse('package_damaged', `${name} missing`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    refuse('package_damaged', `${name} is not JSON`);
  }
  const r = schema.safeParse(value);
  if (!r.success) refuse('package_damaged', `${name} invalid: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

/** The entries a package may hold, each with the type its bytes must have. */
const PACKAGE_ENTRIES: ReadZipLimits['expect'] = [
  { name: /^(manifest|docs|post|base|comments|suggestions|decision|media)\.json$/, type: 'utf8' },
  { name: MEDIA_FILE, type: 'jpeg' },
];

/** A version 2 file, verified: its documents, each checked against its collection's schema and the post. */
interface OpenedDocs {
  manifest: DocsManifest;
  docs: FileDoc[];
  media: z.infer<typeof mediaListSchema>;
  files: Map<string, Uint8Array>;
}

/** Opens and verifies a package without touching the store. The archive is read off the main thread, within limits. */
export async function openPackage(data: Uint8Array): Promise<Opened | OpenedDocs> {
  if (data.byteLength < 22) refuse('package_damaged', 'too short for a zip');
  let files: Map<string, Uint8Array>;
  try {
    files = await readZip(data, { maxEntries: MAX_ENTRIES, maxTotalBytes: MAX_UNPACKED, expect: PACKAGE_ENTRIES, timeoutMs: 30_000 });
  } catch (err) {
    if (err instanceof UnsafeZipError) {
      if (err.reason === 'path' || err.reason === 'symlink') refuse('package_unsafe_path', err.message);
      if (err.reason === 'too_large' || err.reason === 'too_many') refuse('package_too_large', err.message);
      if (err.reason === 'unexpected' && !err.names.includes('manifest.json')) refuse('package_not_redaksi', err.message);
      if (err.reason === 'duplicate' || err.reason === 'unexpected' || err.reason === 'wrong_type' || err.reason === 'size_lie') refuse('package_altered', err.message);
      refuse('package_damaged', err.message);
    }
    throw err;
  }
  if (!files.has('manifest.json')) refuse('package_not_redaksi', 'no manifest');
  let manifestRaw: unknown;
  try {
    manifestRaw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files.get('manifest.json')!));
  } catch {
    refuse('package_damaged', 'manifest is not JSON');
  }
  if ((manifestRaw as { format?: unknown })?.format !== FORMAT) refuse('package_not_redaksi', 'not a review package');
  const version = (manifestRaw as { version?: unknown }).version;
  const m = (version === 2 ? docsManifestSchema : manifestSchema).safeParse(manifestRaw);
  if (!m.success) refuse('package_damaged', `manifest invalid: ${m.error.issues[0]?.message ?? ''}`);
  const manifest = m.data;

  // Every entry listed, every listed entry present, every checksum right.
  const listed = new Map(manifest.entries.map((e) => [e.name, e]));
  for (const name of files.keys()) {
    if (name !== 'manifest.json' && !listed.has(name)) refuse('package_altered', `unlisted entry ${name}`);
  }
  for (const e of manifest.entries) {
    const f = files.get(e.name);
    if (!f) refuse('package_damaged', `entry ${e.name} missing`);
    if (f.byteLength !== e.bytes || sha256(f) !== e.sha256) refuse('package_altered', `checksum of ${e.name}`);
  }

  if (manifest.version === 2) return openDocs(manifest, files);

  const post = parseJson(files, 'post.json', postSchema);
  const base = parseJson(files, 'base.json', snapshotSchema);
  const comments = parseJson(files, 'comments.json', z.array(commentSchema).max(5000));
  const suggestions = parseJson(files, 'suggestions.json', z.array(suggestionSchema).max(5000));
  const decision = manifest.kind === 'reply' ? parseJson(files, 'decision.json', decisionSchema.nullable()) : null;
  const media = manifest.kind === 'request' ? parseJson(files, 'media.json', mediaListSchema) : [];

  // The pieces must agree with each other and with the manifest.
  const theirs = snapshotOf(post);
  if (post.id !== manifest.postId) refuse('package_altered', 'post id differs from manifest');
  if (snapshotHash(theirs) !== manifest.contentHash) refuse('package_altered', 'content hash differs from manifest');
  if (snapshotHash(base) !== manifest.baseHash) refuse('package_altered', 'base hash differs from manifest');
  if (comments.some((c) => c.postId !== post.id) || suggestions.some((s) => s.postId !== post.id)) {
    refuse('package_altered', 'comments of another post');
  }
  if (decision && decision.hash !== snapshotHash(decision.snapshot)) refuse('package_altered', 'decision hash');
  if (manifest.kind === 'reply' && !manifest.inReplyTo) refuse('package_damaged', 'reply without request');
  for (const x of media) if (!files.has(x.file)) refuse('package_damaged', `media ${x.file} missing`);
  return { manifest, post, base, comments, suggestions, decision, media, files };
}

/**
 * The documents of a version 2 file: each one of the post's own (by id and
 * postId), of a kind a file carries, its revision history consistent with
 * its revision id, and its data valid for its collection. Nothing here is
 * trusted beyond that: decisions are verified by the import, and the sync
 * engine's arrival checks run on every document as for a hub version.
 */
function openDocs(manifest: DocsManifest, files: Map<string, Uint8Array>): OpenedDocs {
  const raw = parseJson(files, 'docs.json', z.array(fileDocSchema).min(1).max(MAX_DOCS));
  const media = parseJson(files, 'media.json', mediaListSchema);
  for (const x of media) if (!files.has(x.file)) refuse('package_damaged', `media ${x.file} missing`);
  const seen = new Set<string>();
  const docs: FileDoc[] = [];
  for (const d of raw) {
    const parsed = parseDocId(d._id);
    if (!parsed || !(FILE_KINDS as readonly string[]).includes(parsed.kind) || d.type !== parsed.kind) refuse('package_altered', `document ${d._id.slice(0, 80)} does not belong in a review file`);
    if (seen.has(d._id)) refuse('package_altered', `document ${d._id} twice`);
    seen.add(d._id);
    const [gen, hash] = d._rev.split('-');
    if (d._revisions.start !== Number(gen) || d._revisions.ids[0] !== hash || d._revisions.ids.length > d._revisions.start) {
      refuse('package_damaged', `revision history of ${d._id}`);
    }
    const kind = parsed.kind as FileKind;
    let record: Record<string, unknown>;
    try {
      record = COLLECTIONS[kind].validate({ ...d.data, rev: 1 }) as unknown as Record<string, unknown>;
    } catch (err) {
      refuse('package_damaged', `${d._id} invalid: ${err instanceof Error ? err.message.slice(0, 200) : ''}`);
    }
    const ownerOf = kind === 'posts' || kind === 'reviews' || kind === 'audit' ? record.id : record.postId;
    if (record.id !== parsed.id || ownerOf !== manifest.postId) refuse('package_altered', `${d._id} is not of the post in the manifest`);
    docs.push({ ...d, kind, record });
  }
  const post = docs.find((d) => d.kind === 'posts');
  if (!post) refuse('package_damaged', 'the post document is missing');
  if (snapshotHash(snapshotOf(post.record as unknown as Post)) !== manifest.contentHash) refuse('package_altered', 'content hash differs from manifest');
  const review = docs.find((d) => d.kind === 'reviews')?.record as Review | undefined;
  for (const dec of [review?.decision, review?.approval]) {
    if (dec && dec.hash !== snapshotHash(dec.snapshot)) refuse('package_altered', 'decision hash');
  }
  return { manifest, docs, media, files };
}

/** Union by id; the copy changed last wins (comments get resolved, suggestions decided). */
async function mergeById<T extends { id: string; postId: string; updatedAt: string; rev: number }>(
  col: { get(id: string): T | undefined; put(doc: T): Promise<void> },
  incoming: T[],
  postId: string,
): Promise<number> {
  let n = 0;
  for (const doc of incoming) {
    const mine = col.get(doc.id);
    if (mine && mine.postId !== postId) continue; // an id collision with another post is ignored, never overwritten
    if (!mine || doc.updatedAt > mine.updatedAt) {
      await col.put({ ...doc, rev: Math.max(doc.rev, mine?.rev ?? 0) + (mine ? 1 : 0) });
      n++;
    }
  }
  return n;
}

export async function importPackage(ctx: HandlerContext, fileName: string, data: Uint8Array): Promise<PackageImportResult> {
  requireMember(ctx);
  const opened = await openPackage(data);
  if ('docs' in opened) return importDocs(ctx, opened, fileName);
  // An old file: its pieces are taken in through the store, and the sync bridge makes them documents.
  return opened.manifest.kind === 'request' ? importRequest(ctx, opened, fileName) : importReply(ctx, opened, fileName);
}

async function saveMedia(ctx: HandlerContext, o: { media: z.infer<typeof mediaListSchema>; files: Map<string, Uint8Array> }) {
  const dir = path.join(ctx.dataDir, REVIEW_MEDIA_DIR);
  await fsp.mkdir(dir, { recursive: true });
  const media: NonNullable<Review['remote']>['media'] = [];
  for (const m of o.media) {
    // Named by their verified hash, never by the entry name.
    const bytes = o.files.get(m.file)!;
    const name = `${sha256(bytes)}.jpg`;
    const target = path.join(dir, name);
    if (!existsSync(target)) await writeFileDurable(target, bytes);
    media.push({ mediaId: m.mediaId, file: name, caption: m.caption, credit: m.credit });
  }
  return media;
}

/**
 * A version 2 file: its signed decisions are verified first (a refusal
 * writes nothing), then its documents enter the replica with their
 * revision history and are reconciled with the store by the sync engine,
 * exactly as the same documents from the hub would be.
 */
async function importDocs(ctx: HandlerContext, o: OpenedDocs, fileName: string): Promise<PackageImportResult> {
  const sync = syncOf(ctx);
  const { manifest } = o;
  const postId = manifest.postId;
  const local = ctx.store.collections.reviews.get(postId) ?? null;
  const incoming = o.docs.find((d) => d.kind === 'reviews')?.record as Review | undefined;
  let decided: Decision | null = null;
  for (const d of [incoming?.decision, incoming?.approval]) {
    if (!d || (local && (same(d, local.decision) || same(d, local.approval)))) continue;
    verifyDecision(ctx, postId, d, null);
    if (!decided || d.at > decided.at) decided = d;
  }

  const before = ctx.store.posts.get(postId) ?? null;
  const stateOf = (kind: 'reviewComments' | 'reviewSuggestions') =>
    new Map(o.docs.filter((d) => d.kind === kind).map((d) => [d.record.id as string, JSON.stringify(ctx.store.collections[kind].get(d.record.id as string) ?? null)]));
  const commentsBefore = stateOf('reviewComments');
  const suggestionsBefore = stateOf('reviewSuggestions');

  const media = o.media.length ? await saveMedia(ctx, o) : [];
  await sync.importDocs(o.docs.map(({ kind: _k, record: _r, ...doc }) => doc as PouchDoc));
  if (media.length && !(before && before.media.every((m) => ctx.store.collections.media.get(m.mediaId)))) {
    await fsp.mkdir(path.dirname(fileMediaIndex(ctx, postId)), { recursive: true });
    await writeFileDurable(fileMediaIndex(ctx, postId), JSON.stringify(media));
  }

  const post = ctx.store.posts.get(postId) ?? null;
  const changed = (kind: 'reviewComments' | 'reviewSuggestions', prior: Map<string, string>) =>
    [...prior].filter(([id, was]) => JSON.stringify(ctx.store.collections[kind].get(id) ?? null) !== was).length;
  const theirs = o.docs.find((d) => d.kind === 'posts')!.record;
  let text: PackageImportResult['text'];
  if (sync.conflicts().some((c) => c.collection === 'posts' && c.id === postId)) text = 'conflict';
  else if (!before) text = 'new';
  else if (!post || snapshotHash(snapshotOf(post)) === snapshotHash(snapshotOf(before))) {
    text = snapshotHash(snapshotOf(before)) === manifest.contentHash ? 'unchanged' : 'kept_mine';
  } else text = snapshotHash(snapshotOf(post)) === snapshotHash(snapshotOf(theirs as unknown as Post)) ? 'taken' : 'merged';
  const review = ctx.store.collections.reviews.get(postId);
  const arrived = decided && review && (same(review.decision, decided) || same(review.approval, decided)) ? decided : null;
  if (post) {
    await recordAudit(ctx, post, 'imported', {
      actor: currentActor(ctx),
      detail: `${manifest.kind === 'request' ? 'berkas tinjauan' : 'berkas balasan'} dari ${manifest.from.name}: ${safeFileName(fileName)}`,
    });
  }
  return {
    postId,
    kind: manifest.kind,
    text,
    decision: arrived?.kind ?? null,
    comments: changed('reviewComments', commentsBefore),
    suggestions: changed('reviewSuggestions', suggestionsBefore),
  };
}

async function importRequest(ctx: HandlerContext, o: Opened, fileName: string): Promise<PackageImportResult> {
  const { manifest } = o;
  const existing = ctx.store.posts.get(manifest.postId);
  const prior = ctx.store.collections.reviews.get(manifest.postId) ?? null;
  if (prior?.sent.some((s) => s.packageId === manifest.packageId)) {
    refuse('package_own', 'this request was written by this Redaksi');
  }
  if (existing && !prior?.remote) refuse('package_own', 'this post belongs to this Redaksi');
  if (prior?.imported.includes(manifest.packageId)) refuse('package_replayed', 'request already imported');
  if (prior?.remote && prior.remote.receivedAt && manifestOlder(manifest, prior)) {
    refuse('package_outdated', 'a newer request for this post was already imported');
  }
  const now = ctx.store.now().toISOString();
  const media = await saveMedia(ctx, o);
  const incoming = o.post;
  // The editor's copy of the post. A newer request brings the author's new text; edits the editor made
  // to her copy meanwhile are never replaced: they merge paragraph by paragraph against the text she
  // received last, and where both changed the same place hers stays and the difference is shown.
  let copyConflict: Review['conflict'] = null;
  let post: Post;
  if (existing && prior?.remote) {
    const m = mergeSnapshots(prior.remote.base, snapshotOf(existing), snapshotOf(incoming));
    post = await savePost(ctx, existing, { ...m.merged, status: 'in_review', deletedAt: null }, { reason: 'transition' });
    if (m.conflicts.length) {
      copyConflict = { at: now, fromName: manifest.from.name, base: prior.remote.base, theirs: snapshotOf(incoming), mine: snapshotOf(post), fields: m.conflicts };
    }
  } else {
    post = existing
      ? await savePost(ctx, existing, { ...snapshotOf(incoming), status: 'in_review', deletedAt: null }, { reason: 'transition' })
      : await ctx.store.posts.create({ ...incoming, status: 'in_review', editorCredit: '', deletedAt: null });
  }
  const comments = await mergeById(ctx.store.collections.reviewComments, o.comments, post.id);
  const suggestions = await mergeById(ctx.store.collections.reviewSuggestions, o.suggestions, post.id);
  await saveReview(ctx, post.id, (review) => ({
    submittedBy: { id: null, name: manifest.from.name },
    submittedAt: manifest.createdAt,
    conflict: copyConflict,
    imported: [...review.imported, manifest.packageId].slice(-2000),
    remote: {
      packageId: manifest.packageId,
      nonce: manifest.nonce,
      fromName: manifest.from.name,
      opdName: manifest.from.opd,
      baseHash: manifest.contentHash,
      base: snapshotOf(incoming),
      receivedAt: now,
      media,
    },
  }));
  await recordAudit(ctx, post, 'imported', { detail: `berkas tinjauan dari ${manifest.from.name}: ${safeFileName(fileName)}` });
  return { postId: post.id, kind: 'request', text: existing ? 'taken' : 'new', decision: null, comments, suggestions };
}

function manifestOlder(manifest: Manifest, prior: Review): boolean {
  const importedAt = prior.remote?.receivedAt ?? '';
  const priorCreated = prior.submittedAt ?? importedAt;
  return manifest.createdAt < priorCreated;
}

async function importReply(ctx: HandlerContext, o: Opened, fileName: string): Promise<PackageImportResult> {
  const { manifest } = o;
  let post = ctx.store.posts.get(manifest.postId);
  if (!post) refuse('package_unknown_post', 'the post of this reply is not in this Redaksi');
  const review = reviewOf(ctx, post.id);
  if (review.remote) refuse('package_wrong_side', 'a reply goes back to the author, not to the editor');
  const sentIndex = review.sent.findIndex((s) => s.packageId === manifest.inReplyTo!.packageId);
  const sent = review.sent[sentIndex];
  if (!sent || sent.nonce !== manifest.inReplyTo!.nonce) refuse('package_unknown_request', 'reply to a request this Redaksi did not send');
  if (review.imported.includes(manifest.packageId) || sent.answeredAt) refuse('package_replayed', 'a reply to this request was already imported');
  if (review.sent.slice(sentIndex + 1).length > 0) refuse('package_outdated', 'a newer request was sent after this one');
  if (manifest.baseHash !== sent.baseHash) refuse('package_altered', 'reply is not based on the version sent');
  // A decision counts only when it carries a valid signature by a known editor; checked before anything is written.
  const signer = o.decision ? verifyDecision(ctx, post.id, o.decision, sent.mediaHash) : null;

  const now = ctx.store.now();
  const comments = await mergeById(ctx.store.collections.reviewComments, o.comments, post.id);
  const suggestions = await mergeById(ctx.store.collections.reviewSuggestions, o.suggestions, post.id);

  const base = o.base;
  const theirs = snapshotOf(o.post);
  const mine = snapshotOf(post);
  const theirsHash = snapshotHash(theirs);
  const mineHash = snapshotHash(mine);
  const theirsChanged = theirsHash !== sent.baseHash;
  const mineChanged = mineHash !== sent.baseHash;
  let text: PackageImportResult['text'];
  let conflict: Review['conflict'] = review.conflict;
  if (!theirsChanged || theirsHash === mineHash) {
    text = mineChanged && theirsHash !== mineHash ? 'kept_mine' : 'unchanged';
  } else if (!mineChanged) {
    text = 'taken';
    post = await savePost(ctx, post, theirs, { reason: 'import' });
  } else {
    // Both sides edited: paragraphs changed on one side only merge by themselves; where both changed
    // the same place, mine stays in the post, theirs beside it, and the author chooses.
    const m = mergeSnapshots(base, mine, theirs);
    if (m.taken.length) post = await savePost(ctx, post, m.merged, { reason: 'merge' });
    if (m.conflicts.length) {
      text = 'conflict';
      conflict = { at: now.toISOString(), fromName: manifest.from.name, base, theirs, mine: snapshotOf(post), fields: m.conflicts };
    } else text = 'merged';
  }

  // The credit follows the verified signer, not the name written in the file.
  const d = o.decision && signer ? { ...o.decision, by: { id: signer.memberId, name: signer.name }, viaFile: true } : null;
  const answered = (cur: Review): Partial<Review> => ({
    conflict,
    imported: [...cur.imported, manifest.packageId].slice(-2000),
    sent: cur.sent.map((s) => (s.packageId === sent.packageId ? { ...s, answeredAt: now.toISOString() } : s)),
    ...(d ? { decision: d, approval: d.kind === 'approved' ? d : cur.approval } : {}),
  });
  if (d) {
    const currentHash = snapshotHash(snapshotOf(post));
    if (d.kind === 'changes_requested' && post.status === 'in_review') {
      post = await savePost(ctx, post, { status: 'changes_requested' }, { reason: 'transition' });
    } else if (d.kind === 'approved' && text !== 'conflict' && d.hash === currentHash && post.status === 'in_review') {
      post = await savePost(ctx, post, { status: 'approved', editorCredit: d.by.name }, { reason: 'transition' });
    }
    // An approval of a version other than the one here stays on record but does not approve this one.
  }
  await saveReview(ctx, post.id, answered);
  const by = { id: null, name: manifest.from.name };
  await recordAudit(ctx, post, 'imported', { actor: currentActor(ctx), detail: `berkas balasan dari ${manifest.from.name}: ${safeFileName(fileName)}` });
  if (d) {
    await recordAudit(ctx, post, d.kind, {
      actor: { id: null, name: d.by.name || by.name },
      at: d.at,
      hash: d.hash,
      detail: `melalui berkas${d.note ? `: ${d.note}` : ''}`,
    });
  }
  return { postId: post.id, kind: 'reply', text, decision: d?.kind ?? null, comments, suggestions };
}

/** Why a decision in a reply file is not accepted (the UI explains each in Indonesian). */
export type SignatureRefusal = 'decision_unsigned' | 'signature_invalid' | 'signature_media' | 'key_unknown' | 'key_not_editor';

/**
 * Checks a decision from a reply file: signed, the signature valid over this
 * post, this content and the photos that were sent, by a key this PC knows
 * as an editor's. The first time a key is seen the refusal carries its
 * fingerprint, so an admin can compare it with the editor by phone and
 * trust it once (review.trustKey).
 */
export function verifyDecision(ctx: HandlerContext, postId: string, d: Decision, sentMediaHash: string | null): { name: string; memberId: string | null } {
  const sig = d.signature;
  if (!sig) throw new ApiError('forbidden', 'the decision is not signed', { params: { reason: 'decision_unsigned' } });
  const payload = decisionPayload({ postId, contentHash: d.hash, mediaHash: sig.mediaHash, decision: d.kind, keyId: sig.keyId, at: d.at });
  if (keyIdOf(sig.publicKey) !== sig.keyId || !verifyPayload(sig.publicKey, payload, sig.sig)) {
    throw new ApiError('forbidden', 'the signature does not match the decision', { params: { reason: 'signature_invalid' } });
  }
  if (sentMediaHash && sig.mediaHash !== sentMediaHash) {
    throw new ApiError('forbidden', 'the signature covers other photos than were sent', { params: { reason: 'signature_media' } });
  }
  const who = trustOf(ctx, sig.keyId);
  if (!who) {
    throw new ApiError('forbidden', 'the signing key is not known here', {
      params: { reason: 'key_unknown', keyId: sig.keyId, fingerprint: fingerprintOf(sig.keyId), name: d.by.name.slice(0, 120), publicKey: sig.publicKey },
    });
  }
  if (!(SIGNING_ROLES as readonly string[]).includes(who.role)) {
    throw new ApiError('forbidden', 'the signing key is not an editor\'s', { params: { reason: 'key_not_editor', name: who.name } });
  }
  return { name: who.name, memberId: who.memberId };
}

