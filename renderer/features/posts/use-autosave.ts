import { useEffect, useMemo, useState } from 'react';
import { postContentSchema, type Post, type PostContent } from '@shared/domain/post';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { useAutosave as useRecordAutosave } from '@ui/lib/use-autosave';
import type { AutosaveSpec } from '@ui/lib/autosave';

const CONTENT_KEYS = Object.keys(postContentSchema.shape) as (keyof PostContent)[];

function contentOf(p: Post): PostContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, p[k]])) as PostContent;
}

const isConflict = (e: unknown) => e instanceof ApiError && e.code === 'conflict';

/** One post in the editor, with the shared autosave (`@ui/lib/autosave`). */
export function useAutosave(id: string) {
  const [loaded, setLoaded] = useState<Post | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    api.call('posts.get', { id }).then((p) => live && setLoaded(p), (e) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [id]);

  const spec = useMemo<AutosaveSpec<Post, PostContent, Partial<PostContent>>>(
    () => ({
      key: `posts:${id}`,
      rev: (p) => p.rev,
      draftOf: contentOf,
      send: (patch, baseRev) => api.call('posts.update', { id, baseRev, patch }, { keepalive: true }),
      fetch: () => api.call('posts.get', { id }),
      isConflict,
    }),
    [id],
  );
  // The copy of this id only (the previous post stays in state for one render after a switch).
  const a = useRecordAutosave(loaded?.id === id ? loaded : null, spec);
  return { post: a.doc, draft: a.draft, state: a.status, savedAt: a.savedAt, loadError, update: a.edit, save: a.save, resolveConflict: a.resolve, setPost: a.adopt, replace: a.replace };
}
