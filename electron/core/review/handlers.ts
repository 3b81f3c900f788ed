import { ApiError } from '@shared/api/errors';
import type { InboxItem } from '@shared/api/contracts/review';
import { AUDIT_PAGE, reviewContract } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import type { Decision, ReviewComment, Suggestion } from '@shared/review/model';
import { approvalExpiry, canReview, checkAction, nextStatus, snapshotOf, type ReviewAction } from '@shared/review/rules';
import { auditOf, contentHash, recordAudit } from './audit';
import { auditCsv } from './audit-csv';
import { exportPackage, importPackage } from './package';
import { hashPin, verifyPin } from './pins';
import { approvalSheet } from './sheet';
import { currentActor, currentMember, requireMember, sessionInfo, sessionOf } from './session';
import { contentOf, recordDiscarded } from '@core/posts/versions';
import { forgetSignIn, rememberSignIn } from './session-persist';
import {
  authorIdsOf,
  buildView,
  requirePost,
  reviewOf,
  saveReview,
  writersByPost,
} from './state';
import { newId } from '@core/store/store';
import { savePost } from '@core/posts/post-writes';
import { keyIdOf, openKeyForSession, publicKeyOf, resealKey, signingKey, signPayload } from './keys';
import { decisionPayload, fingerprintOf, mediaHashInput } from '@shared/review/signature';
import { createHash, createPublicKey } from 'node:crypto';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The photos the editor saw: the request's files on a review copy, else the post's own photos. */
function mediaShasOf(ctx: HandlerContext, post: Post, review: { remote: { media: { file: string }[] } | null }): string[] {
  if (review.remote) return review.remote.media.map((m) => m.file.replace(/\.jpg$/, ''));
  return post.media.map((m) => ctx.store.collections.media.get(m.mediaId)?.sha256 ?? m.mediaId);
}
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';

const LOCKOUT_AFTER = 5;
const LOCKOUT_MS = 60_000;

function refuse(reason: string, message: string): never {
  throw new ApiError(reason === 'wrong_status' || reason === 'conflict_open' ? 'conflict' : 'forbidden', message, {
    params: { reason },
  });
}

function check(ctx: HandlerContext, action: ReviewAction, post: Post, note?: string) {
  const member = currentMember(ctx);
  const review = reviewOf(ctx, post.id);
  const r = checkAction(action, {
    post,
    actor: member,
    authorIds: authorIdsOf(ctx, post, review),
    note,
    hasConflict: Boolean(review.conflict),
  });
  if (!r.ok) refuse(r.reason, `${action} refused: ${r.reason}`);
  return { member: member!, review };
}

function requireComment(ctx: HandlerContext, id: string): ReviewComment {
  const c = ctx.store.collections.reviewComments.get(id);
  if (!c) throw new ApiError('not_found', `comment ${id} not found`, { params: { id } });
  return c;
}

/** The field's text with the suggestion applied, or a typed refusal when its passage is gone. */
function applied(post: Post, s: Suggestion): string {
  const text = post[s.field];
  const i = text.indexOf(s.from);
  if (i < 0) throw new ApiError('conflict', 'the passage is no longer in the text', { params: { reason: 'suggestion_stale' } });
  return text.slice(0, i) + s.to + text.slice(i + s.from.length);
}

async function decideSuggestion(ctx: HandlerContext, member: { id: string; name: string }, s: Suggestion, post: Post, accept: boolean): Promise<Post> {
  if (accept) post = await savePost(ctx, post, { [s.field]: applied(post, s) }, { reason: 'suggestion' });
  const at = ctx.store.now().toISOString();
  // As it is now (the post's save came first; the sync may have brought a newer copy meanwhile).
  const cur = ctx.store.collections.reviewSuggestions.get(s.id) ?? s;
  await ctx.store.collections.reviewSuggestions.put({
    ...cur,
    status: accept ? 'accepted' : 'rejected',
    decidedBy: { id: member.id, name: member.name },
    decidedAt: at,
    rev: cur.rev + 1,
    updatedAt: at,
  });
  await recordAudit(ctx, post, accept ? 'suggestion_accepted' : 'suggestion_rejected', {
    detail: `"${s.from.slice(0, 80)}" → "${s.to.slice(0, 80)}"`,
  });
  return post;
}

function requireSuggestion(ctx: HandlerContext, id: string): Suggestion {
  const s = ctx.store.collections.reviewSuggestions.get(id);
  if (!s) throw new ApiError('not_found', `suggestion ${id} not found`, { params: { id } });
  return s;
}

async function decide(
  ctx: HandlerContext,
  post: Post,
  kind: Decision['kind'],
  note: string,
  validHours: number | null,
): Promise<Post> {
  const { member, review } = check(ctx, kind === 'approved' ? 'approve' : 'request_changes', post, note);
  const now = ctx.store.now();
  const decision: Decision = {
    kind,
    by: { id: member.id, name: member.name },
    at: now.toISOString(),
    note: note.trim(),
    hash: contentHash(post),
    snapshot: snapshotOf(post),
    expiresAt: kind === 'approved' ? approvalExpiry(now, validHours) : null,
    viaFile: false,
    signature: null,
  };
  // The decision is signed with the editor's own key: this exact content, these photos, this person.
  const key = signingKey(ctx, member);
  const publicKey = publicKeyOf(key);
  const keyId = keyIdOf(publicKey);
  const mediaHash = sha256Hex(mediaHashInput(mediaShasOf(ctx, post, review)));
  const payload = decisionPayload({ postId: post.id, contentHash: decision.hash, mediaHash, decision: kind, keyId, at: decision.at });
  decision.signature = { alg: 'Ed25519', keyId, publicKey, mediaHash, sig: signPayload(key, payload) };
  const next = await savePost(
    ctx,
    post,
    { status: nextStatus(kind === 'approved' ? 'approve' : 'request_changes'), ...(kind === 'approved' ? { editorCredit: member.name } : {}) },
    { reason: 'transition' },
  );
  await saveReview(ctx, post.id, (cur) => ({ decision, approval: kind === 'approved' ? decision : cur.approval }));
  await recordAudit(ctx, next, kind, { detail: note.trim() });
  return next;
}

export const reviewHandlers: HandlersFor<typeof reviewContract> = {
  async 'session.get'(_input, ctx) {
    return sessionInfo(ctx);
  },

  async 'session.signIn'({ memberId, pin }, ctx) {
    const m = ctx.store.workspace.team.find((x) => x.id === memberId);
    if (!m) throw new ApiError('not_found', `member ${memberId} not found`, { params: { id: memberId } });
    const s = sessionOf(ctx);
    if (m.pinHash) {
      const f = s.failures.get(m.id);
      const now = Date.now();
      if (f && f.until > now) {
        throw new ApiError('forbidden', 'too many wrong PINs', {
          params: { reason: 'pin_locked', seconds: Math.ceil((f.until - now) / 1000) },
        });
      }
      if (!pin || !(await verifyPin(pin, m.pinHash))) {
        const count = (f?.count ?? 0) + 1;
        s.failures.set(m.id, { count, until: count >= LOCKOUT_AFTER ? now + LOCKOUT_MS : 0 });
        throw new ApiError('forbidden', 'wrong PIN', { params: { reason: pin ? 'pin_wrong' : 'pin_required' } });
      }
      s.failures.delete(m.id);
    }
    const previous = s.memberId;
    s.memberId = m.id;
    s.privateKey = null;
    await openKeyForSession(ctx, m, pin ?? null);
    await rememberSignIn(ctx, previous);
    // Browser mode: an admin's or editor's PIN also opens the sealed channel credentials; waiting jobs go.
    if (await ctx.services.secrets?.signedIn?.(m, pin ?? null)) ctx.services.outbox?.kick();
    return sessionInfo(ctx);
  },

  async 'session.signOut'(_input, ctx) {
    const s = sessionOf(ctx);
    const who = s.memberId;
    s.memberId = null;
    s.privateKey = null;
    s.lastActiveAt = undefined;
    await forgetSignIn(ctx, who);
    return sessionInfo(ctx);
  },

  async 'session.activity'(_input, ctx) {
    // The dispatcher has already applied the idle timeout and marked this call as activity.
    return { signedIn: sessionOf(ctx).memberId !== null };
  },

  async 'session.setPin'({ memberId, pin, currentPin }, ctx) {
    const me = requireMember(ctx);
    const ws = ctx.store.workspace;
    const target = ws.team.find((x) => x.id === memberId);
    if (!target) throw new ApiError('not_found', `member ${memberId} not found`, { params: { id: memberId } });
    // Members set their own PIN (proving the old one); an admin may clear a forgotten one.
    const adminReset = me.role === 'admin' && me.id !== target.id && pin === null;
    if (me.id !== target.id && !adminReset) refuse('not_own_pin', 'only the member (or an admin clearing it) may change a PIN');
    if (!adminReset && target.pinHash && !(currentPin && (await verifyPin(currentPin, target.pinHash)))) {
      throw new ApiError('forbidden', 'current PIN wrong', { params: { reason: 'pin_wrong' } });
    }
    const pinHash = pin ? await hashPin(pin) : null;
    await ctx.store.putWorkspace({
      ...ws,
      team: ws.team.map((x) => (x.id === target.id ? { ...x, pinHash } : x)),
      rev: ws.rev + 1,
      updatedAt: ctx.store.now().toISOString(),
    });
    // The private key follows the PIN. After an admin's reset it cannot be opened: the member gets a new
    // key at next sign-in, and approvals signed with the old one stay verifiable by its public key.
    if (!adminReset) await resealKey(ctx, target, pin, currentPin ?? null);
    await ctx.services.secrets?.pinChanged?.(target, pin);
    return sessionInfo(ctx);
  },

  async 'review.get'({ postId }, ctx) {
    return buildView(ctx, requirePost(ctx, postId));
  },

  async 'review.submit'({ postId }, ctx) {
    const post = requirePost(ctx, postId);
    const { member } = check(ctx, 'submit', post);
    const next = await savePost(ctx, post, { status: 'in_review', ...(post.authorId ? {} : { authorId: member.id }) }, { reason: 'transition' });
    const actor = { id: member.id, name: member.name };
    await saveReview(ctx, post.id, { submittedBy: actor, submittedAt: ctx.store.now().toISOString() });
    await recordAudit(ctx, next, 'submitted');
    return buildView(ctx, next);
  },

  async 'review.approve'({ postId, validHours, note, applySuggestions }, ctx) {
    let post = requirePost(ctx, postId);
    // "Setujui dengan saran ini": the chosen suggestions become part of the approved (and signed) text in
    // one step, so the author accepting the editor's own suggestion never voids the approval afterwards.
    // Everything is checked before anything is written.
    const { member } = check(ctx, 'approve', post, note);
    const chosen = (applySuggestions ?? []).map((id) => requireSuggestion(ctx, id));
    for (const s of chosen) {
      if (s.postId !== post.id) throw new ApiError('invalid_input', 'suggestion of another post', { params: { reason: 'suggestion_other_post' } });
      if (s.status !== 'pending') refuse('suggestion_decided', 'suggestion already decided');
    }
    let preview = post;
    for (const s of chosen) preview = { ...preview, [s.field]: applied(preview, s) };
    for (const s of chosen) post = await decideSuggestion(ctx, member, s, requirePost(ctx, postId), true);
    return buildView(ctx, await decide(ctx, post, 'approved', note ?? '', validHours));
  },

  async 'review.requestChanges'({ postId, note }, ctx) {
    return buildView(ctx, await decide(ctx, requirePost(ctx, postId), 'changes_requested', note, null));
  },

  async 'review.comment'({ postId, parentId, anchor, body }, ctx) {
    const post = requirePost(ctx, postId);
    const member = requireMember(ctx);
    let parent: ReviewComment | null = null;
    if (parentId) {
      parent = requireComment(ctx, parentId);
      if (parent.postId !== postId) throw new ApiError('invalid_input', 'reply to a comment of another post');
    }
    const at = ctx.store.now().toISOString();
    const comment: ReviewComment = {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      rev: 1,
      postId,
      // Threads are one level deep: a reply to a reply joins the root's thread.
      parentId: parent ? (parent.parentId ?? parent.id) : null,
      anchor: parent ? null : (anchor ?? null),
      body,
      author: { id: member.id, name: member.name },
      resolved: false,
      resolvedBy: null,
      resolvedAt: null,
    };
    await ctx.store.collections.reviewComments.put(comment);
    await recordAudit(ctx, post, 'commented', { detail: body.slice(0, 200) });
    return buildView(ctx, post);
  },

  async 'review.resolveComment'({ commentId, resolved }, ctx) {
    const member = requireMember(ctx);
    const c = requireComment(ctx, commentId);
    const root = c.parentId ? requireComment(ctx, c.parentId) : c;
    const at = ctx.store.now().toISOString();
    await ctx.store.collections.reviewComments.put({
      ...root,
      resolved,
      resolvedBy: resolved ? { id: member.id, name: member.name } : null,
      resolvedAt: resolved ? at : null,
      rev: root.rev + 1,
      updatedAt: at,
    });
    return buildView(ctx, requirePost(ctx, root.postId));
  },

  async 'review.suggest'({ postId, field, from, to, note }, ctx) {
    const post = requirePost(ctx, postId);
    const member = requireMember(ctx);
    if (!post[field].includes(from)) {
      throw new ApiError('conflict', 'the passage is no longer in the text', { params: { reason: 'suggestion_stale' } });
    }
    if (from === to) throw new ApiError('invalid_input', 'suggestion changes nothing', { params: { reason: 'suggestion_same' } });
    const at = ctx.store.now().toISOString();
    await ctx.store.collections.reviewSuggestions.put({
      id: newId(),
      createdAt: at,
      updatedAt: at,
      rev: 1,
      postId,
      field,
      from,
      to,
      note: note ?? '',
      author: { id: member.id, name: member.name },
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
    });
    await recordAudit(ctx, post, 'commented', { detail: `saran: "${from.slice(0, 80)}" → "${to.slice(0, 80)}"` });
    return buildView(ctx, post);
  },

  async 'review.decideSuggestion'({ suggestionId, accept }, ctx) {
    const member = requireMember(ctx);
    const s = requireSuggestion(ctx, suggestionId);
    const post = requirePost(ctx, s.postId);
    if (s.status !== 'pending') refuse('suggestion_decided', 'suggestion already decided');
    return buildView(ctx, await decideSuggestion(ctx, member, s, post, accept));
  },

  async 'review.resolveConflict'({ postId, choices }, ctx) {
    requireMember(ctx);
    const post = requirePost(ctx, postId);
    const review = reviewOf(ctx, postId);
    if (!review.conflict) refuse('no_conflict', 'no conflict to resolve');
    const conflict = review.conflict!;
    const patch: Record<string, unknown> = {};
    const lostTheirs: Record<string, unknown> = {};
    const lostMine: Record<string, unknown> = {};
    for (const f of conflict.fields as (keyof typeof conflict.theirs)[]) {
      if (choices[f] === 'theirs') {
        patch[f] = conflict.theirs[f];
        lostMine[f] = post[f];
      } else lostTheirs[f] = conflict.theirs[f];
    }
    // Whichever side loses a field stays in version history, credited to who wrote it.
    if (Object.keys(lostTheirs).length) await recordDiscarded(ctx, post, { ...contentOf(post), ...lostTheirs }, { id: null, name: conflict.fromName });
    if (Object.keys(lostMine).length) await recordDiscarded(ctx, post, { ...contentOf(post), ...lostMine }, currentActor(ctx));
    const next = Object.keys(patch).length ? await savePost(ctx, post, patch, { reason: 'merge' }) : post;
    await saveReview(ctx, post.id, { conflict: null });
    await recordAudit(ctx, next, 'conflict_resolved', {
      detail: conflict.fields.map((f) => `${f}: ${choices[f as keyof typeof choices] ?? 'mine'}`).join(', '),
    });
    return buildView(ctx, next);
  },

  async 'review.inbox'(_input, ctx) {
    const me = currentMember(ctx);
    if (!me) return { items: [] };
    const items: InboxItem[] = [];
    const reviewer = canReview(me.role);
    const writers = writersByPost(ctx);
    const openRoots = new Map<string, ReviewComment[]>();
    for (const c of ctx.store.collections.reviewComments.all()) {
      if (c.parentId || c.resolved || c.author.id === me.id) continue;
      openRoots.set(c.postId, [...(openRoots.get(c.postId) ?? []), c]);
    }
    for (const post of ctx.store.posts.summaries()) {
      if (post.deletedAt) continue;
      const review = ctx.store.collections.reviews.get(post.id) ?? null;
      const authors = authorIdsOf(ctx, post, review, writers);
      const mine = authors.includes(me.id);
      const base = { postId: post.id, title: post.title, status: post.status };
      if (reviewer && !mine && post.status === 'in_review') {
        items.push({ ...base, reason: 'to_review', at: review?.submittedAt ?? post.updatedAt, by: review?.submittedBy?.name ?? '' });
      }
      if (!mine) continue;
      if (review?.conflict) items.push({ ...base, reason: 'conflict', at: review.conflict.at, by: review.conflict.fromName });
      const d = review?.decision;
      if (d && post.status === 'changes_requested' && d.kind === 'changes_requested') {
        items.push({ ...base, reason: 'changes_requested', at: d.at, by: d.by.name });
      }
      if (d && post.status === 'approved' && d.kind === 'approved') items.push({ ...base, reason: 'approved', at: d.at, by: d.by.name });
      const open = (openRoots.get(post.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (open.length && post.status !== 'changes_requested') {
        items.push({ ...base, reason: 'open_comments', at: open[open.length - 1].createdAt, by: open[open.length - 1].author.name, count: open.length });
      }
    }
    items.sort((a, b) => b.at.localeCompare(a.at));
    return { items };
  },

  async 'review.audit'({ postId }, ctx) {
    requirePost(ctx, postId);
    return auditOf(ctx, postId);
  },

  async 'review.auditPage'({ postId, offset = 0, limit = AUDIT_PAGE }, ctx) {
    requirePost(ctx, postId);
    const events = auditOf(ctx, postId);
    // Newest first: the page from the end of the trail backwards (appended events never shift a page already read by more than they add).
    const end = Math.max(0, events.length - offset);
    return { items: events.slice(Math.max(0, end - limit), end).reverse(), total: events.length };
  },

  async 'review.auditCsv'({ postId }, ctx) {
    return auditCsv(ctx, requirePost(ctx, postId));
  },

  async 'review.approvalSheet'({ postId }, ctx) {
    return approvalSheet(ctx, requirePost(ctx, postId));
  },

  async 'review.exportPackage'({ postId }, ctx) {
    return exportPackage(ctx, requirePost(ctx, postId));
  },

  async 'review.trustKey'({ publicKey, name, role }, ctx) {
    const me = requireMember(ctx);
    if (me.role !== 'admin' && me.role !== 'editor') refuse('role_cannot_trust', 'only an editor or admin of this PC may trust a key');
    let keyId: string;
    try {
      keyId = keyIdOf(publicKey);
      if (createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    } catch {
      throw new ApiError('invalid_input', 'not an Ed25519 public key', { params: { reason: 'key_invalid' } });
    }
    const ws = ctx.store.workspace;
    const at = ctx.store.now().toISOString();
    const entry = { keyId, publicKey, name, role, addedAt: at, addedBy: me.name };
    await ctx.store.putWorkspace({
      ...ws,
      trustedKeys: [...ws.trustedKeys.filter((k) => k.keyId !== keyId), entry],
      rev: ws.rev + 1,
      updatedAt: at,
    });
    return { keyId, fingerprint: fingerprintOf(keyId) };
  },

  async 'review.importPackage'({ fileName, dataBase64 }, ctx) {
    return importPackage(ctx, fileName, Buffer.from(dataBase64, 'base64'));
  },
};
