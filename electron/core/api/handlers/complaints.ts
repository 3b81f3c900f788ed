import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import type { ComplaintListResult } from '../../../../shared/api/contracts/complaints';
import { complaintsContract } from '../../../../shared/api/contracts/complaints';
import {
  COMPLAINT_STATUSES,
  complaintSchema,
  TERMINAL_STATUSES,
  type Complaint,
  type ComplaintInput,
} from '../../../../shared/complaints/complaint';
import { approveAnswer, transition } from '../../../../shared/complaints/status';
import { zonedDate } from '../../../../shared/domain/time-zone';
import { safeFileName } from '../../../../shared/files/safe-name';
import { appNow } from '../../activity/clock';
import { complaintsCsv, parseComplaintCsv } from '../../complaints/csv';
import { saveScreenshot } from '../../complaints/screenshot';
import { deadlinesOf, summarize, viewOf } from '../../complaints/view';
import { currentActor, currentMember } from '../../review/session';
import { writeFileDurable } from '../../store/durable-file';
import { newId } from '../../store/store';
import type { HandlerContext } from '../context';
import type { HandlersFor } from './types';

function requireComplaint(ctx: HandlerContext, id: string): Complaint {
  const c = ctx.store.collections.complaints.get(id);
  if (!c || c.deletedAt) throw new ApiError('not_found', `complaint ${id} not found`, { params: { id } });
  return c;
}

function checkRev(c: Complaint, baseRev: number): void {
  if (c.rev !== baseRev) throw new ApiError('conflict', 'report changed elsewhere', { params: { currentRev: c.rev } });
}

async function save(ctx: HandlerContext, prev: Complaint | null, next: Complaint): Promise<Complaint> {
  const at = appNow(ctx).toISOString();
  const valid = complaintSchema.parse(prev ? { ...next, rev: prev.rev + 1, updatedAt: at } : next);
  await ctx.store.collections.complaints.put(valid);
  return valid;
}

function newComplaint(ctx: HandlerContext, input: ComplaintInput, at: string): Complaint {
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    rev: 0,
    ...input,
    screenshot: null,
    status: 'baru',
    reason: '',
    answerDraft: '',
    answerDraftedBy: null,
    approvedBy: null,
    approvedAt: null,
    firstReplyAt: null,
    answeredAt: null,
    closedAt: null,
    answerUrl: '',
    history: [{ at, from: null, to: 'baru', actorId: currentActor(ctx).id, note: '' }],
    deletedAt: null,
  };
}

function matches(c: Complaint, needle: string): boolean {
  return [c.topic, c.bidang, c.text, c.forwardedBy, c.reporterHandle].some((v) => v.toLowerCase().includes(needle));
}

export const complaintsHandlers: HandlersFor<typeof complaintsContract> = {
  async 'complaints.list'(input, ctx) {
    const now = appNow(ctx);
    const all = ctx.store.collections.complaints.all().filter((c) => !c.deletedAt);
    const rows = all.map((c) => ({ c, s: summarize(ctx, c, now) }));
    const counts = Object.fromEntries([...COMPLAINT_STATUSES, 'overdue', 'open'].map((k) => [k, 0])) as ComplaintListResult['counts'];
    for (const { c, s } of rows) {
      counts[c.status]++;
      if (!TERMINAL_STATUSES.includes(c.status)) counts.open++;
      if (s.firstReplyOverdue || s.finalOverdue) counts.overdue++;
    }
    const status = input.status ?? 'open';
    const needle = input.query?.trim().toLowerCase() ?? '';
    const items = rows
      .filter(({ c, s }) => {
        if (status === 'open' && TERMINAL_STATUSES.includes(c.status)) return false;
        if (status === 'overdue' && !(s.firstReplyOverdue || s.finalOverdue)) return false;
        if ((COMPLAINT_STATUSES as readonly string[]).includes(status) && c.status !== status) return false;
        return !needle || matches(c, needle);
      })
      .map(({ s }) => s)
      // Most urgent first: the nearest final deadline.
      .sort((a, b) => (a.finalDue < b.finalDue ? -1 : a.finalDue > b.finalDue ? 1 : a.id.localeCompare(b.id)));
    return { items, counts };
  },

  async 'complaints.get'({ id }, ctx) {
    return viewOf(ctx, requireComplaint(ctx, id));
  },

  async 'complaints.create'({ input, screenshot }, ctx) {
    const at = appNow(ctx).toISOString();
    const c = newComplaint(ctx, input, at);
    if (screenshot) c.screenshot = await saveScreenshot(ctx.dataDir, screenshot);
    return viewOf(ctx, await save(ctx, null, c));
  },

  async 'complaints.update'({ id, baseRev, patch, screenshot }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    if (TERMINAL_STATUSES.includes(c.status)) throw new ApiError('conflict', 'report is closed', { params: { reason: 'closed' } });
    const next: Complaint = { ...c, ...patch };
    if (patch.answerDraft !== undefined && patch.answerDraft !== c.answerDraft) {
      next.answerDraftedBy = currentActor(ctx).id;
      // A changed answer needs a fresh approval.
      next.approvedBy = null;
      next.approvedAt = null;
    }
    if (screenshot === null) next.screenshot = null;
    else if (screenshot) next.screenshot = await saveScreenshot(ctx.dataDir, screenshot);
    return viewOf(ctx, await save(ctx, c, next));
  },

  async 'complaints.transition'({ id, baseRev, to, reason, note, answerUrl }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    const r = transition(c, { to, actorId: currentActor(ctx).id, reason, note, answerUrl }, appNow(ctx));
    if (!r.ok) throw new ApiError('conflict', `cannot move report to ${to}: ${r.error}`, { params: { reason: r.error } });
    return viewOf(ctx, await save(ctx, c, r.complaint));
  },

  async 'complaints.approve'({ id, baseRev }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    const member = currentMember(ctx);
    if (!member) throw new ApiError('forbidden', 'sign in as the approving superior', { params: { reason: 'not_signed_in' } });
    const r = approveAnswer(c, member, appNow(ctx));
    if (!r.ok) throw new ApiError('forbidden', `cannot approve: ${r.error}`, { params: { reason: r.error } });
    return viewOf(ctx, await save(ctx, c, r.complaint));
  },

  async 'complaints.markFirstReply'({ id, baseRev }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    if (c.firstReplyAt) return viewOf(ctx, c);
    return viewOf(ctx, await save(ctx, c, { ...c, firstReplyAt: appNow(ctx).toISOString() }));
  },

  async 'complaints.trash'({ id }, ctx) {
    const c = requireComplaint(ctx, id);
    await save(ctx, c, { ...c, deletedAt: appNow(ctx).toISOString() });
    return { id };
  },

  async 'complaints.importCsv'({ csv, dryRun }, ctx) {
    const ws = ctx.store.workspace;
    const parsed = parseComplaintCsv(csv, ws.opd.timeZone);
    if (parsed.fileErrors.length) {
      throw new ApiError('invalid_input', `CSV not usable: ${parsed.fileErrors.join(', ')}`, {
        params: { reason: 'csv_columns', missing: parsed.fileErrors.map((e) => e.split(':')[1]).join(', ') },
      });
    }
    let imported = 0;
    if (!dryRun) {
      const at = appNow(ctx).toISOString();
      for (const row of parsed.rows) {
        if (!row.input) continue;
        await save(ctx, null, newComplaint(ctx, row.input, at));
        imported++;
      }
    }
    return {
      dryRun,
      delimiter: parsed.delimiter,
      imported,
      rows: parsed.rows.map(({ input: _input, ...r }) => r),
    };
  },

  async 'complaints.exportCsv'({ includeIdentity }, ctx) {
    const now = appNow(ctx);
    const ws = ctx.store.workspace;
    const items = ctx.store.collections.complaints
      .all()
      .filter((c) => !c.deletedAt)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
      .map((c) => ({ c, dl: deadlinesOf(ctx, c, now) }));
    const csv = complaintsCsv(items, ws.opd.timeZone, includeIdentity);
    const name = safeFileName(`aduan-${zonedDate(now, ws.opd.timeZone)}${includeIdentity ? '-identitas' : ''}.csv`);
    const dir = path.join(ctx.dataDir, 'exports');
    await fsp.mkdir(dir, { recursive: true });
    await writeFileDurable(path.join(dir, name), csv);
    return { name, url: `./files/exports/${encodeURIComponent(name)}?download=1` };
  },
};
