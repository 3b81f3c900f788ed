import { useCallback, useEffect, type ReactNode } from 'react';
import { keepPreviousData, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import type { ChangeCollection, ChangesResult } from '@shared/api/contracts/core';
import { api } from '@ui/api/client';

/**
 * The renderer's data layer (issue 11): every screen reads through
 * useApiQuery and writes through useApiMutation; what it shows is refreshed
 * when the main process reports a change to one of the collections the query
 * reads (the app.changes long poll), never by a timer of its own.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Fresh until a change event says otherwise.
      staleTime: Infinity,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** The collections a method's answer is built from, by its namespace, unless the caller names them. */
const READS: Record<string, readonly ChangeCollection[]> = {
  posts: ['posts', 'audit', 'reviews', 'jobs', 'publications'],
  cards: ['cards', 'workspace'],
  media: ['media'],
  queue: ['posts', 'jobs', 'publications', 'connections', 'cards', 'media'],
  connections: ['connections'],
  complaints: ['complaints', 'workspace'],
  review: ['posts', 'reviews', 'reviewComments', 'reviewSuggestions', 'audit', 'keys', 'workspace'],
  activity: ['posts', 'jobs', 'publications', 'complaints', 'workspace'],
  settings: ['workspace'],
  session: ['workspace'],
  backups: [],
  pantauan: ['publications', 'workspace', 'complaints'],
  sync: ['posts', 'workspace'],
  hub: ['workspace'],
};

export function collectionsRead(method: MethodName): readonly ChangeCollection[] {
  return READS[method.slice(0, method.indexOf('.'))] ?? [];
}

export interface ApiQueryOptions {
  /** Collections whose changes refresh this query (default: by the method's namespace). */
  collections?: readonly ChangeCollection[];
  /** For state that lives outside the store (sync engine, OAuth flows): ask again on this interval. */
  refetchMs?: number;
  enabled?: boolean;
  /** Keep showing the last answer while the next input's answer loads (paged lists, search). */
  keepPrevious?: boolean;
  /** What else the answer depends on besides the input (who is signed in): part of the cache key. */
  scope?: unknown;
}

export function apiQueryKey<M extends MethodName>(method: M, input: InputOf<M>, scope?: unknown): readonly unknown[] {
  return scope === undefined ? [method, input ?? {}] : [method, input ?? {}, scope];
}

export function useApiQuery<M extends MethodName>(method: M, input: InputOf<M>, opts: ApiQueryOptions = {}) {
  return useQuery<ResultOf<M>, Error>({
    queryKey: apiQueryKey(method, input, opts.scope),
    queryFn: () => api.call(method, input),
    meta: { collections: opts.collections ?? collectionsRead(method) },
    refetchInterval: opts.refetchMs,
    enabled: opts.enabled,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
  });
}

/** Puts a write's answer in a query's cache at once (the change feed refreshes it later as usual). */
export function useSetApiQueryData<M extends MethodName>(method: M, input: InputOf<M>, scope?: unknown) {
  const client = useQueryClient();
  const key = JSON.stringify(apiQueryKey(method, input, scope));
  return useCallback(
    async (value: ResultOf<M>) => {
      const queryKey = JSON.parse(key) as unknown[];
      // A reload still in flight would bring back the state from before this write.
      await client.cancelQueries({ queryKey });
      client.setQueryData(queryKey, value);
    },
    [client, key],
  );
}

/** A write. The change it makes refreshes the queries that read it; `refresh` names more to reload at once. */
export function useApiMutation<M extends MethodName>(method: M, opts: { refresh?: readonly MethodName[] } = {}) {
  const client = useQueryClient();
  return useMutation<ResultOf<M>, Error, InputOf<M>>({
    mutationFn: (input) => api.call(method, input),
    onSuccess: async () => {
      for (const m of opts.refresh ?? []) await client.invalidateQueries({ queryKey: [m] });
    },
  });
}

type ChangeListener = (collections: ReadonlySet<ChangeCollection> | 'all') => void;
const listeners = new Set<ChangeListener>();

/** For code that is not a query (an open editor, a reminder): told which collections changed. */
export function useStoreChanges(collections: readonly ChangeCollection[], onChange: () => void): void {
  const key = collections.join(',');
  useEffect(() => {
    const wanted = key.split(',') as ChangeCollection[];
    const l: ChangeListener = (changed) => {
      if (changed === 'all' || wanted.some((c) => changed.has(c))) onChange();
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [key, onChange]);
}

function applyChanges(client: QueryClient, r: ChangesResult): void {
  const changed: ReadonlySet<ChangeCollection> | 'all' = r.reset ? 'all' : new Set(r.changes.map((c) => c.collection));
  if (changed !== 'all' && changed.size === 0) return;
  void client.invalidateQueries({
    predicate: (q) => {
      if (changed === 'all') return true;
      const reads = (q.meta?.collections ?? []) as readonly ChangeCollection[];
      return reads.some((c) => changed.has(c));
    },
  });
  for (const l of [...listeners]) l(changed);
}

/** Follows the main process's change feed while the app is open; backs off while the host is away. */
function followChanges(client: QueryClient): () => void {
  let stopped = false;
  let epoch: string | undefined;
  let since = 0;
  void (async () => {
    let pause = 0;
    while (!stopped) {
      try {
        const r = await api.call('app.changes', { epoch, since, waitMs: 20_000 });
        // A new epoch (the host started again) means anything shown may be old.
        if (epoch !== undefined && r.epoch !== epoch) applyChanges(client, { ...r, reset: true });
        else if (epoch !== undefined) applyChanges(client, r);
        epoch = r.epoch;
        since = r.seq;
        pause = 0;
      } catch {
        pause = Math.min(30_000, pause ? pause * 2 : 1000);
        await new Promise((res) => setTimeout(res, pause));
      }
    }
  })();
  return () => {
    stopped = true;
  };
}

export function DataProvider({ children }: { children: ReactNode }) {
  useEffect(() => followChanges(queryClient), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
