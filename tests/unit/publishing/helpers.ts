import { afterEach } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { Outbox } from '@core/publishing/outbox';
import type { openApi } from '../electron/helpers';

export { jobRecord } from '../../job-record';


const stubs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (stubs.length) await stubs.pop()!.close();
});

/** Starts a protocol stub for the running test (closed after it); its base URL. */
export async function listenForTest(stub: { listen(): Promise<string>; close(): Promise<void> }): Promise<string> {
  stubs.push(stub);
  return stub.listen();
}

/**
 * An outbox that sends only when the test says: `next()` moves the clock to
 * the job's next attempt (if it waits for one), runs one tick and returns
 * the job as stored.
 */
export async function steppedOutbox(api: Awaited<ReturnType<typeof openApi>>, jobId: string, clock: { now: Date }, timeoutMs = 5000) {
  const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, timeoutMs });
  await ob.start({ poll: false });
  const next = async () => {
    const j = api.store.collections.jobs.get(jobId)!;
    if (j.nextAttemptAt) clock.now = new Date(Date.parse(j.nextAttemptAt) + 1);
    await ob.tick();
    return api.store.collections.jobs.get(jobId)!;
  };
  return { ob, next };
}
