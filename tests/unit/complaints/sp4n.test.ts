import { describe, expect, it } from 'vitest';
import { complaintSchema, DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { workspaceSchema } from '@shared/domain/workspace';
import { openApi, tempDir } from '../electron/helpers';
import { complaintsDesk } from './helpers';

async function setup(at: string) {
  const clock = { now: new Date(at) };
  const api = await openApi(tempDir(), { now: () => clock.now });
  const { admin, editor } = await complaintsDesk(api);
  return { ...api, clock, admin, editor };
}

const base = {
  channel: 'lapor' as const,
  text: 'Jalan desa rusak berat sejak musim hujan.',
  reporterHandle: 'Budi Santoso',
  link: 'https://www.lapor.go.id/laporan/detil/abc',
};

describe('SP4N-LAPOR! records (through the dispatcher)', () => {
  it('a report forwarded by the regent is urgent and shows its same-day first-reply target first', async () => {
    // Mon 23 Nov 2026 09:00 WIB.
    const api = await setup('2026-11-23T02:00:00.000Z');
    const ordinary = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-20T02:00:00.000Z', topic: 'Jalan rusak' } });
    const regent = await api.call('complaints.create', {
      input: { ...base, receivedAt: '2026-11-23T01:30:00.000Z', forwardedBy: 'Bupati Blora (WA)', topic: 'Banjir', trackingNumber: '1234567' },
    });
    expect(regent.complaint.urgent).toBe(true);
    // Same day, end of day WIB.
    expect(regent.deadlines.firstReply.due).toBe('2026-11-23T16:59:59.999Z');
    // Verification is due the same day too; on a tie the reply the regent waits for comes first.
    expect(regent.deadlines.open.map((o) => [o.kind, o.state.due])).toEqual([
      ['firstReply', '2026-11-23T16:59:59.999Z'],
      ['verification', '2026-11-23T16:59:59.999Z'],
      ['final', '2026-12-11T16:59:59.999Z'],
    ]);
    expect(regent.deadlines.final.due).toBe('2026-12-11T16:59:59.999Z');

    const list = await api.call('complaints.list', {});
    // Nearest deadline first: the regent's report (due today) before Friday's ordinary report (verification due Wed 25).
    expect(list.items.map((i) => i.id)).toEqual([regent.complaint.id, ordinary.complaint.id]);
    expect(list.items[0]).toMatchObject({ urgent: true, trackingNumber: '1234567', next: { kind: 'firstReply', due: '2026-11-23T16:59:59.999Z', workingDaysLeft: 0 } });
    expect(list.items[1].next).toMatchObject({ kind: 'verification', due: '2026-11-25T16:59:59.999Z', workingDaysLeft: 2 });

    // The OPD may give the regent's reports one working day instead.
    const ws = await api.call('settings.get', {});
    await api.call('session.signIn', { memberId: api.editor.id });
    await api.call('settings.update', { baseRev: ws.rev, complaintDeadlines: { ...ws.complaintDeadlines, urgentFirstReplyWorkingDays: 1 } });
    const again = await api.call('complaints.get', { id: regent.complaint.id });
    expect(again.deadlines.firstReply.due).toBe('2026-11-24T16:59:59.999Z');
  });

  it('each clock has its own deadline: verification 3, first reply 5, final 14 or 60 with a field check', async () => {
    const api = await setup('2026-11-23T03:00:00.000Z');
    const v = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-23T02:00:00.000Z', needsFieldCheck: true, classification: 'aspirasi' } });
    expect(v.complaint.classification).toBe('aspirasi');
    expect(v.deadlines.verification.due).toBe('2026-11-26T16:59:59.999Z');
    expect(v.deadlines.firstReply.due).toBe('2026-11-30T16:59:59.999Z');
    // 60 working days from Mon 23 Nov 2026 with 24–25 Dec 2026, 1 and 5 Jan 2027 off: Fri 19 Feb 2027 (Nov 5, Dec 21, Jan 19, Feb 15 working days).
    expect(v.deadlines.final.due).toBe('2027-02-19T16:59:59.999Z');
    expect(v.deadlines.open.map((o) => o.kind)).toEqual(['verification', 'firstReply', 'final']);

    const verified = await api.call('complaints.verify', { id: v.complaint.id, baseRev: v.complaint.rev });
    expect(verified.deadlines.verification.doneAt).toBe('2026-11-23T03:00:00.000Z');
    expect(verified.deadlines.open.map((o) => o.kind)).toEqual(['firstReply', 'final']);
  });

  it('a received time in the future is refused', async () => {
    const api = await setup('2026-11-23T03:00:00.000Z');
    await expect(api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-24T03:00:00.000Z' } })).rejects.toMatchObject({
      code: 'invalid_input',
      params: { reason: 'received_in_future' },
    });
    const v = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-23T02:00:00.000Z' } });
    await expect(api.call('complaints.update', { id: v.complaint.id, baseRev: v.complaint.rev, patch: { receivedAt: '2026-12-01T00:00:00.000Z' } })).rejects.toMatchObject({
      params: { reason: 'received_in_future' },
    });
  });

  it('postponement and extension keep a reason and the new date, and never pass 60 working days', async () => {
    const api = await setup('2026-11-23T03:00:00.000Z');
    const v = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-23T02:00:00.000Z' } });
    const call = (newDue: string, reason = 'Menunggu hasil rapat koordinasi dengan DPUPR') =>
      api.call('complaints.changeDeadline', { id: v.complaint.id, baseRev: v.complaint.rev, target: 'final', kind: 'extend', reason, newDue });
    await expect(call('2026-12-10')).rejects.toMatchObject({ params: { reason: 'due_not_later' } });
    await expect(call('2027-03-01')).rejects.toMatchObject({ params: { reason: 'due_beyond_cap', cap: '2027-02-19' } });
    const r = await call('2027-01-15');
    expect(r.deadlines.final.due).toBe('2027-01-15T16:59:59.999Z');
    expect(r.complaint.deadlineChanges).toEqual([
      { at: '2026-11-23T03:00:00.000Z', actorId: api.admin.id, kind: 'extend', target: 'final', reason: 'Menunggu hasil rapat koordinasi dengan DPUPR', newDue: '2027-01-15', previousDue: '2026-12-11' },
    ]);
  });

  it('rahasia hides the reporter from all but the handler; anonim stores none', async () => {
    const api = await setup('2026-11-23T03:00:00.000Z');
    await api.call('session.signIn', { memberId: api.admin.id });
    const secret = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-23T02:00:00.000Z', confidentiality: 'rahasia' } });
    expect(secret.identityHidden).toBe(false);
    expect(secret.complaint.reporterHandle).toBe('Budi Santoso');
    await api.call('session.signIn', { memberId: api.editor.id });
    const seen = await api.call('complaints.get', { id: secret.complaint.id });
    expect(seen.identityHidden).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Budi Santoso');
    expect(seen.handlerName).toBe('Admin Medsos');
    // Searching by the reporter's name finds nothing for someone who may not see them.
    expect((await api.call('complaints.list', { query: 'budi' })).items).toEqual([]);
    // Saving other fields from the redacted view does not wipe the stored identity.
    await api.call('complaints.update', { id: secret.complaint.id, baseRev: seen.complaint.rev, patch: { topic: 'Jalan', reporterHandle: '' } });
    expect(api.store.collections.complaints.get(secret.complaint.id)!.reporterHandle).toBe('Budi Santoso');

    const anon = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-11-23T02:00:00.000Z', confidentiality: 'anonim' } });
    const stored = api.store.collections.complaints.get(anon.complaint.id)!;
    expect([stored.reporterHandle, stored.link]).toEqual(['', '']);
  });

  it('a report received Wed 23 Dec 2026 is due after New Year and Isra Mikraj 2027', async () => {
    const api = await setup('2026-12-23T03:00:00.000Z');
    const v = await api.call('complaints.create', { input: { ...base, receivedAt: '2026-12-23T02:00:00.000Z' } });
    expect(v.deadlines.firstReply.due).toBe('2027-01-04T16:59:59.999Z');
    expect(v.deadlines.final.due).toBe('2027-01-18T16:59:59.999Z');
    // The detail names the holidays it skipped, and says which are estimates without an SKB list.
    expect(v.holidaysCounted).toEqual([
      { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', estimated: false },
      { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', estimated: false },
      { date: '2027-01-01', name: 'Tahun Baru Masehi', estimated: true },
      { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', estimated: true },
    ]);
  });
});

describe('stored data from before the SP4N fields', () => {
  it('an old report parses with safe defaults', () => {
    const old = {
      id: 'c1', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', rev: 0,
      channel: 'whatsapp', link: '', reporterHandle: '0812', text: 'Air PDAM mati', receivedAt: '2026-11-01T00:00:00.000Z',
      forwardedBy: '', topic: '', bidang: '', screenshot: null, status: 'baru', reason: '', answerDraft: '', answerDraftedBy: null,
      approvedBy: null, approvedAt: null, firstReplyAt: null, answeredAt: null, closedAt: null, answerUrl: '', history: [], deletedAt: null,
    };
    expect(complaintSchema.parse(old)).toMatchObject({
      trackingNumber: '', classification: 'pengaduan', confidentiality: 'biasa', needsFieldCheck: false, urgent: false,
      verifiedAt: null, handlerId: null, deadlineChanges: [],
    });
  });

  it('a stored 120-working-day setting opens as the legal cap of 60; a new one above 60 is refused', async () => {
    const ws = workspaceSchema.parse({
      id: 'workspace', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', rev: 1,
      opd: { fullName: '', shortName: '', logoMediaId: null, colors: { primary: '#000000', secondary: '#000000', text: '#000000' }, dateline: 'BLORA', timeZone: 'WIB', website: '' },
      team: [], language: 'id', complaintDeadlines: { firstReplyWorkingDays: 5, finalAnswerWorkingDays: 120 },
    });
    expect(ws.complaintDeadlines).toEqual({ ...DEFAULT_COMPLAINT_DEADLINES, finalAnswerWorkingDays: 60 });
    const api = await setup('2026-11-23T03:00:00.000Z');
    const cur = await api.call('settings.get', {});
    await expect(api.call('settings.update', { baseRev: cur.rev, complaintDeadlines: { ...cur.complaintDeadlines, finalAnswerWorkingDays: 61 } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
