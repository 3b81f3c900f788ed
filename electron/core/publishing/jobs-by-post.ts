import type { Job } from '@shared/publishing/job';
import type { Store } from '@core/store/store';

/**
 * The outbox jobs of each post, kept in step with the store's change events
 * (issue 22): the Antrean answers, the variant editor, scheduling and the
 * exports ask for one post's jobs without scanning every job. Built on first
 * use, and again after a restore reloads the store (its `loadCount` moves).
 */
export class JobsByPost {
  private byPost = new Map<string, Set<string>>();
  private postOf = new Map<string, string>();
  private load = -1;

  constructor(private readonly store: Store) {
    store.changes.subscribe((e) => {
      if (e.collection !== 'jobs' || this.load !== store.loadCount) return;
      if (e.kind === 'delete') this.forget(e.id);
      else {
        const job = store.collections.jobs.get(e.id);
        if (job) this.note(job);
        else this.forget(e.id);
      }
    });
  }

  private note(job: Job): void {
    const before = this.postOf.get(job.id);
    if (before === job.postId) return;
    if (before !== undefined) this.forget(job.id);
    this.postOf.set(job.id, job.postId);
    let ids = this.byPost.get(job.postId);
    if (!ids) this.byPost.set(job.postId, (ids = new Set()));
    ids.add(job.id);
  }

  private forget(jobId: string): void {
    const postId = this.postOf.get(jobId);
    if (postId === undefined) return;
    this.postOf.delete(jobId);
    const ids = this.byPost.get(postId);
    ids?.delete(jobId);
    if (ids && ids.size === 0) this.byPost.delete(postId);
  }

  private ensure(): void {
    if (this.load === this.store.loadCount) return;
    this.byPost.clear();
    this.postOf.clear();
    for (const job of this.store.collections.jobs.all()) this.note(job);
    this.load = this.store.loadCount;
  }

  /** The jobs of one post (any state), in no particular order. */
  of(postId: string): Job[] {
    this.ensure();
    const ids = this.byPost.get(postId);
    if (!ids) return [];
    const jobs = this.store.collections.jobs;
    const out: Job[] = [];
    for (const id of ids) {
      const j = jobs.get(id);
      if (j) out.push(j);
    }
    return out;
  }

  /** How many jobs of a post are not cancelled. */
  countLive(postId: string): number {
    let n = 0;
    for (const j of this.of(postId)) if (j.state !== 'cancelled') n++;
    return n;
  }
}

const instances = new WeakMap<Store, JobsByPost>();

export function jobsByPost(store: Store): JobsByPost {
  let index = instances.get(store);
  if (!index) instances.set(store, (index = new JobsByPost(store)));
  return index;
}
