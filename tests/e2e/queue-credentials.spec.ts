/**
 * Browser mode (`npm run web`) keeps the WordPress application password
 * across a restart, sealed under the admin's PIN: after the restart the
 * queued post waits (not "Perlu tindakan"), the screens say why, and it goes
 * out as soon as the admin signs in with her PIN. Real WordPress from
 * ../shared/tools.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPin } from '@core/review/pins';
import type { Post } from '@shared/domain/post';
import { seedApprovedPost } from './seed';
import { queueWordpress } from './wordpress';
import { expect, startHost, stopHost, test, hostCall } from './fixtures';


const PIN = '583920';

async function seed(dataDir: string, title: string): Promise<Post> {
  const { post } = await seedApprovedPost(dataDir, {
    id: 'e2e-cred-post',
    title,
    lead: 'BLORA – Dinas Kesehatan menggelar penimbangan balita.',
    tags: ['Stunting'],
    editorCredit: 'Rina',
    photos: [{ file: 'DSCN0010.jpg', altText: 'Kader menimbang balita' }],
    team: [
      { id: 'rina', name: 'Rina', role: 'admin', pinHash: await hashPin(PIN) },
      { id: 'sari', name: 'Sari', role: 'penulis', pinHash: null },
    ],
  });
  return post;
}


const wp = queueWordpress().wp;

test('the WordPress password survives a restart sealed under the admin PIN; the queue waits, then goes at her sign-in', async ({ page, dataDir }) => {
  test.skip(!wp, 'real WordPress needs root (apt-get, /etc/wordpress): run as root as CI does');
  test.setTimeout(120_000);
  const title = `Penimbangan Balita ${Date.now().toString(36)}`;
  const post = await seed(dataDir, title);
  let host = await startHost(dataDir, { REDAKSI_OUTBOX_TICK_MS: '300' });
  try {
    await hostCall(host, 'session.signIn', { memberId: 'rina', pin: PIN });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();
    await page.getByRole('link', { name: 'Koneksi' }).click();
    await expect(page.getByText(/disimpan terenkripsi \(AES-256-GCM\)/)).toBeVisible();
    await page.getByRole('button', { name: 'Tambah koneksi WordPress' }).click();
    await page.getByLabel('Alamat website').fill(wp!.url);
    await page.getByLabel('Nama pengguna WordPress').fill(wp!.user);
    await page.getByLabel('Kata Sandi Aplikasi').fill(wp!.appPassword);
    await page.getByRole('button', { name: 'Simpan koneksi' }).click();
    await page.getByRole('button', { name: 'Tes koneksi' }).click();
    await expect(page.getByText(/Berhasil tersambung sebagai/)).toBeVisible();
    // The test also asked the site which image types it takes (WordPress 6.1: no AVIF).
    await expect(page.getByTestId('site-image-types')).toContainText('Situs menerima: JPEG, WebP (diperiksa');
    // On disk: sealed files only, the password nowhere.
    const files = readdirSync(path.join(dataDir, 'secrets'));
    expect(files).toContain('vault.json');
    for (const f of files) expect(readFileSync(path.join(dataDir, 'secrets', f), 'utf8')).not.toContain(wp!.appPassword);
    // Queued for a few seconds from now, then Redaksi is closed.
    await hostCall(host, 'publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: new Date(Date.now() + 6000).toISOString(), newOnSite: true });
  } finally {
    await stopHost(host);
  }

  host = await startHost(dataDir, { REDAKSI_OUTBOX_TICK_MS: '300' });
  try {
    // Sari (writer, no PIN) is at the PC: the password stays locked and the job waits past its time.
    await hostCall(host, 'session.signIn', { memberId: 'sari' });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();
    await page.getByRole('link', { name: /Antrean kirim/ }).click();
    await expect(page.getByText(/1 kiriman menunggu kata sandi koneksi dibuka/)).toBeVisible();
    await page.waitForTimeout(7000);
    await page.reload();
    const webRow = page.locator('li.queue-job[data-channel="website"]');
    await expect(webRow.getByText('Dalam antrean')).toBeVisible();
    await expect(page.getByText(/Perlu tindakan/)).toHaveCount(0);
    await page.getByRole('link', { name: 'Koneksi' }).click();
    await expect(page.getByText(/Kata sandi koneksi terkunci sejak Redaksi dibuka ulang/)).toBeVisible();
    await expect(page.getByText('Terkunci — perlu PIN admin/editor')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/queue-credentials-locked.png', fullPage: true });

    // Rina signs in with her PIN: the password opens and the post goes out without anyone pressing anything.
    await hostCall(host, 'session.signIn', { memberId: 'rina', pin: PIN });
    await page.getByRole('link', { name: /Antrean kirim/ }).click();
    await expect(webRow.getByText('Sudah tayang')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screens/queue-credentials-sent.png', fullPage: true });
  } finally {
    await stopHost(host);
  }
});
