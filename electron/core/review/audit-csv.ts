import Papa from 'papaparse';
import type { FileLink } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { csvSafeCell } from '@shared/files/csv-safe';
import { safeFileName, slugify } from '@shared/files/safe-name';
import type { HandlerContext } from '@core/deps';
import { auditOf } from './audit';
import { stamp, writeExport } from './exports';

const ACTION_ID: Record<string, string> = {
  created: 'dibuat',
  edited: 'disunting',
  submitted: 'diajukan',
  commented: 'dikomentari',
  approved: 'disetujui',
  changes_requested: 'perlu perbaikan',
  exported: 'diekspor',
  imported: 'diimpor',
  published: 'tayang',
  restored: 'dipulihkan',
  expired: 'persetujuan kedaluwarsa',
  suggestion_accepted: 'saran diterima',
  suggestion_rejected: 'saran ditolak',
  conflict_resolved: 'konflik diselesaikan',
};

/** The post's audit trail as CSV (UTF-8 with BOM so Excel on Windows reads the accents). */
export async function auditCsv(ctx: HandlerContext, post: Post): Promise<FileLink> {
  const zone = ctx.store.workspace.opd.timeZone;
  const rows = auditOf(ctx, post.id).map((e) =>
    [
      formatZonedDateTime(e.at, zone),
      e.at,
      e.actorName || '(tanpa profil)',
      e.actorId ?? '',
      ACTION_ID[e.action] ?? e.action,
      e.action,
      e.count,
      e.hash,
      e.detail,
    ].map(csvSafeCell),
  );
  const csv = Papa.unparse({
    fields: ['waktu', 'waktu_utc', 'pelaku', 'id_pelaku', 'tindakan', 'kode_tindakan', 'jumlah_simpan', 'sidik_versi', 'keterangan'],
    data: rows,
  });
  const name = safeFileName(`jejak-${slugify(post.title || 'tulisan', 40) || 'tulisan'}-${stamp(ctx.store.now())}.csv`);
  return writeExport(ctx, name, `\uFEFF${csv}\r\n`);
}
