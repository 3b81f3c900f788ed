import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '@shared/api/errors';
import type { ComplaintListResult } from '@shared/api/contracts/complaints';
import { COMPLAINTS_PAGE, complaintsContract } from '@shared/api/contracts/complaints';
import {
  COMPLAINT_STATUSES,
  complaintSchema,
  isRegentForward,
  NEW_COMPLAINT_STATE,
  TERMINAL_STATUSES,
  type Complaint,
  type ComplaintInput,
} from '@shared/complaints/complaint';
import { approveAnswer, transition } from '@shared/complaints/status';
import { zonedDate } from '@shared/domain/time-zone';
import { safeFileName } from '@shared/files/safe-name';
import { appNow } from '@core/activity/clock';
import { complaintsCsv, parseComplaintCsv } from './csv';
import { saveScreenshot } from './screenshot';
import { deadlinesOf, identityHiddenFor, listSummary, viewOf } from './view';
import { addWorkingDays } from '@shared/complaints/deadlines';
import { dateInZone } from '@shared/activity/calendar';
import { workspaceCalendar } from '@core/activity/holiday-source';
import { currentActor, currentMember } from '@core/review/session';
import { writeFileDurable } from '@core/store/durable-file';
import { newId } from '@core/store/store';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';
import { downloadUrl } from '@shared/files/urls';

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

/** A few minutes of clock skew between PCs is tolerated; a receipt later than that has not happened yet. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function checkReceived(receivedAt: string | undefined, now: Date): void {
  if (receivedAt !== undefined && Date.parse(receivedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ApiError('invalid_input', 'received time is in the future', { params: { reason: 'received_in_future' } });
  }
}

/** Rules every stored report keeps: 'anonim' holds no identity; a report forwarded by the regent is urgent. */
function normalise<T extends Partial<ComplaintInput>>(input: T, prev?: Complaint): T {
  const out = { ...input };
  const confidentiality = out.confidentiality ?? prev?.confidentiality;
  if (confidentiality === 'anonim') {
    out.reporterHandle = '';
    out.link = '';
  }
  if (out.forwardedBy !== undefined && out.urgent === undefined && isRegentForward(out.forwardedBy) && !prev?.urgent) out.urgent = true;
  return out;
}

function newComplaint(ctx: HandlerContext, input: ComplaintInput, at: string): Complaint {
  input = normalise({ ...input, urgent: input.urgent || isRegentForward(input.forwardedBy) });
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    rev: 0,
    ...input,
    ...NEW_COMPLAINT_STATE,
    history: [{ at, from: null, to: 'baru', actorId: currentActor(ctx).id, note: '' }],
    verifiedAt: null,
    handlerId: currentActor(ctx).id,
    deadlineChanges: [],
  };
}

/** Search never matches a confidential reporter for someone who may not see them (no side channel). */
function matches(c: Complaint, needle: string, actorId: string | null): boolean {
  const fields = [c.topic, c.bidang, c.text, c.forwardedBy];
  if (!identityHiddenFor(c, actorId)) fields.push(c.reporterHandle);
  return fields.some((v) => v.toLowerCase().includes(needle));
}

export const complaintsHandlers: HandlersFor<typeof complaintsContract> = {
  async 'complaints.list'(input, ctx) {
    const now = appNow(ctx);
    const all = ctx.store.collections.complaints.all().filter((c) => !c.deletedAt);
    const rows = all.map((c) => ({ c, s: listSummary(ctx, c, now) }));
    const counts = Object.fromEntries([...COMPLAINT_STATUSES, 'overdue', 'open'].map((k) => [k, 0])) as ComplaintListResult['counts'];
    for (const { c, s } of rows) {
      counts[c.status]++;
      if (!TERMINAL_STATUSES.includes(c.status)) counts.open++;
      if (s.overdue) counts.overdue++;
    }
    const status = input.status ?? 'open';
    const actorId = currentActor(ctx).id;
    const needle = input.query?.trim().toLowerCase() ?? '';
    const items = rows
      .filter(({ c, s }) => {
        if (status === 'open' && TERMINAL_STATUSES.includes(c.status)) return false;
        if (status === 'overdue' && !s.overdue) return false;
        if ((COMPLAINT_STATUSES as readonly string[]).includes(status) && c.status !== status) return false;
        return !needle || matches(c, needle, actorId);
      })
      .map(({ s }) => s)
      // Most urgent first: the nearest open deadline of any kind (closed reports last, by final date).
      .sort((a, b) => {
        const ka = a.next?.due ?? `~${a.finalDue}`;
        const kb = b.next?.due ?? `~${b.finalDue}`;
        // Due at the same moment: the report the regent forwarded first, then the one that has waited longest.
        return ka < kb ? -1 : ka > kb ? 1 : Number(b.urgent) - Number(a.urgent) || a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id);
      });
    const offset = input.offset ?? 0;
    return { items: items.slice(offset, offset + (input.limit ?? COMPLAINTS_PAGE)), total: items.length, counts };
  },

  async 'complaints.get'({ id }, ctx) {
    return viewOf(ctx, requireComplaint(ctx, id));
  },

  async 'complaints.create'({ input, screenshot }, ctx) {
    checkReceived(input.receivedAt, appNow(ctx));
    const at = appNow(ctx).toISOString();
    const c = newComplaint(ctx, input, at);
    if (screenshot) c.screenshot = await saveScreenshot(ctx.dataDir, screenshot);
    return viewOf(ctx, await save(ctx, null, c));
  },

  async 'complaints.update'({ id, baseRev, patch, screenshot }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    if (TERMINAL_STATUSES.includes(c.status)) throw new ApiError('conflict', 'report is closed', { params: { reason: 'closed' } });
    checkReceived(patch.receivedAt, appNow(ctx));
    const safePatch = normalise({ ...patch }, c);
    // A viewer who cannot see a confidential reporter cannot overwrite them either.
    if (identityHiddenFor(c, currentActor(ctx).id)) {
      delete safePatch.reporterHandle;
      delete safePatch.link;
    }
    const next: Complaint = { ...c, ...safePatch };
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

  async 'complaints.verify'({ id, baseRev }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    if (c.verifiedAt) return viewOf(ctx, c);
    return viewOf(ctx, await save(ctx, c, { ...c, verifiedAt: appNow(ctx).toISOString() }));
  },

  async 'complaints.changeDeadline'({ id, baseRev, target, kind, reason, newDue }, ctx) {
    const c = requireComplaint(ctx, id);
    checkRev(c, baseRev);
    if (TERMINAL_STATUSES.includes(c.status)) throw new ApiError('conflict', 'report is closed', { params: { reason: 'closed' } });
    const now = appNow(ctx);
    const ws = ctx.store.workspace;
    const zone = ws.opd.timeZone;
    const dl = deadlinesOf(ctx, c, now);
    if (dl[target].doneAt) throw new ApiError('conflict', 'deadline already met', { params: { reason: 'deadline_met' } });
    const previousDue = dateInZone(dl[target].due, zone);
    if (newDue <= previousDue) throw new ApiError('invalid_input', 'the new date must be later', { params: { reason: 'due_not_later' } });
    // Perpres 76/2013: settlement within 60 days at most, extensions included.
    const cap = addWorkingDays(dateInZone(c.receivedAt, zone), 60, workspaceCalendar(ctx, now).set);
    if (newDue > cap) throw new ApiError('invalid_input', 'beyond 60 working days after receipt', { params: { reason: 'due_beyond_cap', cap } });
    const change = { at: now.toISOString(), actorId: currentActor(ctx).id, kind, target, reason: reason.trim(), newDue, previousDue };
    return viewOf(ctx, await save(ctx, c, { ...c, deadlineChanges: [...c.deadlineChanges, change].slice(-50) }));
  },

  async 'complaints.trash'({ id }, ctx) {
    const c = requireComplaint(ctx, id);
    await save(ctx, c, { ...c, deletedAt: appNow(ctx).toISOString() });
    return { id };
  },

  async 'complaints.importCsv'({ csv, dryRun, mapping, defaultChannel }, ctx) {
    const ws = ctx.store.workspace;
    const parsed = parseComplaintCsv(csv, ws.opd.timeZone, {
      mapping,
      defaultChannel,
      existing: ctx.store.collections.complaints.all(),
      now: appNow(ctx),
    });
    if (parsed.fileErrors.length) {
      throw new ApiError('invalid_input', `CSV not usable: ${parsed.fileErrors.join(', ')}`, {
        params: { reason: 'csv_columns', missing: parsed.fileErrors.map((e) => e.split(':')[1]).join(', '), headers: parsed.headers.join('\u001f') },
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
      headers: parsed.headers,
      mapping: parsed.mapping,
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
    return { name, url: downloadUrl('exports', name) };
  },
};
