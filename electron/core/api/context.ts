import type { Store } from '../store/store';

export interface HandlerContext {
  store: Store;
  version: string;
  transport: 'ipc' | 'http';
}
