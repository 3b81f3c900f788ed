import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { registerFlusher } from './flush';
import { Autosaver, type AutosaveSnapshot, type AutosaveSpec } from './autosave';

export type { SaveStatus } from './autosave';

const NO_SNAPSHOT = () => null;
const NO_SUBSCRIBE = () => () => undefined;

/**
 * Autosave of one record (posts, cards, photos): `doc` is the stored copy
 * (null while loading; a newer copy passed later is adopted), `spec` says how
 * to send and fetch. Leaving the view or closing the window saves at once.
 * See `autosave.ts` for the rules.
 */
export function useAutosave<Doc, Draft extends object, Patch extends object = Partial<Draft>>(doc: Doc | null, spec: AutosaveSpec<Doc, Draft, Patch>) {
  const ready = doc !== null;
  // One engine per record; its callbacks always see the latest closures.
  const engine = useMemo(() => (ready ? new Autosaver<Doc, Draft, Patch>(doc as Doc, spec) : null), [spec.key, ready]);
  if (engine) engine.spec = spec;

  const snap: AutosaveSnapshot<Doc, Draft> | null = useSyncExternalStore(engine?.subscribe ?? NO_SUBSCRIBE, engine?.getSnapshot ?? NO_SNAPSHOT);

  useEffect(() => {
    if (engine && doc) engine.adopt(doc);
  }, [engine, doc]);

  useEffect(() => {
    if (!engine) return;
    engine.start();
    const unregister = registerFlusher((closing) => engine.save(closing));
    return () => {
      unregister();
      void engine.save();
      engine.stop();
    };
  }, [engine]);

  type Change = Partial<Draft> | ((d: Draft) => Partial<Draft>);
  const edit = useCallback((change: Change, delay?: number) => engine?.edit(change, delay), [engine]);
  const save = useCallback(() => engine?.save() ?? Promise.resolve(), [engine]);
  /** Saves now; true when everything typed is stored. */
  const flush = useCallback(async () => {
    if (!engine) return false;
    await engine.save();
    return engine.snapshot.status === 'saved';
  }, [engine]);
  const resolve = useCallback((keep: 'mine' | 'theirs') => engine?.resolve(keep) ?? Promise.resolve(), [engine]);
  const adopt = useCallback((d: Doc) => engine?.adopt(d), [engine]);
  const replace = useCallback((d: Doc) => engine?.replace(d), [engine]);

  return {
    doc: snap?.doc ?? null,
    draft: snap?.draft ?? null,
    status: snap?.status ?? 'saved',
    savedAt: snap?.savedAt ?? null,
    error: snap?.error ?? null,
    edit,
    save,
    flush,
    resolve,
    adopt,
    replace,
  };
}
