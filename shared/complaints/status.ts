import { PRIVATE_CHANNELS, type Complaint, type ComplaintStatus } from './complaint';

/**
 * The aduan workflow as a pure state machine:
 * baru → diteruskan (ke bidang) → menunggu_atasan (jawaban menunggu persetujuan)
 * → dijawab → selesai; from any open status it may be ditolak or
 * bukan_kewenangan (with a reason). The superior may send a draft back to
 * the bidang (menunggu_atasan → diteruskan).
 */
export const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  baru: ['diteruskan', 'ditolak', 'bukan_kewenangan'],
  diteruskan: ['menunggu_atasan', 'ditolak', 'bukan_kewenangan'],
  menunggu_atasan: ['dijawab', 'diteruskan', 'ditolak', 'bukan_kewenangan'],
  dijawab: ['selesai'],
  selesai: [],
  ditolak: [],
  bukan_kewenangan: [],
};

export type TransitionError =
  | 'not_allowed'
  | 'reason_required'
  | 'bidang_required'
  | 'draft_required'
  | 'approval_required'
  | 'link_required';

export interface TransitionRequest {
  to: ComplaintStatus;
  actorId: string | null;
  reason?: string;
  note?: string;
  /** Public link of the answer, for private channels optional. */
  answerUrl?: string;
}

export type TransitionResult = { ok: true; complaint: Complaint } | { ok: false; error: TransitionError };

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Applies one status change; `now` is injected so tests and the dev clock decide the time. */
export function transition(c: Complaint, req: TransitionRequest, now: Date): TransitionResult {
  if (!canTransition(c.status, req.to)) return { ok: false, error: 'not_allowed' };
  const at = now.toISOString();
  const next: Complaint = { ...c };
  const reason = req.reason?.trim() ?? '';
  switch (req.to) {
    case 'ditolak':
    case 'bukan_kewenangan':
      if (!reason) return { ok: false, error: 'reason_required' };
      next.reason = reason;
      next.closedAt = at;
      break;
    case 'diteruskan':
      if (!c.bidang.trim()) return { ok: false, error: 'bidang_required' };
      // Sent back by the superior: the old approval no longer holds.
      next.approvedBy = null;
      next.approvedAt = null;
      break;
    case 'menunggu_atasan':
      if (!c.answerDraft.trim()) return { ok: false, error: 'draft_required' };
      break;
    case 'dijawab':
      if (!c.approvedBy || !c.approvedAt) return { ok: false, error: 'approval_required' };
      next.answeredAt = at;
      if (req.answerUrl !== undefined) next.answerUrl = req.answerUrl.trim();
      break;
    case 'selesai': {
      const url = (req.answerUrl ?? c.answerUrl).trim();
      if (!url && !PRIVATE_CHANNELS.includes(c.channel)) return { ok: false, error: 'link_required' };
      next.answerUrl = url;
      next.closedAt = at;
      break;
    }
    case 'baru':
      return { ok: false, error: 'not_allowed' };
  }
  next.status = req.to;
  next.history = [
    ...c.history,
    { at, from: c.status, to: req.to, actorId: req.actorId, note: (req.note ?? reason).slice(0, 2000) },
  ].slice(-500);
  return { ok: true, complaint: next };
}

export type ApprovalError = 'not_waiting' | 'not_reviewer' | 'own_draft' | 'draft_required';

/**
 * The superior approves the drafted answer. Same rule as post review: only
 * an editor or admin may approve, and never the person who drafted it.
 */
export function approveAnswer(
  c: Complaint,
  approver: { id: string; role: 'penulis' | 'editor' | 'admin' },
  now: Date,
): { ok: true; complaint: Complaint } | { ok: false; error: ApprovalError } {
  if (c.status !== 'menunggu_atasan') return { ok: false, error: 'not_waiting' };
  if (approver.role === 'penulis') return { ok: false, error: 'not_reviewer' };
  if (c.answerDraftedBy && c.answerDraftedBy === approver.id) return { ok: false, error: 'own_draft' };
  if (!c.answerDraft.trim()) return { ok: false, error: 'draft_required' };
  return { ok: true, complaint: { ...c, approvedBy: approver.id, approvedAt: now.toISOString() } };
}
