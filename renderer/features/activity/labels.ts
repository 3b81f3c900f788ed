import type { ComplaintChannel, ComplaintStatus } from '@shared/complaints/complaint';
import type { Channel } from '@shared/domain/post';
import type { MessageKey } from '@ui/i18n/catalog';
import type { Translate } from '@ui/i18n/i18n';

export function channelLabel(t: Translate, c: Channel): string {
  return t(`activity.channel.${c}` as MessageKey);
}

export function complaintChannelLabel(t: Translate, c: ComplaintChannel | string): string {
  return t(`complaints.channel.${c}` as MessageKey);
}

export function complaintStatusLabel(t: Translate, s: ComplaintStatus): string {
  return t(`complaints.status.${s}` as MessageKey);
}
