import type { Store } from './store/store';

export interface BackupScheduler {
  stop(): Promise<void>;
}

/**
 * Snapshots the store a little after start (when the newest backup is over
 * an hour old) and then every `everyMs` while something changed. Runs off the
 * start-up path so opening the app is never slowed by a backup.
 */
export function startBackupScheduler(store: Store, everyMs = 10 * 60_000, log = console.error): BackupScheduler {
  let running: Promise<unknown> = Promise.resolve();
  const run = (reason: 'startup' | 'scheduled') => {
    running = running
      .then(async () => {
        if (reason === 'startup') {
          const [newest] = await store.backups.list();
          if (newest && store.now().getTime() - Date.parse(newest.createdAt) < 3_600_000) return;
          if (store.postCount === 0 && store.workspace.rev === 0) return;
        } else if (!store.dirty) return;
        store.dirty = false;
        await store.backups.create(reason);
      })
      .catch((err) => log('backup failed:', err));
  };
  const first = setTimeout(() => run('startup'), 5_000);
  const timer = setInterval(() => run('scheduled'), everyMs);
  first.unref?.();
  timer.unref?.();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      run('scheduled');
      await running;
    },
  };
}
