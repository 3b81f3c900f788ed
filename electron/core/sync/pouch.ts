import PouchDBModule from 'pouchdb';
import type { PouchDatabase, PouchDoc, PouchStatic } from './pouch-types';

/** PouchDB 9 (Node: leveldb adapter, prebuilt leveldown), typed by pouch-types.ts. */
export const PouchDB = PouchDBModule as unknown as PouchStatic;

/** The document, or null when it does not exist (or only as a deletion). */
export async function getOrNull(db: PouchDatabase, id: string, opts: { rev?: string; revs?: boolean; conflicts?: boolean } = {}): Promise<PouchDoc | null> {
  try {
    return await db.get(id, opts);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** Revision ids of a document's branch, newest first ("3-abc", "2-def", …), from `_revisions`. */
export function ancestry(doc: PouchDoc): string[] {
  const r = doc._revisions;
  if (!r) return doc._rev ? [doc._rev] : [];
  return r.ids.map((h, i) => `${r.start - i}-${h}`);
}

/** An HTTP-ish status of a PouchDB error (401, 403, 404, 409, …), or null for network failures. */
export function statusOf(err: unknown): number | null {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' && s > 0 ? s : null;
}
