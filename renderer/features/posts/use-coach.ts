import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { PostContent } from '@shared/domain/post';
import { zonedDate } from '@shared/domain/time-zone';
import type { Workspace } from '@shared/domain/workspace';
import { runCoach, spellWords, type CoachResult } from '@shared/posts/coach';
import { api } from '@ui/api/client';

const SPELL_DEBOUNCE_MS = 500;

/**
 * Spelling through the main process (Hunspell via posts.spellcheck): only
 * words not seen before are sent, after a pause in typing; answers are
 * cached for the session. Returns the misspelled words with suggestions.
 */
export function useSpelling(draft: PostContent | null, dictionary: readonly string[]) {
  const cache = useRef(new Map<string, string[] | null>());
  const nameSet = useRef(new Set<string>());
  const [version, setVersion] = useState(0);
  const pending = useRef(false);

  useEffect(() => {
    if (!draft) return;
    const h = setTimeout(async () => {
      if (pending.current) return;
      const unknown = spellWords(draft).filter((w) => !cache.current.has(w));
      if (!unknown.length) return;
      pending.current = true;
      try {
        const res = await api.call('posts.spellcheck', { words: unknown.slice(0, 5000) });
        const bad = new Map(res.misspelled.map((m) => [m.word, m.suggestions]));
        for (const n of res.names) nameSet.current.add(n);
        for (const w of unknown.slice(0, 5000)) cache.current.set(w, bad.get(w) ?? null);
        setVersion((v) => v + 1);
      } catch {
        // Offline main process or a failed load: the other rules still work.
      } finally {
        pending.current = false;
      }
    }, SPELL_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [draft, version]);

  const own = useMemo(() => new Set(dictionary.map((w) => w.toLowerCase())), [dictionary]);
  const misspelled = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const [w, s] of cache.current) if (s && !own.has(w.toLowerCase())) m.set(w, s);
    return m;
  }, [version, own]);

  // Names of this post the dictionary does not know yet ("Tambahkan semua nama di tulisan ini").
  // Recomputed when a spelling answer arrives (after a pause in typing), not on every keystroke.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const names = useMemo(() => {
    const words = draftRef.current ? new Set(spellWords(draftRef.current)) : new Set<string>();
    return [...nameSet.current].filter((n) => words.has(n) && !own.has(n.toLowerCase())).sort((a, b) => a.localeCompare(b, 'id'));
  }, [version, own]);

  const forget = useCallback((word: string) => {
    cache.current.delete(word);
    nameSet.current.delete(word);
    setVersion((v) => v + 1);
  }, []);

  return { misspelled, names, forget };
}

/**
 * The coach over the draft. Runs on a deferred copy of the draft so typing
 * is never blocked by checking; paragraph results are cached inside runCoach.
 */
export function useCoach(draft: PostContent | null, workspace: Workspace, misspelled: ReadonlyMap<string, readonly string[]>): CoachResult {
  const deferred = useDeferredValue(draft);
  const today = zonedDate(new Date(), workspace.opd.timeZone);
  return useMemo(() => {
    if (!deferred) return { findings: [], dismissed: [] };
    return runCoach(deferred, { settings: workspace.news, template: deferred.template, today }, { misspelled });
  }, [deferred, workspace.news, today, misspelled]);
}
