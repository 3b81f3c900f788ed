/**
 * The part of PouchDB's database API that Redaksi uses, typed here because
 * the DefinitelyTyped package for PouchDB redeclares Node's global Buffer and
 * breaks the project's typecheck. Extend it as the sync engine needs more.
 */
export interface PouchDatabase {
  readonly name: string;
  info(): Promise<{ db_name: string; doc_count: number; update_seq: number | string }>;
  close(): Promise<void>;
}
