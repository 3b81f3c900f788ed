import { describe, expect, it } from 'vitest';
import type { Complaint } from '@shared/complaints/complaint';
import { COMPLAINT_STATUSES, complaintSchema, NEW_COMPLAINT_STATE } from '@shared/complaints/complaint';
import { approveAnswer, canTransition, transition, TRANSITIONS } from '@shared/complaints/status';
import { fillTemplate } from '@shared/complaints/templates';

const at = '2026-11-23T03:00:00.000Z';
function make(over: Partial<Complaint> = {}): Complaint {
  return complaintSchema.parse({
    id: 'c1',
    createdAt: at,
    updatedAt: at,
    rev: 0,
    channel: 'instagram_comment',
    link: 'https://instagram.com/p/abc',
    reporterHandle: '@warga_blora',
    text: 'Jalan berlubang di Jl. Pemuda',
    receivedAt: at,
    forwardedBy: '@bupati_blora',
    topic: 'Jalan rusak',
    bidang: '',
    ...NEW_COMPLAINT_STATE,
    history: [],
    ...over,
  });
}
const now = new Date('2026-11-24T02:00:00.000Z');
const editor = { id: 'ed', role: 'editor' as const };

describe('aduan status machine', () => {
  it('walks the whole happy path with every guard', () => {
    let c = make();
    let r = transition(c, { to: 'diteruskan', actorId: 'adm' }, now);
    expect(r).toEqual({ ok: false, error: 'bidang_required' });
    c = { ...c, bidang: 'Bidang Bina Marga' };
    r = transition(c, { to: 'diteruskan', actorId: 'adm' }, now);
    expect(r.ok).toBe(true);
    c = (r as { complaint: Complaint }).complaint;
    expect(transition(c, { to: 'menunggu_atasan', actorId: 'adm' }, now)).toEqual({ ok: false, error: 'draft_required' });
    c = { ...c, answerDraft: 'Terima kasih, sudah ditindaklanjuti.', answerDraftedBy: 'adm' };
    c = (transition(c, { to: 'menunggu_atasan', actorId: 'adm' }, now) as { complaint: Complaint }).complaint;
    expect(transition(c, { to: 'dijawab', actorId: 'adm' }, now)).toEqual({ ok: false, error: 'approval_required' });
    expect(approveAnswer(c, { id: 'adm', role: 'admin' }, now)).toEqual({ ok: false, error: 'own_draft' });
    expect(approveAnswer(c, { id: 'pen', role: 'penulis' }, now)).toEqual({ ok: false, error: 'not_reviewer' });
    const a = approveAnswer(c, editor, now);
    expect(a.ok).toBe(true);
    c = (a as { complaint: Complaint }).complaint;
    expect(c.approvedBy).toBe('ed');
    expect(c.approvedAt).toBe(now.toISOString());
    c = (transition(c, { to: 'dijawab', actorId: 'adm' }, now) as { complaint: Complaint }).complaint;
    expect(c.answeredAt).toBe(now.toISOString());
    expect(transition(c, { to: 'selesai', actorId: 'adm' }, now)).toEqual({ ok: false, error: 'link_required' });
    c = (transition(c, { to: 'selesai', actorId: 'adm', answerUrl: 'https://instagram.com/p/abc/c/1' }, now) as { complaint: Complaint }).complaint;
    expect(c.status).toBe('selesai');
    expect(c.closedAt).toBe(now.toISOString());
    expect(c.history.map((h) => h.to)).toEqual(['diteruskan', 'menunggu_atasan', 'dijawab', 'selesai']);
    // Terminal.
    expect(transition(c, { to: 'diteruskan', actorId: 'adm' }, now)).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('refusing needs a reason; closed reports stay closed', () => {
    const c = make();
    expect(transition(c, { to: 'ditolak', actorId: null, reason: '  ' }, now)).toEqual({ ok: false, error: 'reason_required' });
    const r = transition(c, { to: 'bukan_kewenangan', actorId: null, reason: 'Kewenangan PDAM' }, now);
    expect(r.ok && r.complaint.reason).toBe('Kewenangan PDAM');
    expect(r.ok && r.complaint.closedAt).toBe(now.toISOString());
  });

  it('sending back to the bidang drops the approval', () => {
    const c = make({ status: 'menunggu_atasan', bidang: 'Bina Marga', answerDraft: 'x', approvedBy: 'ed', approvedAt: at });
    const r = transition(c, { to: 'diteruskan', actorId: 'ed', note: 'Lengkapi jadwal perbaikan' }, now);
    expect(r.ok && r.complaint.approvedBy).toBe(null);
  });

  it('private channels may close without a public link', () => {
    const c = make({ channel: 'whatsapp', status: 'dijawab' });
    expect(transition(c, { to: 'selesai', actorId: null }, now).ok).toBe(true);
  });

  it('no transition leads back to baru, and every status is covered', () => {
    for (const s of COMPLAINT_STATUSES) {
      expect(TRANSITIONS[s]).toBeDefined();
      expect(canTransition(s, 'baru')).toBe(false);
    }
  });

  it('templates fill in the handle, topic and bidang', () => {
    expect(fillTemplate('terima_kasih', { handle: '@warga', topic: 'jalan rusak', opd: 'DPUPR Blora', bidang: 'Bidang Bina Marga' })).toBe(
      'Terima kasih @warga atas laporannya terkait jalan rusak. Laporan sudah kami teruskan ke Bidang Bina Marga DPUPR Blora dan akan kami tindak lanjuti. Perkembangannya akan kami sampaikan di sini.',
    );
    expect(fillTemplate('sudah_ditangani', { handle: '', topic: '', opd: '', bidang: '' })).toContain('Terima kasih Bapak/Ibu.');
  });
});
