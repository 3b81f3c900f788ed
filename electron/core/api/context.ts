import type { Store } from '../store/store';

/**
 * Long-running services of the main process (workers, queues). Each feature
 * that needs one adds an optional field here and a factory in services.ts.
 */
export interface Services {
  /** Shows a desktop notification; only the Electron shell provides one. */
  notify?: (n: { title: string; body: string }) => boolean;
  [name: string]: unknown;
}

export interface HandlerContext {
  store: Store;
  /** The data folder (absolute). Media and exports live beside store/. */
  dataDir: string;
  version: string;
  transport: 'ipc' | 'http';
  services: Services;
  /** Where unexpected errors go (never to the client). */
  log: (...args: unknown[]) => void;
}
