/**
 * Antrean end to end: variants with live checks, scheduling, an outbox that
 * waits while the publisher is unreachable and publishes when it is back
 * (real WordPress from ../shared/tools), and a manual WhatsApp kit.
 */
import net from 'node:net';
import type { Post } from '@shared/domain/post';
import { seedApprovedPost } from './seed';
import { queueWordpress } from './wordpress';
import { expect, startHost, stopHost, test, hostCall } from './fixtures';


/** A TCP relay in front of WordPress: closing it is "the network to the publisher is down". */
async function relayTo(port: number) {
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  let listenPort = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((c) => {
        const up = net.connect(port, '127.0.0.1');
        sockets.add(c).add(up);
        c.pipe(up).pipe(c);
        const end = () => (c.destroy(), up.destroy());
        c.on('error', end);
        up.on('error', end);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await open();
  return {
    get port() {
      return listenPort;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server?.close(() => resolve());
        server = null;
      }),
    reopen: open,
  };
}

/** An approved post with a real photo, written before the host opens the folder (approval is another feature's screen). */
async function seed(dataDir: string, title: string): Promise<Post> {
  const { post } = await seedApprovedPost(dataDir, {
    id: 'e2e-queue-post',
    title,
    lead: 'BLORA – Dinas Kesehatan Kabupaten Blora menggelar penimbangan balita serentak di 16 kecamatan untuk menekan angka stunting.',
    bodyMd: '"Kami ingin setiap balita terpantau tumbuh kembangnya," kata Kepala Dinas Kesehatan.',
    tags: ['Stunting', 'Posyandu'],
    photoCredits: 'Humas Dinkes',
    photos: [{ file: 'DSCN0010.jpg', altText: 'Kader posyandu menimbang balita di Desa Sidorejo', caption: 'Penimbangan balita', credit: 'Humas Dinkes' }],
    // The team: Budi reviews and queues.
    team: [{ id: 'budi', name: 'Budi', role: 'editor', pinHash: null }],
  });
  return post;
}


const wp = queueWordpress().wp;

test('variants with an X warning, scheduled while offline, published when back online; WhatsApp kit marked as posted', async ({ page, dataDir }) => {
  test.skip(!wp, 'real WordPress needs root (apt-get, /etc/wordpress): run as root as CI does');
  test.setTimeout(120_000);
  const title = `Penimbangan Balita Serentak ${Date.now().toString(36)}`;
  await seed(dataDir, title);
  const relay = await relayTo(Number(new URL(wp!.url).port));
  const host = await startHost(dataDir, { REDAKSI_OUTBOX_TICK_MS: '300', REDAKSI_OUTBOX_OFFLINE_RETRY_MS: '400' });
  try {
    // Budi (editor) is at the PC: connections and queueing are an editor's or admin's.
    await hostCall(host, 'session.signIn', { memberId: 'budi' });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();

    // Connection + "Tes koneksi".
    await page.getByRole('link', { name: 'Koneksi' }).click();
    await page.getByRole('button', { name: 'Tambah koneksi WordPress' }).click();
    // A plain-http address away from this computer is warned about before a password goes there.
    await page.getByLabel('Alamat website').fill('http://dinkes.blorakab.go.id');
    await expect(page.getByRole('alert').filter({ hasText: 'tanpa enkripsi' })).toBeVisible();
    await page.getByLabel('Alamat website').fill(`http://127.0.0.1:${relay.port}`);
    await expect(page.getByRole('alert').filter({ hasText: 'tanpa enkripsi' })).toHaveCount(0);
    await page.getByLabel('Nama pengguna WordPress').fill(wp!.user);
    await page.getByLabel('Kata Sandi Aplikasi').fill(wp!.appPassword);
    await page.getByRole('button', { name: 'Simpan koneksi' }).click();
    await page.getByRole('button', { name: 'Tes koneksi' }).click();
    await expect(page.getByText(/Berhasil tersambung sebagai/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/queue-connections.png', fullPage: true });

    // Variants: the X text over 280 weighted characters is flagged.
    await page.getByRole('link', { name: 'Siapkan tulisan' }).click();
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('tab', { name: 'X' }).click();
    // X has no daily target and no connection here: off by default, the admin switches it on.
    const xOn = page.getByLabel('Kirim ke X');
    await expect(xOn).not.toBeChecked();
    await xOn.check();
    const xText = page.getByLabel('Teks untuk X');
    await xText.fill(`${title}. ${'Penimbangan balita serentak digelar di seluruh posyandu Kabupaten Blora pekan ini. '.repeat(4)} https://dinkes.blorakab.go.id/berita/penimbangan-balita-serentak-2026 😀`);
    await expect(page.getByText(/Melebihi batas X: \d+\/280 karakter berbobot/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/queue-x-warning.png' });
    await expect(page.getByRole('button', { name: 'Masukkan ke antrean' })).toBeEnabled();
    await xText.fill(`${title} di 16 kecamatan. https://dinkes.blorakab.go.id/berita/penimbangan #Stunting`);
    await expect(page.getByText('Siap dikirim')).toBeVisible();
    await page.getByRole('tab', { name: 'Saluran WhatsApp' }).click();
    await page.getByLabel('Kirim ke Saluran WhatsApp').check();
    // Channel texts are reviewed content: the change sends the post back to review, and the editor approves it again.
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    await expect.poll(async () => (await hostCall<{ status: string }>(host, 'posts.get', { id: 'e2e-queue-post' })).status).toBe('in_review');
    await hostCall(host, 'review.approve', { postId: 'e2e-queue-post', validHours: null });
    await page.reload();
    await page.getByRole('tab', { name: 'X' }).click();
    await expect(page.getByLabel('Teks untuk X')).toHaveValue(/di 16 kecamatan/);
    await page.getByRole('tab', { name: 'Saluran WhatsApp' }).click();
    await expect(page.getByLabel('Kirim ke Saluran WhatsApp')).toBeChecked();
    await page.getByRole('tab', { name: 'Instagram' }).click();
    await page.screenshot({ path: 'test-results/screens/queue-instagram-preview.png' });

    // Offline: the route to WordPress is down when the job is queued.
    await relay.close();
    await page.getByLabel('Kirim secepatnya').check();
    await page.getByRole('button', { name: 'Masukkan ke antrean' }).click();
    await expect(page.getByText(/kanal masuk antrean/)).toBeVisible();

    await page.getByRole('link', { name: /Antrean kirim/ }).click();
    await expect(page.getByText(/Luring — menunggu koneksi/)).toBeVisible({ timeout: 20_000 });
    const webRow = page.locator('li.queue-job[data-channel="website"]');
    await expect(webRow.getByText('Dalam antrean')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/queue-offline.png' });

    // Back online: the outbox notices and publishes.
    await relay.reopen();
    await expect(webRow.getByText('Sudah tayang')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Luring — menunggu koneksi/)).toHaveCount(0);
    const link = await webRow.locator('a[href^="http://127.0.0.1"]').first().getAttribute('href');
    expect(link).toBeTruthy();
    const live = await fetch(link!);
    expect(live.status).toBe(200);
    expect(await live.text()).toContain(title);
    // Exactly one post with this title on WordPress.
    const auth = `Basic ${Buffer.from(`${wp!.user}:${wp!.appPassword}`).toString('base64')}`;
    const found = (await (await fetch(`${wp!.url}/wp-json/wp/v2/posts?search=${encodeURIComponent(title)}&status=draft,publish&context=edit`, { headers: { Authorization: auth } })).json()) as { title: { raw: string } }[];
    expect(found.filter((p) => p.title.raw === title)).toHaveLength(1);
    await page.screenshot({ path: 'test-results/screens/queue-published.png' });

    // WhatsApp Channel: manual kit → "Tandai sudah tayang".
    await page.locator('li.queue-job[data-channel="whatsapp"]').getByRole('link', { name: 'Buka paket unggah' }).click();
    await expect(page.getByRole('heading', { name: /Paket unggah manual — Saluran WhatsApp/ })).toBeVisible();
    await expect(page.getByLabel('Teks', { exact: true })).toHaveValue(new RegExp(`\\*${title}\\*`));
    const img = page.locator('.queue-kit-images img').first();
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    await page.getByLabel('Tautan publik unggahan').fill('https://whatsapp.com/channel/0029VaDinkesBlora/123');
    await page.screenshot({ path: 'test-results/screens/queue-whatsapp-kit.png', fullPage: true });
    await page.getByRole('button', { name: 'Tandai sudah tayang' }).click();
    await expect(page.locator('.queue-kit-done')).toHaveText('Sudah tayang: https://whatsapp.com/channel/0029VaDinkesBlora/123');

    // The calendar shows both as published today and marks the coming empty days.
    await page.getByRole('link', { name: 'Kalender' }).click();
    await expect(page.locator('.queue-cal-day.today .queue-cal-item')).toHaveCount(5);
    // Drag the (manual, still queued) Facebook item to another day of the week: the time stays, the day changes.
    const today = (await page.locator('.queue-cal-day.today').getAttribute('data-day'))!;
    const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const target = (await page.locator(`.queue-cal-day[data-day="${shift(today, 1)}"]`).count()) ? shift(today, 1) : shift(today, -1);
    const fb = page.locator('.queue-cal-day.today .queue-cal-item.queue-channel-facebook');
    const time = await fb.locator('.queue-cal-time').textContent();
    await fb.dragTo(page.locator(`.queue-cal-day[data-day="${target}"]`));
    await expect(page.getByText(/Dijadwal ulang ke/)).toBeVisible();
    await expect(page.locator(`.queue-cal-day[data-day="${target}"] .queue-cal-item.queue-channel-facebook .queue-cal-time`)).toHaveText(time!);
    await expect(page.locator('.queue-cal-day.today .queue-cal-item')).toHaveCount(4);
    // Published items cannot be dragged.
    await expect(page.locator('.queue-cal-day.today .queue-cal-item.queue-channel-website')).toHaveAttribute('draggable', 'false');
    await page.screenshot({ path: 'test-results/screens/queue-calendar.png' });
  } finally {
    await stopHost(host);
    await relay.close();
  }
});
