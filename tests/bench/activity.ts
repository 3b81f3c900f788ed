import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '@core/store/store';
import { CHANNELS } from '@shared/domain/post';
import { COMPLAINT_CHANNELS, type Complaint } from '@shared/complaints/complaint';
import type { Publication } from '@shared/publishing/publication';
import { benchApi } from './api';
import { median, report } from './stats';

const NOW = new Date('2026-11-24T06:00:00.000Z');
const YEARS = 3;
const PER_DAY = 4;
const COMPLAINTS = 2000;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/**
 * Beranda, Laporan and Aduan over a busy OPD: three years of four items a day
 * (~4,400 publications) and 2,000 public reports, through the real store and dispatcher.
 */
export async function activityBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-activity-'));
  try {
    const { store, call } = await benchApi(dir, { now: () => NOW });
    const days = YEARS * 365;
    for (let d = 0; d < days; d++) {
      for (let k = 0; k < PER_DAY; k++) {
        if ((d * 7 + k) % 11 === 0) continue;
        const at = new Date(NOW.getTime() - d * 86_400_000 - k * 3_600_000).toISOString();
        const p: Publication = {
          id: newId(), createdAt: at, updatedAt: at, rev: 0, postId: null, cardId: null,
          channel: CHANNELS[k % CHANNELS.length], publishedAt: at, url: '', source: 'outbox', actorId: null,
          title: `Berita ${d}-${k}`, category: ['Kesehatan', 'Pendidikan', 'Infrastruktur'][k % 3],
        };
        await store.collections.publications.put(p);
      }
    }
    for (let i = 0; i < COMPLAINTS; i++) {
      const at = new Date(NOW.getTime() - i * 3_000_000).toISOString();
      const c: Complaint = {
        id: newId(), createdAt: at, updatedAt: at, rev: 0, channel: COMPLAINT_CHANNELS[i % COMPLAINT_CHANNELS.length],
        link: '', reporterHandle: `@warga${i}`, text: 'Jalan berlubang di depan balai desa.', receivedAt: at, forwardedBy: '',
        topic: `Topik ${i % 25}`, bidang: 'Bina Marga', screenshot: null, status: i % 3 === 0 ? 'selesai' : 'diteruskan', reason: '',
        answerDraft: '', answerDraftedBy: null, approvedBy: null, approvedAt: null, firstReplyAt: null,
        answeredAt: i % 3 === 0 ? at : null, closedAt: null, answerUrl: 'https://x.test/1', history: [], deletedAt: null,
        trackingNumber: '', classification: 'pengaduan', confidentiality: 'biasa', needsFieldCheck: false, urgent: false,
        verifiedAt: null, handlerId: null, deadlineChanges: [],
      };
      await store.collections.complaints.put(c);
    }
    const pubs = store.collections.publications.size;
    report('activity.publications', pubs, 'items');
    report('activity.overview', await time(15, () => call('activity.overview', {})), 'ms');
    report('activity.report-month', await time(15, () => call('activity.report', { from: '2026-11-01', to: '2026-11-30' })), 'ms');
    report('activity.report-year', await time(9, () => call('activity.report', { from: '2025-11-25', to: '2026-11-24' })), 'ms');
    report('activity.export-pdf-month', await time(5, () => call('activity.exportPdf', { from: '2026-11-01', to: '2026-11-30' })), 'ms');
    report('complaints.list-open', await time(15, () => call('complaints.list', { status: 'open' })), 'ms');
    report('complaints.export-csv', await time(5, () => call('complaints.exportCsv', { includeIdentity: false })), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
