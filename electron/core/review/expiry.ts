import { isApprovalExpired } from '../../../shared/review/rules';
import type { HandlerContext } from '../api/context';
import type { Service } from '../services';
import { allAuditEvents, recordAudit } from './audit';
import { savePostChange } from './state';

/** Approved posts whose approval lapsed before they went out go back to review. Returns how many. */
export async function expireApprovals(ctx: HandlerContext): Promise<number> {
  const now = ctx.store.now();
  let n = 0;
  for (const post of ctx.store.posts.all()) {
    if (post.deletedAt || (post.status !== 'approved' && post.status !== 'scheduled')) continue;
    const approval = ctx.store.collections.reviews.get(post.id)?.approval;
    if (!isApprovalExpired(approval, now)) continue;
    const next = await savePostChange(ctx, post, { status: 'in_review' });
    await recordAudit(ctx, next, 'expired', { actor: { id: null, name: 'Redaksi' }, detail: `berlaku sampai ${approval!.expiresAt}` });
    n++;
  }
  return n;
}

const PUB_MARK = /\(publikasi ([A-Za-z0-9_-]+)\)$/;

/**
 * The outbox writes a publication for everything that went out; each one
 * becomes a 'published' event in the post's trail (once), attributed to
 * whoever pressed publish. Returns how many were added.
 */
export async function auditPublications(ctx: HandlerContext): Promise<number> {
  const seen = new Set<string>();
  for (const e of allAuditEvents(ctx)) {
    const m = e.action === 'published' ? PUB_MARK.exec(e.detail) : null;
    if (m) seen.add(m[1]);
  }
  let n = 0;
  for (const pub of ctx.store.collections.publications.all()) {
    if (!pub.postId || seen.has(pub.id)) continue;
    const post = ctx.store.posts.get(pub.postId);
    if (!post) continue;
    const member = pub.actorId ? ctx.store.workspace.team.find((m) => m.id === pub.actorId) : undefined;
    await recordAudit(ctx, post, 'published', {
      actor: { id: pub.actorId, name: member?.name ?? (pub.source === 'outbox' ? 'Redaksi' : '') },
      at: pub.publishedAt,
      detail: `${pub.channel}${pub.url ? ` ${pub.url}` : ''} (publikasi ${pub.id})`.slice(-2000),
    });
    n++;
  }
  return n;
}

export class ApprovalExpiryService implements Service {
  readonly name = 'review-expiry';
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly ctx: HandlerContext) {}

  start(): void {
    const tick = () => {
      if (this.running) return;
      this.running = expireApprovals(this.ctx)
        .then(() => auditPublications(this.ctx))
        .catch((err) => this.ctx.log('approval expiry failed', err))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, 60_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
