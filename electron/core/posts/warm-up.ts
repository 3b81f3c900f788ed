import { contract } from '@shared/api/contract';
import type { Store } from '@core/store/store';
import { contentOf, postVersions } from './versions';

/**
 * Pays the first save's one-off costs while the app opens, not when the
 * person types: zod compiles a fast path for each schema the first time it
 * parses with it. Profiled at 10k posts, reading the first post (its schema
 * and list entry), parsing the first `posts.update` input and reading the
 * first audit trail were about 7 ms of a 22 ms first save; done here they
 * add 2–4 ms to an open of 120 ms (measured: first save 18.7–19.7 → 15.2–17.3
 * ms, CPU 22–25 → 16.5–18.4 ms; open unchanged within its spread). One stored
 * post, its audit trail and, once the version index is ready, its versions
 * are read; nothing is written.
 */
export function warmUpWritePath(store: Store): void {
  try {
    const id = store.posts.firstId();
    const post = id === undefined ? undefined : store.posts.get(id);
    if (!post) return;
    contract['posts.update'].input.safeParse({ id: post.id, baseRev: post.rev, patch: contentOf(post) });
    store.collections.audit.get(post.id);
    const versions = postVersions(store);
    void versions
      .ready()
      .then(() => versions.ofPost(post.id))
      .catch(() => undefined);
  } catch (err) {
    // Only a warm-up: the save that needs a damaged file reports it itself.
    console.error('warm-up:', err);
  }
}
