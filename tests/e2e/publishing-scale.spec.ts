import { jobRecord } from '../job-record';
import { cloneRecords, seedPosts } from '../scale-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('Antrean "Siapkan" with 10k approved posts shows its first rows in under 1 s', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  seedPosts(dataDir, 10_000, { status: 'approved', title: (i) => `Siap terbit ${i}` });
  const host = await startHost(dataDir);
  try {
    await page.goto(host.launchUrl);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true })).toBeVisible();
    // Warm the host once (the first request after start loads the summary index), as the app's start does.
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    await expect(page.locator('.post-row').first()).toBeVisible();

    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      await page.goto(`${host.url}#/posts`);
      await expect(page.locator('.post-row').first()).toBeVisible();
      const started = Date.now();
      await page.evaluate(() => {
        window.location.hash = '#/publishing/prepare';
      });
      await expect(page.locator('.queue-post').first()).toContainText('Siap terbit 9999');
      times.push(Date.now() - started);
    }
    const pager = page.getByRole('navigation', { name: 'Halaman tulisan' });
    await expect(pager).toContainText('1–100 dari 10.000');
    // A page of 100 posts, drawn only where in view.
    const rows = page.locator('.queue-post');
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(40);
    const list = page.getByRole('list', { name: 'Tulisan yang siap diantrekan' });
    await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '10000');
    // Scrolling reaches the page's last row.
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await expect(list.getByRole('listitem').filter({ hasText: 'Siap terbit 9900' })).toHaveAttribute('aria-posinset', '100');
    expect(await rows.count()).toBeLessThan(40);

    // Keyboard paging: Tab from "Berikutnya" to "Terakhir", Enter.
    await pager.getByRole('button', { name: /Berikutnya/ }).focus();
    await page.keyboard.press('Tab');
    await expect(pager.getByRole('button', { name: /Terakhir/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(pager).toContainText('9.901–10.000 dari 10.000');
    await expect(rows.first()).toHaveAttribute('aria-posinset', '9901');
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await expect(rows.last()).toContainText('Siap terbit 0');
    await expect(rows.last()).toHaveAttribute('aria-posinset', '10000');
    await page.screenshot({ path: 'test-results/screens/publishing-prepare-10k.png' });
    times.sort((a, b) => a - b);
    console.log(`publishing-scale: navigation to first rows ${times.join(', ')} ms (median ${times[1]} ms), ${drawn} of 100 rows in the DOM`);
    expect(times[1]).toBeLessThan(1_000);
  } finally {
    await stopHost(host);
  }
});

test('Antrean kotak keluar with 300 open WhatsApp jobs: 200 shown, drawn only where in view, the rest said', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  const posts = seedPosts(dataDir, 300, { status: 'approved', title: (i) => `Siap terbit ${i}` });
  const job = jobRecord({ postId: posts[0].id, channel: 'whatsapp', mode: 'manual', connectionId: null, payload: { ...jobRecord().payload, text: 'Teks' } });

  // Scheduled a minute apart, far ahead: the oldest slots are the ones shown.
  cloneRecords(dataDir, 'jobs', job, 300, (i) => ({
    postId: posts[i].id,
    payload: { ...job.payload, title: `Kiriman WhatsApp ${i}` },
    scheduledAt: new Date(Date.parse('2030-01-01T00:00:00.000Z') + i * 60_000).toISOString(),
    clientKey: `k${String(i).padStart(8, '0')}`,
  }));
  const host = await startHost(dataDir);
  try {
    await page.goto(`${host.launchUrl}`);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true })).toBeVisible();
    const started = Date.now();
    await page.evaluate(() => {
      window.location.hash = '#/publishing/outbox';
    });
    const list = page.getByRole('list', { name: 'Dalam antrean' });
    const rows = list.getByRole('listitem');
    await expect(rows.first()).toContainText('Kiriman WhatsApp 0');
    const firstRowsMs = Date.now() - started;
    await expect(rows.first()).toHaveAttribute('aria-setsize', '200');
    const drawn = await rows.count();
    expect(drawn).toBeLessThan(25);
    await expect(page.getByRole('status').filter({ hasText: '100 kiriman lain' })).toBeVisible();
    // Rows are measured as they are drawn, so the box grows on the way down: scroll on until the end, as a person would.
    await expect(async () => {
      await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
      await expect(rows.last().getByRole('link', { name: 'Buka paket unggah' })).toBeInViewport({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(rows.last()).toContainText('Kiriman WhatsApp 199');
    await expect(rows.last()).toHaveAttribute('aria-posinset', '200');
    expect(await rows.count()).toBeLessThan(25);
    console.log(`publishing-scale outbox: first rows ${firstRowsMs} ms, ${drawn} of 200 rows in the DOM`);
  } finally {
    await stopHost(host);
  }
});
