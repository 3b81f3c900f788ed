import { adminCouch, seedOpd, startTestHubProcess, type TestHub } from '../unit/sync/hub/hub-server';
import { expect, hostCall, startHost, stopHost, test } from './fixtures';
import { seedApprovedPost } from './seed';

/**
 * Antrean → a job's detail, "Sinkron tim" (issue 13): a job another PC owns,
 * and that PC has not been heard from for two hours. The admin here takes
 * the sending over with "Ambil alih pengiriman" after an Indonesian
 * confirmation that says which PC and since when; cancelling it changes
 * nothing. Over the HTTP host, signed in to an express-pouchdb hub set up by
 * the real provisioning (its write rule taken off: express-pouchdb drops
 * replicated writes while one exists; the rule is unit-tested on its own).
 */
const SLUG = 'dinkominfo';
const OTHER_PC = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHubProcess();
  await seedOpd(hub, SLUG, [{ name: 'budi', role: 'editor', password: 'Sandi-Budi-22' }]);
  const db = (await adminCouch(hub)).use(`opd-${SLUG}`);
  const ddoc = await db.get('_design/redaksi');
  await db.destroy(ddoc._id, ddoc._rev);
});
test.afterAll(async () => hub?.close());

test('a job of a PC silent for two hours: "Ambil alih pengiriman" asks first, then this PC sends it', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  const title = `Donor Darah Pegawai ${Date.now().toString(36)}`;
  const { post } = await seedApprovedPost(dataDir, {
    id: 'e2e-takeover-post',
    title,
    lead: 'BLORA – Pegawai Setda Blora mengikuti donor darah bersama PMI di Pendopo Rumah Dinas Bupati.',
    bodyMd: 'Sebanyak 120 kantong darah terkumpul.',
    photos: [],
    team: [{ id: 'budi', name: 'Budi', role: 'editor', pinHash: null }],
  });
  const host = await startHost(dataDir);
  try {
    await hostCall(host, 'session.signIn', { memberId: 'budi' });
    await hostCall(host, 'hub.save', { url: hub.url, opdSlug: SLUG });
    expect((await hostCall<{ signedIn: boolean }>(host, 'hub.signIn', { username: 'budi', password: 'Sandi-Budi-22' })).signedIn).toBe(true);
    // Queued here (no Facebook connection: a manual job, so the outbox leaves it alone).
    const [job] = await hostCall<{ id: string }[]>(host, 'publishing.schedule', { postId: post.id, channels: ['facebook'], scheduledAt: null });

    // On the hub the job becomes another PC's, last written two hours ago (as a PC that took it over and then went off).
    const db = (await adminCouch(hub)).use<{ type: string; src: string; data: Record<string, unknown> }>(`opd-${SLUG}`);
    await expect.poll(async () => (await db.get(`jobs:${job.id}`).catch(() => null)) !== null, { timeout: 30_000 }).toBe(true);
    const doc = await db.get(`jobs:${job.id}`);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    await db.insert({ ...doc, src: OTHER_PC, data: { ...doc.data, ownerPc: OTHER_PC, updatedAt: twoHoursAgo } });
    await expect.poll(async () => (await hostCall<{ mine: boolean; ownerGone: boolean }>(host, 'sync.job', { jobId: job.id })).ownerGone, { timeout: 30_000 }).toBe(true);

    await page.goto(host.launchUrl);
    await page.evaluate((id) => (window.location.hash = `#/publishing/job/${id}`), job.id);
    const notice = page.getByRole('region', { name: 'Sinkron tim' });
    await expect(notice).toContainText('Unggahan ini dikirim oleh komputer lain (9f8e7d6c).');
    await expect(notice).toContainText('tidak terdengar lebih dari satu jam');
    const takeOver = notice.getByRole('button', { name: 'Ambil alih pengiriman' });
    await page.screenshot({ path: 'test-results/screens/sync-take-over.png', fullPage: true });

    // First the person thinks better of it: nothing changes.
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await takeOver.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain(`Ambil alih unggahan "${title}"?`);
    expect(asked[0]).toContain('Komputer 9f8e7d6c terakhir terdengar');
    expect(asked[0]).toContain('hanya komputer ini yang mengirimnya');
    expect((await hostCall<{ mine: boolean }>(host, 'sync.job', { jobId: job.id })).mine).toBe(false);
    await expect(takeOver).toBeVisible();

    // Then confirms.
    page.once('dialog', (d) => void d.accept());
    await takeOver.click();
    await expect(page.getByText('Pengiriman diambil alih. Komputer ini yang akan mengirim unggahan ini.')).toBeVisible();
    await expect(takeOver).toHaveCount(0);
    const after = await hostCall<{ mine: boolean; ownerPc: string }>(host, 'sync.job', { jobId: job.id });
    expect(after.mine).toBe(true);
    expect(after.ownerPc).not.toBe(OTHER_PC);
    // The hub hears of it: the job is this PC's there too.
    await expect.poll(async () => (await db.get(`jobs:${job.id}`)).data.ownerPc, { timeout: 30_000 }).toBe(after.ownerPc);
  } finally {
    await stopHost(host);
  }
});
