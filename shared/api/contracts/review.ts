import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import type { Post } from '@shared/domain/post';
import type { Role } from '@shared/domain/workspace';
import { method, none, base64Schema } from '@shared/api/define';
import type { FieldDiff } from '@shared/review/diff';
import {
  anchorSchema,
  REVIEWED_FIELDS,
  SUGGESTION_FIELDS,
  type AuditEvent,
  type Decision,
  type Review,
  type ReviewComment,
  type Snapshot,
  type Suggestion,
} from '@shared/review/model';

/** A team member as the UI may see it (never the PIN hash). */
export interface PublicMember {
  id: string;
  name: string;
  role: Role;
  hasPin: boolean;
  /** Fingerprint of the member's signing key ("sidik kunci"), once they have signed in here. */
  fingerprint: string | null;
  /** The public key itself (SPKI DER, base64), for another PC to trust. */
  publicKey: string | null;
}

export interface SessionInfo {
  member: PublicMember | null;
  members: PublicMember[];
  /** The signed-in member's signing key is open (after a restart in the browser host it waits for the PIN). */
  signingReady: boolean;
  /** Sign-in ends after this many idle minutes (0 = never). */
  idleMinutes: number;
}

export interface ReviewView {
  post: Post;
  review: Review | null;
  comments: ReviewComment[];
  suggestions: Suggestion[];
  /** Ids of everyone who wrote the post (they cannot approve it). */
  authorIds: string[];
  /** What changed since the last decision, when there was one and the text moved on. */
  changes: { since: Decision['kind']; by: string; at: string; fields: FieldDiff[]; /** The content as decided, to word the diff in the UI's language. */ before: Snapshot } | null;
  approvalExpired: boolean;
  canQueue: boolean;
  /** Content hash of the current version. */
  hash: string;
  /** The approval was signed on another PC (a file or the team sync) and verified here against a key this PC trusts. */
  approvalVerified?: boolean;
  /** The post's photos as the UI can load them (local previews, or those that came with a review file). */
  photos: { url: string; caption: string; credit: string }[];
}

export interface InboxItem {
  postId: string;
  title: string;
  status: Post['status'];
  reason: 'to_review' | 'changes_requested' | 'approved' | 'open_comments' | 'conflict';
  at: string;
  by: string;
  count?: number;
}

export interface FileLink {
  fileName: string;
  /** Relative URL for a download link (`./files/exports/<name>?download=1`). */
  url: string;
}

export interface PackageImportResult {
  postId: string;
  kind: 'request' | 'reply';
  /** What happened to the text of a reply. */
  text: 'unchanged' | 'taken' | 'merged' | 'kept_mine' | 'conflict' | 'new';
  decision: Decision['kind'] | null;
  comments: number;
  suggestions: number;
}

const pin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');

/** Audit events per page of the "Riwayat" tab. */
export const AUDIT_PAGE = 50;

export interface AuditPage {
  /** Newest first. */
  items: AuditEvent[];
  total: number;
}

export const reviewContract = {
  'session.get': method<SessionInfo>()(none),
  'session.signIn': method<SessionInfo>()(z.object({ memberId: idSchema, pin: z.string().max(8).optional() }).strict()),
  'session.signOut': method<SessionInfo>()(none),
  /** The UI reports that the person is at the PC (input seen); the answer says whether the sign-in still holds. */
  'session.activity': method<{ signedIn: boolean }>()(none),
  'session.setPin': method<SessionInfo>()(
    z.object({ memberId: idSchema, pin: pin.nullable(), currentPin: z.string().max(8).optional() }).strict(),
  ),

  'review.get': method<ReviewView>()(z.object({ postId: idSchema }).strict()),
  'review.submit': method<ReviewView>()(z.object({ postId: idSchema }).strict()),
  'review.approve': method<ReviewView>()(
    z
      .object({
        postId: idSchema,
        /** Approval lapses after this many hours unless published (null = no limit). */
        validHours: z.number().int().positive().max(24 * 90).nullable(),
        note: z.string().max(10_000).optional(),
        /** Pending suggestions the editor applies as part of approving ("Setujui dengan saran ini"). */
        applySuggestions: z.array(idSchema).max(200).optional(),
      })
      .strict(),
  ),
  'review.requestChanges': method<ReviewView>()(
    z.object({ postId: idSchema, note: z.string().max(10_000) }).strict(),
  ),
  'review.comment': method<ReviewView>()(
    z
      .object({
        postId: idSchema,
        parentId: idSchema.nullable().optional(),
        anchor: anchorSchema.nullable().optional(),
        body: z.string().trim().min(1).max(10_000),
      })
      .strict(),
  ),
  'review.resolveComment': method<ReviewView>()(
    z.object({ commentId: idSchema, resolved: z.boolean() }).strict(),
  ),
  'review.suggest': method<ReviewView>()(
    z
      .object({
        postId: idSchema,
        field: z.enum(SUGGESTION_FIELDS),
        from: z.string().min(1).max(20_000),
        to: z.string().max(20_000),
        note: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  'review.decideSuggestion': method<ReviewView>()(
    z.object({ suggestionId: idSchema, accept: z.boolean() }).strict(),
  ),
  'review.resolveConflict': method<ReviewView>()(
    z
      .object({
        postId: idSchema,
        choices: z.partialRecord(z.enum(REVIEWED_FIELDS), z.enum(['mine', 'theirs'])),
      })
      .strict(),
  ),
  'review.inbox': method<{ items: InboxItem[] }>()(none),
  'review.audit': method<AuditEvent[]>()(z.object({ postId: idSchema }).strict()),
  /** One page of a post's audit trail, newest first (the "Riwayat" tab; a trail grows with every save). */
  'review.auditPage': method<AuditPage>()(
    z.object({ postId: idSchema, offset: z.number().int().nonnegative().max(10_000_000).optional(), limit: z.number().int().min(1).max(AUDIT_PAGE).optional() }).strict(),
  ),
  'review.auditCsv': method<FileLink>()(z.object({ postId: idSchema }).strict()),
  'review.approvalSheet': method<FileLink>()(z.object({ postId: idSchema }).strict()),
  'review.exportPackage': method<FileLink & { packageId: string; kind: 'request' | 'reply' }>()(
    z.object({ postId: idSchema }).strict(),
  ),
  /** An admin or editor confirms an outside editor's key after comparing its fingerprint by phone. */
  'review.trustKey': method<{ keyId: string; fingerprint: string }>()(
    z
      .object({
        publicKey: z.string().min(40).max(200),
        name: z.string().trim().min(1).max(120),
        role: z.enum(['editor', 'admin']),
      })
      .strict(),
  ),
  'review.importPackage': method<PackageImportResult>()(
    z
      .object({
        fileName: z.string().max(300),
        dataBase64: base64Schema(90 * 1024 * 1024),
      })
      .strict(),
  ),
} as const;
