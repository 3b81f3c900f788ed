import type { Post } from '@shared/domain/post';
import { zonedDate } from '@shared/domain/time-zone';
import type { Workspace } from '@shared/domain/workspace';
import { runCoach, type CoachOptions } from './coach';
import type { Finding } from './types';

export interface ChecklistItem {
  id: string;
  ok: boolean;
  /** Indonesian label shown in "Siap ditinjau?". */
  label: string;
  /** Open findings behind a failed item (empty when ok). */
  findings?: number;
}

/**
 * "Siap ditinjau?": the summary a writer sees before asking for review and
 * the review desk sees on every request. Dismissed findings count as handled.
 * Pass the speller's result in opts to include spelling; without it the item
 * "ejaan" covers the EYD rules only.
 */
export function readinessChecklist(post: Post, workspace: Workspace, opts: CoachOptions & { now?: Date } = {}): ChecklistItem[] {
  const today = zonedDate(opts.now ?? new Date(), workspace.opd.timeZone);
  const { findings } = runCoach(post, { settings: workspace.news, template: post.template, today }, opts);
  const open = (pred: (f: Finding) => boolean, minSeverity: 'error' | 'warning' = 'warning') =>
    findings.filter((f) => pred(f) && (f.severity === 'error' || (minSeverity === 'warning' && f.severity === 'warning'))).length;
  const item = (id: string, label: string, failures: number): ChecklistItem => ({ id, ok: failures === 0, label, findings: failures });

  const items: ChecklistItem[] = [
    item('placeholders', 'Semua teks panduan templat [[…]] sudah diganti', open((f) => f.ruleId === 'template.placeholder')),
    item('title', 'Judul ada, ringkas, dan tanpa titik di akhir', open((f) => f.ruleId.startsWith('title.'))),
    item('dateline', 'Dateline kota ditulis kapital (misalnya BLORA)', open((f) => f.ruleId.startsWith('dateline.'))),
    item('eventDate', 'Tanggal peristiwa diisi', post.eventDate ? 0 : 1),
    item('lead', 'Teras berita menjawab apa, siapa, di mana, dan kapan', open((f) => f.ruleId.startsWith('lead.'))),
    item('quotes', 'Setiap kutipan berpasangan dan jelas narasumbernya', open((f) => f.ruleId.startsWith('quote.'))),
    item('spelling', 'Ejaan sesuai EYD V dan KBBI', open((f) => f.ruleId.startsWith('eyd.') || f.ruleId.startsWith('spell.'))),
    item('sensitivity', 'Aman untuk akun pemerintah (SARA, klaim tanpa sumber, netralitas ASN)', open((f) => f.ruleId.startsWith('sens.'))),
    item('author', 'Kredit penulis diisi', post.authorCredit.trim() ? 0 : 1),
    item('category', 'Kategori diisi', post.category.trim() ? 0 : 1),
  ];
  if (post.media.length > 0) items.push(item('photoCredits', 'Kredit foto diisi', post.photoCredits.trim() ? 0 : 1));
  return items;
}
