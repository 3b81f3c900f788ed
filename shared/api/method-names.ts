/**
 * The contract's method names as a plain list, for the Electron preload,
 * which must stay tiny and cannot carry zod. A unit test keeps it equal to
 * Object.keys(contract).
 */
export const API_METHOD_NAMES = [
  'app.info',
  'app.dismissNotice',
  'settings.get',
  'settings.update',
  'posts.list',
  'posts.get',
  'posts.create',
  'posts.update',
  'posts.trash',
  'posts.restore',
  'posts.purge',
  'backups.list',
  'backups.create',
  'backups.restore',
] as const;

export const IPC_CHANNEL = {
  api: 'redaksi:api',
  flush: 'redaksi:flush',
  flushed: 'redaksi:flushed',
} as const;

/** What the preload exposes on window.redaksi. */
export interface PreloadBridge {
  api: Readonly<Record<(typeof API_METHOD_NAMES)[number], (input: unknown) => Promise<unknown>>>;
  /** Electron asks the page to save pending edits before the window closes. */
  onFlushRequest(cb: () => Promise<void>): void;
}
