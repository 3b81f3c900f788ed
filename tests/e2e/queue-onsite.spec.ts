/**
 * Author mapping and "Sudah ada di website?" in Chromium against the real
 * WordPress (../shared/tools): the Penulis credit is mapped to a site user
 * read from the site; the article was already typed into wp-admin by hand;
 * queueing it in Redaksi shows that post and lets the admin link it, so
 * the site keeps exactly one copy.
 */
import type { Post } from '@shared/domain/post';
import { seedApprovedPost } from './seed';
import { queueWordpress } from './wordpress';
import { expect, startHost, stopHost, test, hostCall } from './fixtures';


async function seed(dataDir: string, title: string): Promise<Post> {
  const { post } = await seedApprovedPost(dataDir, {
    id: 'e2e-onsite-post',
    title,
    lead: 'BLORA – Dinas Peternakan menggelar vaksinasi rabies gratis di Kecamatan Cepu.',
    category: 'Kesehatan Hewan',
    tags: ['Rabies'],
    photos: [{ file: 'DSCN0021.jpg', altText: 'Petugas menyuntik vaksin rabies' }],
    team: [{ id: 'budi', name: 'Budi', role: 'editor', pinHash: null }],
  });
  return post;
}


const wp = queueWordpress().wp;

test('the Penulis is mapped to a WordPress user; a post typed into wp-admin by hand is shown before queueing and linked, not published twice', async ({ page, dataDir }) => {
  test.skip(!wp, 'real WordPress needs root (apt-get, /etc/wordpress): run as root as CI does');
  test.setTimeout(90_000);
  const title = `Vaksinasi Rabies Gratis di Kecamatan Cepu ${Date.now().toString(36)}`;
  const auth = `Basic ${Buffer.from(`${wp!.user}:${wp!.appPassword}`).toString('base64')}`;
  const made = (await (await fetch(`${wp!.url}/wp-json/wp/v2/posts`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ title, content: 'Diketik di wp-admin.', status: 'publish' }) })).json()) as { id: number; link: string };
  const post = await seed(dataDir, title);
  const host = await startHost(dataDir, { REDAKSI_OUTBOX_TICK_MS: '300' });
  try {
    await hostCall(host, 'session.signIn', { memberId: 'budi' });
    await hostCall(host, 'connections.save', { channel: 'website', label: 'Website dinas', baseUrl: wp!.url, username: wp!.user, secret: wp!.appPassword });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Antrean', exact: true }).click();

    // The Penulis "Ani" is mapped to a WordPress user read from the site (here its administrator).
    await page.getByRole('link', { name: 'Koneksi' }).click();
    await page.getByText('Penulis di WordPress (0 dipetakan)').click();
    const pick = page.getByLabel('Pengguna WordPress untuk Ani');
    await expect(pick).toBeVisible();
    const adminOption = (await pick.locator('option').allTextContents()).find((o) => o.includes(`(@${wp!.user})`))!;
    await pick.selectOption({ label: adminOption });
    await page.getByRole('button', { name: 'Simpan pemetaan penulis' }).click();
    await expect(page.getByText('Pemetaan penulis tersimpan dan sudah dicek ke website.')).toBeVisible();
    await expect(page.getByText('Penulis di WordPress (1 dipetakan)')).toBeVisible();
    await page.locator('.queue-authors').screenshot({ path: 'test-results/screens/queue-authors.png' });

    await page.getByRole('link', { name: 'Siapkan tulisan' }).click();
    await page.getByRole('link', { name: title }).first().click();
    await expect(page.getByLabel('Kirim ke Website')).toBeChecked();
    await expect(page.getByText(/Tayang atas nama pengguna WordPress .+ \(Penulis: Ani\)\./)).toBeVisible();
    await page.getByLabel('Kirim secepatnya').check();
    await page.getByRole('button', { name: 'Masukkan ke antrean' }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Sudah ada di website?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('link', { name: title })).toHaveAttribute('href', made.link);
    await expect(dialog.getByText(/Alamat \(slug\) dari judul yang sama · Tayang/)).toBeVisible();
    await dialog.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/queue-onsite.png' });

    await dialog.getByRole('button', { name: 'Ini tulisan yang sama — tautkan, jangan kirim lagi' }).click();
    await expect(page.getByText('Tertaut ke tulisan yang sudah ada di website.', { exact: false })).toBeVisible();
    await expect(dialog).toHaveCount(0);

    await page.getByRole('link', { name: /Antrean kirim/ }).click();
    const webRow = page.locator('li.queue-job[data-channel="website"]');
    await expect(webRow.getByText('Sudah tayang')).toBeVisible();
    await expect(webRow.locator(`a[href="${made.link}"]`).first()).toBeVisible();
    expect((await hostCall<{ status: string }>(host, 'posts.get', { id: post.id })).status).toBe('published');
    // Still one post with this title on WordPress, a few outbox rounds later.
    await page.waitForTimeout(1500);
    const found = (await (await fetch(`${wp!.url}/wp-json/wp/v2/posts?search=${encodeURIComponent(title)}&status=draft,publish&context=edit`, { headers: { Authorization: auth } })).json()) as { title: { raw: string } }[];
    expect(found.filter((p) => p.title.raw === title)).toHaveLength(1);
  } finally {
    await stopHost(host);
  }
});
