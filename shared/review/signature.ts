import canonicalize from 'canonicalize';

/**
 * Signed review decisions (issue 12). An approval or a request for changes
 * is an Ed25519 signature over the canonical JSON (RFC 8785, JCS) of what was
 * decided: the post, the SHA-256 of the reviewed content and of its photos,
 * the decision, the signer's key and the time. Whoever holds the editor's
 * public key can check that this exact text was decided by that person; a
 * hand-edited reply file, or one built without the editor's private key,
 * fails the check.
 */

export interface DecisionPayload {
  v: 1;
  postId: string;
  /** snapshotHash of the reviewed content decided on. */
  contentHash: string;
  /** SHA-256 of the canonical list of the photos' SHA-256s the editor saw. */
  mediaHash: string;
  decision: 'approved' | 'changes_requested';
  keyId: string;
  at: string;
}

/** RFC 8785 canonical JSON: the exact bytes that are signed and verified. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('value cannot be canonicalised');
  return out;
}

export function decisionPayload(p: Omit<DecisionPayload, 'v'>): DecisionPayload {
  return { v: 1, postId: p.postId, contentHash: p.contentHash, mediaHash: p.mediaHash, decision: p.decision, keyId: p.keyId, at: p.at };
}

/** The list of photo hashes that mediaHash is computed over (order-free). */
export function mediaHashInput(sha256s: readonly string[]): string {
  return canonicalJson([...new Set(sha256s)].sort());
}

/**
 * A key's fingerprint as people read it aloud over the phone ("sidik
 * kunci"): the first 80 bits of the key id in five groups of four.
 */
export function fingerprintOf(keyId: string): string {
  return (keyId.toUpperCase().slice(0, 20).match(/.{1,4}/g) ?? []).join(' ');
}

/** Roles whose signed decisions count as an editor's. */
export const SIGNING_ROLES = ['editor', 'admin'] as const;
