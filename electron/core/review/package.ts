import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
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
import { snapshotOf } from '@shared/review/rules';
import { mergeSnapshots } from '@shared/review/merge';
import type { HandlerContext } from '@core/deps';
import { createZip, readZip, UnsafeZipError, type ReadZipLimits } from '@core/files/zip';
import { mediaPaths } from '@core/media/paths';
import { writeFileDurable } from '@core/store/durable-file';
import { recordAudit, snapshotHash } from './audit';
import { stamp, writeExport } from './exports';
import { currentActor, requireMember } from './session';
import { emptyReview, reviewOf, saveReview } from './state';
import { savePost } from '@core/posts/post-writes';
import { decisionPayload, fingerprintOf, mediaHashInput, SIGNING_ROLES } from '@shared/review/signature';
import { keyIdOf, trustOf, verifyPayload } from './keys';

/**
 * The .redaksi review package: a ZIP that travels by WhatsApp or flash drive.
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

export function buildPackage(manifest: Omit<Manifest, 'entries'>, entries: Record<string, Uint8Array>): Uint8Array {
  const list = Object.entries(entries).map(([name, data]) => ({ name, sha256: sha256(data), bytes: data.byteLength }));
  return createZip({ 'manifest.json': enc({ ...manifest, entries: list }), ...entries });
}

export async function exportPackage(ctx: HandlerContext, post: Post) {
  const member = requireMember(ctx);
  let review = reviewOf(ctx, post.id);
  const now = ctx.store.now();
  const packageId = randomBytes(12).toString('hex');
  const nonce = randomBytes(16).toString('hex');
  const ws = ctx.store.workspace;
  const from = { name: member.name, opd: ws.opd.shortName || ws.opd.fullName };
  const current = snapshotOf(post);
  const entries: Record<string, Uint8Array> = {
    'post.json': enc(post),
    'comments.json': enc(commentsOf(ctx, post.id)),
    'suggestions.json': enc(suggestionsOf(ctx, post.id)),
  };
  let kind: 'request' | 'reply';
  let baseHash: string;
  let mediaHash: string | null = null;
  if (review.remote) {
    // Editor side: answer the request this copy came from.
    kind = 'reply';
    baseHash = review.remote.baseHash;
    entries['base.json'] = enc(review.remote.base);
    const d = review.decision && review.decision.at >= review.remote.receivedAt ? review.decision : null;
    entries['decision.json'] = enc(d);
  } else {
    kind = 'request';
    if (post.status === 'draft' || post.status === 'changes_requested') {
      refuse('package_wrong_side', 'submit the post for review before sending it');
    }
    baseHash = snapshotHash(current);
    entries['base.json'] = enc(current);
    const media = await mediaEntries(ctx, post);
    Object.assign(entries, media.files);
    entries['media.json'] = enc(media.list);
    mediaHash = sha256(mediaHashInput(media.list.map((m) => MEDIA_FILE.exec(m.file)![1])));
  }
  const data = buildPackage(
    {
      format: FORMAT,
      version: 1,
      kind,
      packageId,
      nonce,
      createdAt: now.toISOString(),
      postId: post.id,
      from,
      inReplyTo: review.remote ? { packageId: review.remote.packageId, nonce: review.remote.nonce } : null,
      baseHash,
      contentHash: snapshotHash(current),
    },
    entries,
  );
  if (kind === 'request') {
    review = {
      ...review,
      sent: [...review.sent, { packageId, nonce, at: now.toISOString(), baseHash, mediaHash, answeredAt: null }].slice(-500),
    };
  }
  await saveReview(ctx, review);
  const prefix = kind === 'request' ? 'tinjau' : 'balasan';
  const fileName = safeFileName(`${prefix}-${slugify(post.title || 'tulisan', 40)}-${stamp(now)}${PACKAGE_EXT}`);
  const link = await writeExport(ctx, fileName, data);
  await recordAudit(ctx, post, 'exported', { detail: `${kind === 'request' ? 'berkas tinjauan' : 'berkas balasan'}: ${fileName}` });
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
  { name: /^(manifest|post|base|comments|suggestions|decision|media)\.json$/, type: 'utf8' },
  { name: MEDIA_FILE, type: 'jpeg' },
];

/** Opens and verifies a package without touching the store. The archive is read off the main thread, within limits. */
export async function openPackage(data: Uint8Array): Promise<Opened> {
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
  const m = manifestSchema.safeParse(manifestRaw);
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
  return opened.manifest.kind === 'request' ? importRequest(ctx, opened, fileName) : importReply(ctx, opened, fileName);
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
  // Photos go to their own folder, named by their verified hash, never by the entry name.
  const dir = path.join(ctx.dataDir, REVIEW_MEDIA_DIR);
  await fsp.mkdir(dir, { recursive: true });
  const media: NonNullable<Review['remote']>['media'] = [];
  for (const m of o.media) {
    const bytes = o.files.get(m.file)!;
    const name = `${sha256(bytes)}.jpg`;
    const target = path.join(dir, name);
    if (!existsSync(target)) await writeFileDurable(target, bytes);
    media.push({ mediaId: m.mediaId, file: name, caption: m.caption, credit: m.credit });
  }
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
  const review = prior ?? emptyReview(ctx, post.id);
  await saveReview(ctx, {
    ...review,
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
  });
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
  let nextReview: Review = {
    ...review,
    conflict,
    imported: [...review.imported, manifest.packageId].slice(-2000),
    sent: review.sent.map((s, i) => (i === sentIndex ? { ...s, answeredAt: now.toISOString() } : s)),
  };
  if (d) {
    const currentHash = snapshotHash(snapshotOf(post));
    nextReview = { ...nextReview, decision: d, approval: d.kind === 'approved' ? d : review.approval };
    if (d.kind === 'changes_requested' && post.status === 'in_review') {
      post = await savePost(ctx, post, { status: 'changes_requested' }, { reason: 'transition' });
    } else if (d.kind === 'approved' && text !== 'conflict' && d.hash === currentHash && post.status === 'in_review') {
      post = await savePost(ctx, post, { status: 'approved', editorCredit: d.by.name }, { reason: 'transition' });
    }
    // An approval of a version other than the one here stays on record but does not approve this one.
  }
  await saveReview(ctx, nextReview);
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

