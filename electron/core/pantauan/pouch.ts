import type { PouchDatabase } from '@core/sync/pouch-types';

/**
 * The part of PouchDB the rollup uses, typed here (the DefinitelyTyped
 * package breaks the project's typecheck; see sync/pouch-types.ts).
 */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [key: string]: unknown;
}

export interface AllDocsRow {
  id: string;
  key: string;
  value: { rev: string; deleted?: boolean };
  doc?: PouchDoc | null;
}

export interface Replication {
  on(event: 'change' | 'paused' | 'active' | 'denied' | 'error' | 'complete', listener: (info: unknown) => void): Replication;
  cancel(): void;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  filter?: (doc: PouchDoc) => boolean;
  back_off_function?: (delay: number) => number;
}

/** The rollup's use of a PouchDB database: the engine's seam plus replication (RollupPouch handles are real PouchDB objects). */
export interface RollupPouch extends PouchDatabase {
  replicate: {
    to(target: PouchDatabase | RollupPouch, opts?: ReplicateOptions): Replication;
    from(source: PouchDatabase | RollupPouch, opts?: ReplicateOptions): Replication;
  };
}

type PouchCtor = new (name: string, opts?: Record<string, unknown>) => RollupPouch;

let ctor: Promise<PouchCtor> | null = null;

/**
 * PouchDB (leveldb adapter) loaded at run time: the package ships no types,
 * and it stays outside the bundle (build-electron.mjs lists it external).
 */
export function loadPouch(): Promise<PouchCtor> {
  const spec = 'pouchdb';
  ctor ??= import(spec).then((m: { default?: PouchCtor }) => (m.default ?? m) as PouchCtor);
  return ctor;
}

/** The hub handle as the rollup uses it: HubLink hands out PouchDB databases typed by their minimal seam. */
export function asRollupPouch(db: PouchDatabase): RollupPouch {
  return db as unknown as RollupPouch;
}
