import { useCallback, useEffect, useRef, useState } from 'react';
import { postContentSchema, type Post, type PostContent } from '@shared/domain/post';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { registerFlusher } from '@ui/lib/flush';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

const CONTENT_KEYS = Object.keys(postContentSchema.shape) as (keyof PostContent)[];
const DEBOUNCE_MS = 600;
const RETRY_MS = 3000;

function contentOf(p: Post): PostContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, p[k]])) as PostContent;
}

function changed(a: PostContent, b: PostContent): Partial<PostContent> {
  const out: Partial<PostContent> = {};
  for (const k of CONTENT_KEYS) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) (out as Record<string, unknown>)[k] = a[k];
  }
  return out;
}

/**
 * Edits of one post with debounced autosave. Saves are serialised (one in
 * flight), send only the changed fields with the rev they were based on, and
 * are flushed before the window closes. A save that loses a race with
 * another window becomes a visible conflict, never a silent overwrite.
 */
export function useAutosave(id: string) {
  const [post, setPost] = useState<Post | null>(null);
  const [draft, setDraft] = useState<PostContent | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [loadError, setLoadError] = useState<unknown>(null);
  const latest = useRef<PostContent | null>(null);
  const saved = useRef<PostContent | null>(null);
  const rev = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const conflict = useRef(false);

  const adopt = useCallback((p: Post) => {
    const c = contentOf(p);
    rev.current = p.rev;
    saved.current = c;
    latest.current = c;
    setPost(p);
    setDraft(c);
  }, []);

  useEffect(() => {
    let live = true;
    api.call('posts.get', { id }).then((p) => live && adopt(p), (e) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [id, adopt]);

  const save = useCallback(
    async (closing = false): Promise<void> => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      while (inFlight.current) await inFlight.current;
      if (!latest.current || !saved.current || conflict.current) return;
      const patch = changed(latest.current, saved.current);
      if (Object.keys(patch).length === 0) {
        setState('saved');
        return;
      }
      setState('saving');
      const run = (async () => {
        try {
          const p = await api.call('posts.update', { id, baseRev: rev.current, patch }, { keepalive: closing });
          rev.current = p.rev;
          saved.current = { ...saved.current!, ...patch };
          setPost(p);
          const more = Object.keys(changed(latest.current!, saved.current)).length > 0;
          setState(more ? 'dirty' : 'saved');
          if (more && !closing) timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'conflict') {
            conflict.current = true;
            setState('conflict');
          } else {
            setState('error');
            if (!closing) timer.current = setTimeout(() => void save(), RETRY_MS);
          }
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
    },
    [id],
  );

  const update = useCallback(
    (patch: Partial<PostContent>) => {
      if (!latest.current) return;
      latest.current = { ...latest.current, ...patch };
      setDraft(latest.current);
      if (!conflict.current) setState('dirty');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save],
  );

  useEffect(() => registerFlusher((closing) => save(closing)), [save]);
  // Leaving the editor (navigation) saves too.
  useEffect(() => () => void save(), [save]);

  const resolveConflict = useCallback(
    async (keep: 'mine' | 'theirs') => {
      const fresh = await api.call('posts.get', { id });
      conflict.current = false;
      if (keep === 'theirs') {
        adopt(fresh);
        setState('saved');
        return;
      }
      rev.current = fresh.rev;
      saved.current = contentOf(fresh);
      setPost(fresh);
      await save();
    },
    [id, adopt, save],
  );

  /** Adopt a post the server changed (version restore): new base rev, draft replaced. */
  const replace = useCallback((p: Post) => {
    adopt(p);
    setState('saved');
  }, [adopt]);

  return { post, draft, state, loadError, update, save, resolveConflict, setPost, replace };
}
