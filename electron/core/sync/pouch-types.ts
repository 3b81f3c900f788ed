/**
 * The part of PouchDB's database API that Redaksi uses, typed here because
 * the DefinitelyTyped package for PouchDB redeclares Node's global Buffer and
 * breaks the project's typecheck. Extend it as the sync engine needs more.
 */
export interface PouchDatabase {
  readonly name: string;
  info(): Promise<{ db_name: string; doc_count: number; update_seq: number | string }>;
  close(): Promise<void>;
  get(id: string, opts?: { rev?: string; revs?: boolean; conflicts?: boolean }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<PouchWriteOk>;
  bulkDocs(docs: PouchDoc[], opts?: { new_edits?: boolean }): Promise<(PouchWriteOk | PouchWriteError)[]>;
  allDocs(opts?: { include_docs?: boolean; conflicts?: boolean; startkey?: string; endkey?: string; keys?: string[] }): Promise<{
    total_rows: number;
    rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: PouchDoc }[];
  }>;
  changes(opts: { since?: number | string; live?: boolean; include_docs?: boolean; conflicts?: boolean; limit?: number; style?: 'all_docs' | 'main_only' }): PouchChanges;
  destroy(): Promise<void>;
  /** An attachment's bytes (a Buffer in Node). */
  getAttachment(docId: string, name: string, opts?: { rev?: string }): Promise<Buffer>;
}

/** An attachment in a document: its bytes when written, a stub (`stub: true`, digest, length) when read without them. */
export interface PouchAttachment {
  content_type: string;
  data?: Buffer | string;
  stub?: boolean;
  digest?: string;
  length?: number;
  revpos?: number;
}

/** A stored document: `_id`, `_rev` and the body. */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
  _attachments?: Record<string, PouchAttachment>;
  [field: string]: unknown;
}

export interface PouchWriteOk {
  ok: true;
  id: string;
  rev: string;
}
export interface PouchWriteError {
  error: true | string;
  status?: number;
  name?: string;
  message?: string;
  id?: string;
}

export interface PouchChange {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: PouchDoc;
}

export interface PouchChanges extends PromiseLike<{ results: PouchChange[]; last_seq: number | string }> {
  on(event: 'change', l: (c: PouchChange) => void): PouchChanges;
  on(event: 'error', l: (err: unknown) => void): PouchChanges;
  on(event: 'complete', l: (info: unknown) => void): PouchChanges;
  cancel(): void;
}

/** Info of a replication event (PouchDB's `change`/`complete`). */
export interface ReplicationInfo {
  docs_read?: number;
  docs_written?: number;
  doc_write_failures?: number;
  last_seq?: number | string;
  pending?: number;
  docs?: PouchDoc[];
  errors?: unknown[];
  ok?: boolean;
}

/** A running replication (one direction) or sync (both): an event emitter that can be cancelled. */
export interface PouchReplication extends PromiseLike<unknown> {
  on(event: 'change', l: (info: ReplicationInfo & { direction?: 'push' | 'pull'; change?: ReplicationInfo }) => void): PouchReplication;
  on(event: 'paused', l: (err?: unknown) => void): PouchReplication;
  on(event: 'active', l: () => void): PouchReplication;
  on(event: 'denied', l: (err: unknown) => void): PouchReplication;
  on(event: 'complete', l: (info: unknown) => void): PouchReplication;
  on(event: 'error', l: (err: unknown) => void): PouchReplication;
  cancel(): void;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  batch_size?: number;
  /** Batches read ahead of the writes (PouchDB's default 10); photos make each batch large. */
  batches_limit?: number;
  back_off_function?: (delay: number) => number;
  /** A filter run on this side over each change's document (PouchDB fetches the changes with their documents, attachments as stubs). */
  filter?: (doc: PouchDoc) => boolean;
}

/** The PouchDB constructor with the static replication helpers Redaksi uses. */
export interface PouchStatic {
  /** `maxOpenFiles` goes to leveldown (the leveldb adapter passes its options on). */
  new (name: string, opts?: { adapter?: string; auto_compaction?: boolean; revs_limit?: number; maxOpenFiles?: number }): PouchDatabase;
  replicate(source: PouchDatabase, target: PouchDatabase, opts?: ReplicateOptions): PouchReplication;
  sync(a: PouchDatabase, b: PouchDatabase, opts?: ReplicateOptions): PouchReplication;
  plugin(p: unknown): PouchStatic;
}
