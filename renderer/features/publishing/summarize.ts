import type { JobSummary } from '@shared/api/contracts/publishing';
import type { Job } from '@shared/publishing/job';

/** The list form of a full job (same shape the overview sends). */
export function summarize(j: Job): JobSummary {
  const { log, payload, ...rest } = j;
  return { ...rest, title: payload.title, text: payload.text, mediaCount: payload.media.length, media: payload.media, lastLog: log[log.length - 1] ?? null };
}
