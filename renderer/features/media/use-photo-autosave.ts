import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@shared/api/errors';
import type { CropChoice, FocalPoint, Photo, PhotoEdit } from '@shared/media/photo';
import { normalizeTags } from '@shared/media/rules';
import { api } from '@ui/api/client';
import { registerFlusher } from '@ui/lib/flush';

export type PhotoSaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

/** What the person edits on a photo (tags as typed, comma separated). */
export interface PhotoDraft {
  caption: string;
  credit: string;
  altText: string;
  tags: string;
  postIds: string[];
  /** The focal point set by hand; null = the automatic one. */
  focal: FocalPoint | null;
  /** Hand-made crops by format. */
  crops: Record<string, CropChoice>;
}

const DEBOUNCE_MS = 600;
const RETRY_MS = 3000;

export const draftOf = (p: Photo): PhotoDraft => ({ caption: p.caption, credit: p.credit, altText: p.altText, tags: p.tags.join(', '), postIds: p.postIds, focal: p.focal, crops: p.crops });

const KEYS = ['caption', 'credit', 'altText', 'tags', 'postIds', 'focal', 'crops'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` that differ from `base`, as an API patch. */
function patchOf(next: PhotoDraft, base: PhotoDraft): PhotoEdit {
  const out: PhotoEdit = {};
  for (const k of KEYS) {
    if (same(next[k], base[k])) continue;
    if (k === 'tags') out.tags = normalizeTags(next.tags.split(','));
    else (out as Record<string, unknown>)[k] = next[k];
  }
  return out;
}

/** Whether the server's photo already holds every field of `patch` (our own save went through). */
function holds(p: Photo, patch: PhotoEdit): boolean {
  return Object.entries(patch).every(([k, v]) => same(p[k as keyof Photo], v));
}

/**
 * Saves that outlive the view of a photo: leaving a photo saves it, and the
 * next view of that photo starts from that save, never from the older copy in
 * the list (which would look empty and then conflict with its own save).
 */
const pending = new Map<string, Promise<Photo | null>>();

/**
 * The texts and focal point of one photo with debounced autosave, like posts:
 * saves are serialised, send only what changed with the rev of the last save,
 * run when the view is left or the window closes, and report each saved copy
 * through onSaved so the library shows it.
 */
export function usePhotoAutosave(photo: Photo, onSaved: (p: Photo) => void) {
  const [draft, setDraft] = useState<PhotoDraft>(() => draftOf(photo));
  const [state, setState] = useState<PhotoSaveState>(() => (pending.has(photo.id) ? 'saving' : 'saved'));
  const base = useRef<Photo>(photo);
  const saved = useRef<PhotoDraft>(draftOf(photo));
  const latest = useRef<PhotoDraft>(draftOf(photo));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const live = useRef(true);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const set = (s: PhotoSaveState) => {
    if (live.current) setState(s);
  };

  /** Takes a newer copy of the photo as the base; fields not being edited follow it. */
  const adopt = useCallback((p: Photo) => {
    if (p.id !== base.current.id || p.rev < base.current.rev) return;
    const theirs = draftOf(p);
    const mine = latest.current;
    const next = { ...theirs };
    for (const k of KEYS) if (!same(mine[k], saved.current[k])) (next as Record<string, unknown>)[k] = mine[k];
    base.current = p;
    saved.current = theirs;
    latest.current = next;
    if (live.current) setDraft(next);
  }, []);

  // A save made when this photo was last left: start from its result.
  useEffect(() => {
    live.current = true;
    const running = pending.get(photo.id);
    if (running) {
      chain.current = running.then((p) => {
        if (p) adopt(p);
        set(Object.keys(patchOf(latest.current, saved.current)).length ? 'dirty' : 'saved');
      });
    }
    return () => {
      live.current = false;
    };
  }, []);

  // The list may bring a newer copy (saved elsewhere in this window).
  useEffect(() => {
    if (photo.rev > base.current.rev) adopt(photo);
  }, [photo, adopt]);

  const save = useCallback(
    (closing = false): Promise<void> => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      const run = chain.current.then(async () => {
        const patch = patchOf(latest.current, saved.current);
        if (Object.keys(patch).length === 0) {
          set('saved');
          return;
        }
        const sent = latest.current;
        const id = base.current.id;
        set('saving');
        const request = (async (): Promise<Photo | null> => {
          try {
            return await api.call('media.update', { id, baseRev: base.current.rev, patch }, { keepalive: closing });
          } catch (e) {
            if (!(e instanceof ApiError && e.code === 'conflict')) throw e;
            const fresh = await api.call('media.get', { id });
            // The stored copy already has these values (an earlier save of ours landed): not a conflict.
            if (holds(fresh, patch)) return fresh;
            throw e;
          }
        })();
        pending.set(id, request.catch(() => null));
        try {
          const p = await request;
          if (p) {
            base.current = p;
            saved.current = { ...sent };
            onSavedRef.current(p);
          }
          const more = Object.keys(patchOf(latest.current, saved.current)).length > 0;
          set(more ? 'dirty' : 'saved');
          if (more && !closing && live.current) timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'conflict') {
            // Changed in another window: take the stored copy, say so.
            const fresh = await api.call('media.get', { id }).catch(() => null);
            if (fresh) {
              base.current = fresh;
              saved.current = draftOf(fresh);
              latest.current = draftOf(fresh);
              if (live.current) setDraft(latest.current);
              onSavedRef.current(fresh);
            }
            set('conflict');
          } else {
            set('error');
            if (!closing && live.current) timer.current = setTimeout(() => void save(), RETRY_MS);
          }
        } finally {
          const mine = pending.get(id);
          void mine?.then(() => {
            if (pending.get(id) === mine) pending.delete(id);
          });
        }
      });
      chain.current = run.catch(() => undefined);
      return run;
    },
    [],
  );

  const update = useCallback(
    (patch: Partial<PhotoDraft>, delay = DEBOUNCE_MS) => {
      latest.current = { ...latest.current, ...patch };
      setDraft(latest.current);
      setState('dirty');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delay);
    },
    [save],
  );

  useEffect(() => registerFlusher((closing) => save(closing)), [save]);
  // Leaving the photo saves what was typed.
  useEffect(() => () => void save(), [save]);

  return { draft, state, update, save };
}
