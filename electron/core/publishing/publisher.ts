import type { Connection, ConnectionTestResult } from '@shared/publishing/connection';
import type { AttemptLog, Job, JobMedia } from '@shared/publishing/job';
import type { SiteImageTypes } from '@shared/publishing/site-images';

/** What a publisher gets for one attempt of one job. */
export interface PublishRun {
  /** The job as stored now (refreshed after every update). */
  readonly job: Job;
  connection: Connection;
  secret: string;
  now(): Date;
  timeoutMs: number;
  readMedia(m: JobMedia): Promise<Uint8Array>;
  /** Persist a change to the job durably before going on (remote ids, intents). */
  update(change: (j: Job) => Job): Promise<void>;
  /** Another channel's connection and secret (Instagram hosts its images on the OPD's WordPress). */
  connectionFor(channel: Connection['channel']): Promise<{ connection: Connection; secret: string } | null>;
  /** Append to the attempt log (durably). */
  log(entry: Omit<AttemptLog, 'at'>): Promise<void>;
  /** Replace the connection's secret (a refreshed OAuth token pair), durably, before it is used. */
  saveSecret(value: string): Promise<void>;
  /** The site refused an image type (WebP, AVIF) while sending: remember it on the connection (shared/publishing/site-images.ts). */
  noteRefused?(mime: string): Promise<void>;
}

export interface PublishResult {
  remoteId: string;
  url: string;
  remoteStatus: string;
}

export interface Publisher {
  publish(run: PublishRun): Promise<PublishResult>;
  /** `saveSecret` keeps a token refreshed during the test (refresh tokens are single-use). */
  test(conn: Connection, secret: string | null, saveSecret?: (value: string) => Promise<void>): Promise<ConnectionTestResult>;
  /** Throws a PublishError('offline') when the channel cannot be reached. */
  probe(conn: Connection): Promise<void>;
  /** WordPress: which image types the site takes, asked by a probe upload (shared/publishing/site-images.ts). */
  imageTypes?(conn: Connection, secret: string): Promise<SiteImageTypes>;
}
