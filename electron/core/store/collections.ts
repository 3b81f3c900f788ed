import { cardSchema, type Card } from '@shared/cards/card';
import { postListEntry, postSchema, type Post, type PostListEntry } from '@shared/domain/post';
import { publicationSchema, type Publication } from '@shared/publishing/publication';
import { jobSchema, type Job } from '@shared/publishing/job';
import { connectionSchema, type Connection } from '@shared/publishing/connection';
import { complaintSchema, type Complaint } from '@shared/complaints/complaint';
import { auditTrailSchema, commentSchema, keyRecordSchema, reviewSchema, suggestionSchema, type AuditTrail, type KeyRecord, type Review, type ReviewComment, type Suggestion } from '@shared/review/model';
import { photoSchema, type Photo } from '@shared/media/photo';
import type { ChangeCollection } from '@shared/api/contracts/core';

/**
 * Every sharded collection of the store: one folder under store/, one JSON
 * file per document. A feature adds its collection here (one line) and gets
 * durable writes, recovery from backups, migrations and backups for free.
 */
export interface CollectionDef<T extends { id: string }, S extends { id: string } = T> {
  validate(doc: unknown): T;
  /**
   * The list fields of a document. When set, start-up reads them from the
   * collection's summary index (summary-index.ts) and each document is read
   * on first use; `summaries()` lists the collection without reading it.
   */
  summarize?: (doc: T) => S;
  /**
   * Read on first use instead of at start-up: for history that grows with
   * every edit and that the first screen does not need.
   */
  lazy?: boolean;
}

function def<T extends { id: string }, S extends { id: string } = T>(
  validate: (doc: unknown) => T,
  opts: { lazy?: boolean; summarize?: (doc: T) => S } = {},
): CollectionDef<T, S> {
  return { validate, ...opts };
}

/**
 * What lists read of a post's audit trail without reading it (issue 22): who
 * wrote or submitted the post (the review inbox) and when it was submitted
 * and approved (the monthly report).
 */
export interface AuditSummary {
  id: string;
  postId: string;
  rev: number;
  writers: string[];
  reviews: { type: 'submitted' | 'approved'; at: string }[];
}

function auditSummary(t: AuditTrail): AuditSummary {
  const writers = new Set<string>();
  const reviews: AuditSummary['reviews'] = [];
  for (const e of t.events) {
    if ((e.action === 'created' || e.action === 'submitted') && e.actorId) writers.add(e.actorId);
    if (e.action === 'submitted' || e.action === 'approved') reviews.push({ type: e.action, at: e.at });
  }
  return { id: t.id, postId: t.postId, rev: t.rev, writers: [...writers], reviews };
}

export const COLLECTIONS = {
  cards: def<Card>((d) => cardSchema.parse(d)),
  posts: def<Post, PostListEntry>((d) => postSchema.parse(d), { summarize: postListEntry }),
  publications: def<Publication>((d) => publicationSchema.parse(d)),
  jobs: def<Job>((d) => jobSchema.parse(d)),
  connections: def<Connection>((d) => connectionSchema.parse(d)),
  complaints: def<Complaint>((d) => complaintSchema.parse(d)),
  media: def<Photo>((d) => photoSchema.parse(d)),
  reviews: def<Review>((d) => reviewSchema.parse(d)),
  reviewComments: def<ReviewComment>((d) => commentSchema.parse(d)),
  reviewSuggestions: def<Suggestion>((d) => suggestionSchema.parse(d)),
  audit: def<AuditTrail, AuditSummary>((d) => auditTrailSchema.parse(d), { summarize: auditSummary }),
  keys: def<KeyRecord>((d) => keyRecordSchema.parse(d)),
};

export type CollectionName = keyof typeof COLLECTIONS;
export type DocOf<N extends CollectionName> = (typeof COLLECTIONS)[N] extends CollectionDef<infer T, infer _S> ? T : never;
/** What `summaries()` lists: the list fields where the collection has a summary index, else the documents. */
export type SummaryOf<N extends CollectionName> = (typeof COLLECTIONS)[N] extends CollectionDef<infer _T, infer S> ? S : never;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
/** The UI's list of collections (shared/api/contracts/core.ts) names exactly these: the typecheck fails otherwise. */
export const SAME_COLLECTIONS_AS_UI: [Exclude<CollectionName | 'workspace', ChangeCollection> | Exclude<ChangeCollection, CollectionName | 'workspace'>] extends [never] ? true : never = true;
