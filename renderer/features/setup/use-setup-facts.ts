import { useCallback, useEffect, useState } from 'react';
import type { SetupFacts } from '@shared/setup/guide';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';

/** What the guide's progress reads beyond the workspace: whether a post and a connection exist. */
export function useSetupFacts(): SetupFacts & { reload(): void } {
  const { workspace } = useApp();
  const [facts, setFacts] = useState<SetupFacts>({ postCount: 0, connectionCount: 0 });
  const reload = useCallback(() => {
    void Promise.all([api.call('posts.list', { limit: 1 }), api.call('publishing.overview', {})]).then(
      ([posts, queue]) => setFacts({ postCount: posts.total, connectionCount: queue.connections.length }),
      // Progress marks are a courtesy: without them the steps still work.
      () => undefined,
    );
  }, []);
  useEffect(reload, [reload, workspace.rev]);
  return { ...facts, reload };
}
