/**
 * Forward migrations of the on-disk schema. Each takes the documents of one
 * schema version and returns them in the next. They run once at open, after
 * a "before-migration" backup, and never run backwards: a store written by a
 * newer Redaksi is refused rather than rewritten.
 */
export interface RawStore {
  workspace: unknown;
  /** Collection name → file name → parsed document. */
  collections: Map<string, Map<string, unknown>>;
}

export interface Migration {
  from: number;
  to: number;
  description: string;
  migrate(store: RawStore): RawStore;
}

export const CURRENT_SCHEMA_VERSION = 1;

/** Registered migrations, in order. Each one has its own test in tests/unit/electron/migrations.test.ts. */
export const MIGRATIONS: Migration[] = [];

export function migrationPath(from: number, to: number, list: Migration[]): Migration[] {
  const path: Migration[] = [];
  let v = from;
  while (v < to) {
    const step = list.find((m) => m.from === v);
    if (!step || step.to !== v + 1) throw new Error(`No migration from schema ${v} to ${v + 1}`);
    path.push(step);
    v = step.to;
  }
  return path;
}
