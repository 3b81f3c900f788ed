/**
 * Antrean → a channel variant chooses its images: a post with a photo in the
 * article, a photo linked to it on the photo desk and an attached card; the
 * admin builds an Instagram carousel of the three in her own order, and the
 * job carries them in that order (no Instagram connection here, so the job
 * is a manual kit, which shows exactly what would be sent).
 */
import type { Post } from '@shared/domain/post';
import { seedApprovedPost } from './seed';
import { expect, startHost, stopHost, test, hostCall } from './fixtures';


async function seed(dataDir: string): Promise<Post> {
  const { post } = await seedApprovedPost(dataDir, {
    id: 'e2e-carousel-post',
    title: 'Penimbangan Balita Serentak di 16 Kecamatan',
    lead: 'BLORA – Dinas Kesehatan Kabupaten Blora menggelar penimbangan balita serentak di 16 kecamatan.',
    tags: ['Stunting'],
    photoCredits: 'Humas Dinkes',
    photos: [
      { file: 'DSCN0010.jpg', altText: 'Kader menimbang balita' },
      // The second photo is only linked to the post on the photo desk ("Terkait berita").
      { file: 'DSCN0012.jpg', altText: 'Petugas mencatat berat badan', inArticle: false },
    ],
    team: [{ id: 'budi', name: 'Budi', role: 'editor', pinHash: null }],
  });
  return post;
}


test('two photos and a card → an Instagram carousel of three in the chosen order', async ({ page, dataDir }) => {
  test.setTimeout(90_000);
  const post = await seed(dataDir);
  const host = await startHost(dataDir);
  try {
    await hostCall(host, 'session.signIn', { memberId: 'budi' });
    // A card sent with "Lampirkan ke berita" (the card editor is another screen).
    const card = await hostCall<{ id: string; rev: number; slides: { id: string }[] }>(host, 'cards.create', { template: 'angka-kunci', name: 'Capaian posyandu' });
    await hostCall(host, 'cards.update', { id: card.id, baseRev: card.rev, patch: { slides: [{ id: card.slides[0].id, template: 'angka-kunci', kicker: 'Posyandu 2026', number: '1.250', label: 'balita ditimbang', altText: 'Infografis: 1.250 balita ditimbang' }] } });
    await hostCall(host, 'cards.attach', { id: card.id, postId: post.id });
    if ((await hostCall<{ status: string }>(host, 'posts.get', { id: post.id })).status !== 'approved') await hostCall(host, 'review.approve', { postId: post.id, validHours: null });

    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();
    await page.getByRole('link', { name: 'Siapkan tulisan' }).click();
    await page.getByRole('link', { name: post.title }).first().click();
    await page.getByRole('tab', { name: 'Instagram' }).click();
    const on = page.getByLabel('Kirim ke Instagram');
    if (!(await on.isChecked())) await on.check();

    const cardLabel = 'Kartu «Capaian posyandu» halaman 1/1';
    // Offered: the article photo (chosen by default), the linked photo and the card slide.
    await expect(page.getByLabel('Pilih Foto 1')).toBeChecked();
    await expect(page.getByLabel('Pilih Foto 2')).not.toBeChecked();
    await expect(page.getByLabel(`Pilih ${cardLabel}`)).not.toBeChecked();
    await page.getByLabel('Pilih Foto 2').check();
    await page.getByLabel(`Pilih ${cardLabel}`).check();
    await expect(page.getByText('Urutan kirim (3 dari maks. 10 gambar)')).toBeVisible();
    // The card opens the carousel; the linked photo before the article photo.
    await page.getByRole('button', { name: `Geser ${cardLabel} ke depan` }).click();
    await page.getByRole('button', { name: `Geser ${cardLabel} ke depan` }).click();
    await page.getByRole('button', { name: 'Geser Foto 1 ke belakang' }).click();
    const order = page.locator('.queue-media-order li');
    await expect(order).toHaveText([/Kartu «Capaian posyandu»/, /Foto 2/, /Foto 1/]);
    await expect(page.getByRole('button', { name: `Geser ${cardLabel} ke depan` })).toBeDisabled();
    await expect(page.locator('.pv-ig .pv-dots span')).toHaveCount(3);
    await page.screenshot({ path: 'test-results/screens/queue-carousel-order.png', fullPage: true });

    // Only Instagram goes out in this story.
    for (const ch of ['Website', 'Facebook', 'X', 'Saluran WhatsApp', 'Lainnya (TikTok, dll.)']) {
      await page.getByRole('tab', { name: ch, exact: true }).click();
      const box = page.getByLabel(`Kirim ke ${ch}`);
      if (await box.isChecked()) await box.uncheck();
    }
    await page.getByRole('button', { name: 'Simpan versi' }).click();
    // The chosen images are reviewed content: the editor approves again.
    await expect.poll(async () => (await hostCall<{ status: string }>(host, 'posts.get', { id: post.id })).status).toBe('in_review');
    await hostCall(host, 'review.approve', { postId: post.id, validHours: null });
    await page.reload();
    await page.getByRole('tab', { name: 'Instagram' }).click();
    await expect(order).toHaveText([/Kartu «Capaian posyandu»/, /Foto 2/, /Foto 1/]);

    await page.getByLabel('Kirim secepatnya').check();
    await page.getByRole('button', { name: 'Masukkan ke antrean' }).click();
    await expect(page.getByText(/1 kanal masuk antrean/)).toBeVisible();

    // No Instagram connection: a manual kit with the three images, in the chosen order, the card as a 1080×1350 JPEG.
    await page.getByRole('link', { name: /Antrean kirim/ }).click();
    await page.locator('li.queue-job[data-channel="instagram"]').getByRole('link', { name: 'Buka paket unggah' }).click();
    const imgs = page.locator('.queue-kit-images img');
    await expect(imgs).toHaveCount(3);
    expect(await imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).alt))).toEqual(['Infografis: 1.250 balita ditimbang', 'Petugas mencatat berat badan', 'Kader menimbang balita']);
    await expect(imgs.first()).toHaveAttribute('width', '1080');
    await expect(imgs.first()).toHaveAttribute('height', '1350');
    await expect.poll(() => imgs.first().evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1080);
    await page.screenshot({ path: 'test-results/screens/queue-carousel-kit.png', fullPage: true });
  } finally {
    await stopHost(host);
  }
});
