import { postSchema, type Post } from '../../../shared/domain/post';
import { publicationSchema, type Publication } from '../../../shared/publishing/publication';

/**
 * Every sharded collection of the store: one folder under store/, one JSON
 * file per document. A feature adds its collection here (one line) and gets
 * durable writes, recovery from backups, migrations and backups for free.
 */
export interface CollectionDef<T extends { id: string }> {
  validate(doc: unknown): T;
}

function def<T extends { id: string }>(validate: (doc: unknown) => T): CollectionDef<T> {
  return { validate };
}

export const COLLECTIONS = {
  posts: def<Post>((d) => postSchema.parse(d)),
  publications: def<Publication>((d) => publicationSchema.parse(d)),
};

export type CollectionName = keyof typeof COLLECTIONS;
export type DocOf<N extends CollectionName> = (typeof COLLECTIONS)[N] extends CollectionDef<infer T> ? T : never;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
