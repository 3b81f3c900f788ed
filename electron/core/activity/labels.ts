import type { Channel } from '@shared/domain/post';
import type { ComplaintChannel, ComplaintStatus } from '@shared/complaints/complaint';

/** Indonesian labels for exported files (PDF/CSV go to the kepala dinas and Diskominfo in Indonesian). */
export const CHANNEL_LABEL: Record<Channel, string> = {
  website: 'Website',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  whatsapp: 'WhatsApp',
  other: 'Lainnya',
};

export const COMPLAINT_CHANNEL_LABEL: Record<ComplaintChannel, string> = {
  instagram_comment: 'Komentar Instagram',
  instagram_dm: 'DM Instagram',
  facebook: 'Facebook',
  x: 'X',
  whatsapp: 'WhatsApp',
  lapor: 'SP4N-LAPOR!',
  walk_in: 'Datang langsung',
  other: 'Lainnya',
};

export const COMPLAINT_STATUS_LABEL: Record<ComplaintStatus, string> = {
  baru: 'Baru',
  diteruskan: 'Diteruskan ke bidang',
  menunggu_atasan: 'Menunggu jawaban atasan',
  dijawab: 'Dijawab',
  selesai: 'Selesai',
  ditolak: 'Ditolak',
  bukan_kewenangan: 'Bukan kewenangan',
};
