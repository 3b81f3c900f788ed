import { z } from 'zod';
import { recordMetaSchema } from '@shared/domain/common';
import { postContentSchema, type PostContent } from '@shared/domain/post';

/**
 * The fields an approval covers. editorCredit (filled by the approval itself),
 * dismissedFindings (checker UI state), template and authorId are not part of
 * what readers see, so changing them does not void an approval.
 */
export const REVIEWED_FIELDS = [
  'title',
  'dateline',
  'eventDate',
  'lead',
  'bodyMd',
  'category',
  'tags',
  'infoClass',
  'authorCredit',
  'photoCredits',
  'media',
  'channelVariants',
] as const satisfies readonly (keyof PostContent)[];
export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

export const snapshotSchema = postContentSchema.pick({
  title: true,
  dateline: true,
  eventDate: true,
  lead: true,
  bodyMd: true,
  category: true,
  tags: true,
  infoClass: true,
  authorCredit: true,
  photoCredits: true,
  media: true,
  channelVariants: true,
});
/** The reviewed content of a post at one moment. */
export type Snapshot = z.infer<typeof snapshotSchema>;

const actorSchema = z.object({
  id: z.string().max(64).nullable(),
  name: z.string().max(200),
});
export type Actor = z.infer<typeof actorSchema>;

export const decisionSchema = z.object({
  kind: z.enum(['approved', 'changes_requested']),
  by: actorSchema,
  at: z.iso.datetime(),
  note: z.string().max(10_000),
  /** Content hash of the version decided on. */
  hash: z.string().max(128),
  snapshot: snapshotSchema,
  /** Approval is void after this instant unless the post went out. */
  expiresAt: z.iso.datetime().nullable(),
  /** Decided in another Redaksi and brought in by a reply file. */
  viaFile: z.boolean(),
  /**
   * The signer's Ed25519 signature over the canonical decision payload
   * (shared/review/signature.ts). Decisions made before signing existed
   * have none; a decision that arrives by file without one is refused.
   */
  signature: z
    .object({
      alg: z.literal('Ed25519'),
      keyId: z.string().regex(/^[0-9a-f]{64}$/),
      /** SPKI DER of the public key, base64. */
      publicKey: z.string().max(200),
      mediaHash: z.string().regex(/^[0-9a-f]{64}$/),
      /** The signature, base64. */
      sig: z.string().max(200),
    })
    .nullable()
    .default(null),
});
export type Decision = z.infer<typeof decisionSchema>;

/**
 * A profile's Ed25519 private key at rest (collection `keys`, id = member
 * id; never synced, never exported). Encrypted with AES-256-GCM under a key
 * derived from the member's PIN (scrypt); a profile without a PIN keeps it
 * unencrypted until a PIN is set.
 */
export const keyRecordSchema = recordMetaSchema.extend({
  publicKey: z.string().max(200),
  protection: z.enum(['pin', 'none']),
  salt: z.string().max(64),
  iv: z.string().max(64),
  tag: z.string().max(64),
  /** PKCS#8 DER of the private key, base64 (encrypted when protection is 'pin'). */
  data: z.string().max(400),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

export const sentPackageSchema = z.object({
  packageId: z.string().max(64),
  nonce: z.string().max(128),
  at: z.iso.datetime(),
  baseHash: z.string().max(128),
  /** SHA-256 over the photos sent with the request (what the editor's signature must cover). */
  mediaHash: z.string().max(64).nullable().default(null),
  /** Set once a reply to this package was imported (replay guard). */
  answeredAt: z.iso.datetime().nullable(),
});

/** Both sides changed the text: nothing was overwritten, the author picks per field. */
export const conflictSchema = z.object({
  at: z.iso.datetime(),
  fromName: z.string().max(200),
  base: snapshotSchema,
  theirs: snapshotSchema,
  /** Local content when the reply came in (kept in the post itself). */
  mine: snapshotSchema,
  fields: z.array(z.string().max(40)).max(20),
});
export type ReviewConflict = z.infer<typeof conflictSchema>;

/** Review state of one post (id = post id). */
export const reviewSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  submittedBy: actorSchema.nullable(),
  submittedAt: z.iso.datetime().nullable(),
  /** The latest decision (approval or request for changes). */
  decision: decisionSchema.nullable(),
  /** The last approval, kept after edits so the editor sees what changed since. */
  approval: decisionSchema.nullable(),
  sent: z.array(sentPackageSchema).max(500),
  /** Package ids already imported here (a second import is a replay). */
  imported: z.array(z.string().max(64)).max(2000),
  /** Editor side: the request package this copy came from (for the reply). */
  remote: z
    .object({
      packageId: z.string().max(64),
      nonce: z.string().max(128),
      fromName: z.string().max(200),
      opdName: z.string().max(200),
      baseHash: z.string().max(128),
      base: snapshotSchema,
      receivedAt: z.iso.datetime(),
      /** Photos that came with the request (files in <dataDir>/review-media/). */
      media: z
        .array(z.object({ mediaId: z.string().max(128), file: z.string().max(100), caption: z.string().max(1000), credit: z.string().max(200) }))
        .max(100),
    })
    .nullable(),
  conflict: conflictSchema.nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

export const anchorSchema = z.object({
  /** 0 = lead, 1.. = body blocks (paragraphs as readers see them). */
  paragraph: z.number().int().nonnegative().max(10_000),
  /** The selected passage, or the paragraph's opening words; re-anchors after edits. */
  quote: z.string().max(2000),
  /** True when a passage was selected (not the whole paragraph). */
  passage: z.boolean(),
});
export type Anchor = z.infer<typeof anchorSchema>;

export const commentSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  parentId: z.string().max(64).nullable(),
  anchor: anchorSchema.nullable(),
  body: z.string().min(1).max(10_000),
  author: actorSchema,
  resolved: z.boolean(),
  resolvedBy: actorSchema.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type ReviewComment = z.infer<typeof commentSchema>;

export const SUGGESTION_FIELDS = ['title', 'lead', 'bodyMd'] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

export const suggestionSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  field: z.enum(SUGGESTION_FIELDS),
  /** Exact text to replace (must still be in the field when accepted). */
  from: z.string().min(1).max(20_000),
  to: z.string().max(20_000),
  note: z.string().max(2000),
  author: actorSchema,
  status: z.enum(['pending', 'accepted', 'rejected']),
  decidedBy: actorSchema.nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const AUDIT_ACTIONS = [
  'created',
  'edited',
  'submitted',
  'commented',
  'approved',
  'changes_requested',
  'exported',
  'imported',
  'published',
  'restored',
  'expired',
  'suggestion_accepted',
  'suggestion_rejected',
  'conflict_resolved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  actorId: z.string().max(64).nullable(),
  actorName: z.string().max(200),
  action: z.enum(AUDIT_ACTIONS),
  /** sha256 of the reviewed content at that moment. */
  hash: z.string().max(128),
  at: z.iso.datetime(),
  detail: z.string().max(2000),
  /** Coalesced autosaves: how many saves this 'edited' event stands for. */
  count: z.number().int().positive(),
  /** For 'published': the publication record it stands for (recorded once per publication). */
  publicationId: z.string().max(64).optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * One post's audit trail (collection `audit`, document id = post id). One
 * document per post keeps the store at one file per post however long the
 * history grows; autosave edits are coalesced, so trails stay short.
 */
export const auditTrailSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  events: z.array(auditEventSchema).max(20_000),
});
export type AuditTrail = z.infer<typeof auditTrailSchema>;
