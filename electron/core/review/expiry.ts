import { isApprovalExpired } from '@shared/review/rules';
import type { Publication } from '@shared/publishing/publication';
import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { SYSTEM_ACTOR, asActor } from '@core/store/events';
import { auditOf, recordAudit } from './audit';
import { savePost } from '@core/posts/post-writes';

/** Approved posts whose approval lapsed before they went out go back to review. Returns how many. */
export async function expireApprovals(ctx: HandlerContext): Promise<number> {
  const now = ctx.store.now();
  let n = 0;
  // From the list fields: only the posts whose approval lapsed are read.
  for (const entry of ctx.store.posts.summaries()) {
    if (entry.deletedAt || (entry.status !== 'approved' && entry.status !== 'scheduled')) continue;
    const approval = ctx.store.collections.reviews.get(entry.id)?.approval;
    if (!isApprovalExpired(approval, now)) continue;
    const post = ctx.store.posts.get(entry.id);
    if (!post) continue;
    const next = await savePost(ctx, post, { status: 'in_review' }, { reason: 'transition' });
    await recordAudit(ctx, next, 'expired', { actor: SYSTEM_ACTOR, detail: `berlaku sampai ${approval!.expiresAt}` });
    n++;
  }
  return n;
}

/** The next instant an approval of a post that has not gone out lapses (ms since epoch), or null. */
export function nextApprovalExpiry(ctx: HandlerContext): number | null {
  let next: number | null = null;
  for (const post of ctx.store.posts.summaries()) {
    if (post.deletedAt || (post.status !== 'approved' && post.status !== 'scheduled')) continue;
    const at = ctx.store.collections.reviews.get(post.id)?.approval?.expiresAt;
    if (!at) continue;
    const t = Date.parse(at);
    if (next === null || t < next) next = t;
  }
  return next;
}

/** Older trails marked the publication in the event text only. */
const LEGACY_PUB_MARK = /\(publikasi ([A-Za-z0-9_-]+)\)$/;

function alreadyAudited(ctx: HandlerContext, pub: Publication): boolean {
  return auditOf(ctx, pub.postId!).some(
    (e) => e.action === 'published' && (e.publicationId === pub.id || LEGACY_PUB_MARK.exec(e.detail)?.[1] === pub.id),
  );
}

/** One publication becomes a 'published' event in its post's trail, once, attributed to whoever pressed publish. */
export async function auditPublication(ctx: HandlerContext, pub: Publication): Promise<boolean> {
  if (!pub.postId) return false;
  const post = ctx.store.posts.get(pub.postId);
  if (!post || alreadyAudited(ctx, pub)) return false;
  const member = pub.actorId ? ctx.store.workspace.team.find((m) => m.id === pub.actorId) : undefined;
  await recordAudit(ctx, post, 'published', {
    actor: { id: pub.actorId, name: member?.name ?? (pub.source === 'outbox' ? 'Redaksi' : '') },
    at: pub.publishedAt,
    publicationId: pub.id,
    detail: `${pub.channel}${pub.url ? ` ${pub.url}` : ''} (publikasi ${pub.id})`.slice(-2000),
  });
  return true;
}

/** Catch-up over every publication (at start: events are derived, a crash may have lost one). Returns how many were added. */
export async function auditPublications(ctx: HandlerContext): Promise<number> {
  let n = 0;
  for (const pub of ctx.store.collections.publications.all()) if (await auditPublication(ctx, pub)) n++;
  return n;
}

/** Longest wait between two checks, so a PC that slept or a changed system clock is noticed. */
const MAX_WAIT_MS = 60 * 60_000;

/**
 * Reacts to the store's change events instead of re-scanning on a timer:
 * a new publication is put into its post's trail at once; approvals lapse
 * at their own expiry instant, re-planned whenever a post or review changes.
 * At start both catch up from the files.
 */
export class ApprovalExpiryService implements Service {
  readonly name = 'review-expiry';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private unsubscribeClock: (() => void) | null = null;
  private stopped = false;
  private replanQueued = false;

  constructor(private readonly ctx: HandlerContext) {}

  /** Runs background work one step at a time, as Redaksi, never throwing into the caller. */
  private enqueue(work: () => Promise<unknown>): void {
    this.chain = this.chain
      .then(() => (this.stopped ? undefined : asActor(SYSTEM_ACTOR, work)))
      .catch((err) => this.ctx.log('review background work failed', err));
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.ctx.store.changes.subscribe((e) => {
      if (e.collection === 'publications' && e.kind === 'put') {
        this.enqueue(async () => {
          const pub = this.ctx.store.collections.publications.get(e.id);
          if (pub) await auditPublication(this.ctx, pub);
        });
      } else if ((e.collection === 'posts' || e.collection === 'reviews') && !this.replanQueued) {
        this.replanQueued = true;
        this.enqueue(async () => {
          this.replanQueued = false;
          this.plan();
        });
      }
    });
    this.unsubscribeClock = this.ctx.store.onClockChange(() =>
      this.enqueue(async () => {
        await expireApprovals(this.ctx);
        this.plan();
      }),
    );
    this.enqueue(async () => {
      await expireApprovals(this.ctx);
      await auditPublications(this.ctx);
      this.plan();
    });
  }

  private plan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const next = nextApprovalExpiry(this.ctx);
    const wait = next === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, next - this.ctx.store.now().getTime()) + 50);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.enqueue(async () => {
        await expireApprovals(this.ctx);
        this.plan();
      });
    }, wait);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribeClock?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}
