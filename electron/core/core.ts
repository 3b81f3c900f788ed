import { createDispatcher, type Dispatch } from './api/dispatch';
import type { HandlerContext, Services } from './deps';
import { openDataFolder } from './data-folder';
import { SERVICE_FACTORIES, type Service } from './services';
import type { Store, StoreOptions } from './store/store';
import { MemorySecretStore, type SecretStore } from './publishing/secrets';
import { startClockOffset } from './activity/clock';

export interface CoreOptions {
  dataDir: string;
  owner: 'electron' | 'http-host' | 'test';
  version: string;
  transport: 'ipc' | 'http';
  storeOptions?: StoreOptions;
  log?: (...args: unknown[]) => void;
  /** Where channel credentials go: Electron passes an encrypted (safeStorage) store; default memory only, for the session. */
  secrets?: (dataDir: string) => SecretStore;
  /** Desktop notifications (Electron); absent in the browser host. */
  notify?: (n: { title: string; body: string }) => boolean;
  /** Services supplied by the host before the factories run (tests: a hub link over in-process databases). */
  services?: Partial<Services>;
  /** The system's folder dialog (Electron); absent in the browser host. */
  pickFolder?: (opts: { defaultPath?: string }) => Promise<string | null>;
}

export interface Core {
  store: Store;
  ctx: HandlerContext;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/** Everything both hosts share: the locked data folder, the store, the services and the dispatcher. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const folder = await openDataFolder(opts.dataDir, opts.owner, { log: opts.log, ...opts.storeOptions });
  folder.store.setClockOffset(startClockOffset());
  const ctx: HandlerContext = {
    store: folder.store,
    dataDir: folder.store.dataDir,
    version: opts.version,
    transport: opts.transport,
    services: { secrets: opts.secrets ? opts.secrets(folder.store.dataDir) : new MemorySecretStore(), notify: opts.notify, pickFolder: opts.pickFolder, ...opts.services },
    log: opts.log ?? ((...a) => console.error(...a)),
  };
  const started: Service[] = [];
  try {
    for (const make of SERVICE_FACTORIES) {
      const s = make(ctx);
      await s.start();
      started.push(s);
    }
  } catch (err) {
    for (const s of started.reverse()) await s.stop();
    await folder.close();
    throw err;
  }
  const dispatch = createDispatcher(ctx);
  return {
    store: folder.store,
    ctx,
    dispatch,
    async close() {
      for (const s of [...started].reverse()) {
        try {
          await s.stop();
        } catch (err) {
          ctx.log(`stopping ${s.name} failed:`, err);
        }
      }
      await folder.close();
    },
  };
}
