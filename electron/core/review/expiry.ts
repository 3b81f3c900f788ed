import { isApprovalExpired } from '../../../shared/review/rules';
import type { HandlerContext } from '../api/context';
import type { Service } from '../services';
import { recordAudit } from './audit';
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

export class ApprovalExpiryService implements Service {
  readonly name = 'review-expiry';
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly ctx: HandlerContext) {}

  start(): void {
    const tick = () => {
      if (this.running) return;
      this.running = expireApprovals(this.ctx)
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
