import type { JobSummary } from '@shared/api/contracts/publishing';
import type { Channel } from '@shared/domain/post';
import type { MessageKey } from '@ui/i18n/catalog';
import { fileUrl } from '@shared/files/urls';

export const channelKey = (c: Channel) => `publishing.channel.${c}` as MessageKey;

/** The state a person cares about: a manual job waiting is "Unggah manual", not "Dalam antrean". */
export function stateKey(j: Pick<JobSummary, 'state' | 'mode'> & Partial<Pick<JobSummary, 'needsAction'>>): MessageKey {
  if (j.mode === 'manual' && j.state === 'queued') return 'publishing.state.manual';
  if (j.state === 'needs_action' && j.needsAction?.reason === 'on_site') return 'publishing.needs.on_site';
  return `publishing.state.${j.state}` as MessageKey;
}

export function stateClass(j: Pick<JobSummary, 'state' | 'mode'>): string {
  if (j.mode === 'manual' && j.state === 'queued') return 'queue-state-manual';
  return `queue-state-${j.state}`;
}

/** ./files/outbox/<file>: the snapshot image the job will send. */
export function outboxFileUrl(file: string): string {
  return fileUrl('outbox', file);
}
