import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Workspace } from '@shared/domain/workspace';
import { apiCall } from './activity-seed';
import { expect, seedWriterAndEditor, test } from './fixtures';

/**
 * A new admin's first week at 1366×768: Pengaturan in sections, each short
 * and clean for screen readers, and dates picked in Indonesian (not the
 * browser's locale).
 */
const SHOTS = '/tmp/shots-firstweek';
mkdirSync(SHOTS, { recursive: true });

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name, exact: true });
const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name, exact: true });

test.beforeEach(async ({ host }) => {
  const ws = await apiCall<Workspace>(host, 'settings.get', {});
  await apiCall(host, 'settings.update', {
    baseRev: ws.rev,
    opd: { fullName: 'Dinas Kesehatan Kabupaten Blora', shortName: 'Dinkes Blora' },
    setup: { status: 'done', step: 'firstPost', confirmed: [] },
  });
});

test('Pengaturan in sections: each one short, reachable by its own address, with no serious accessibility finding', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Pengaturan').click();
  const found: string[] = [];
  const sections: [string, string, string][] = [
    ['Profil OPD', 'profil', 'Profil OPD'],
    ['Tim', 'tim', 'Tim'],
    ['Koneksi', 'koneksi', 'Koneksi kanal'],
    ['Target', 'target', 'Target publikasi'],
    ['Kit merek', 'merek', 'Kit merek kartu info'],
    ['Penulisan', 'penulisan', ''],
    ['Data dan cadangan', 'data', 'Data dan cadangan'],
    ['Sinkron', 'sinkron', 'Sinkron'],
    ['Pantauan', 'pantauan', ''],
  ];
  for (const [name, slug, heading] of sections) {
    await section(page, name).click();
    await expect(page).toHaveURL(new RegExp(`#/settings/${slug}$`));
    await expect(section(page, name)).toHaveAttribute('aria-current', 'page');
    if (heading) await expect(page.getByRole('heading', { name: heading, exact: true }).first()).toBeVisible();
    // Nothing scrolls sideways at the office screen size.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
    await page.screenshot({ path: `${SHOTS}/settings-${slug}.png` });
    found.push(...(await axe(page)).map((f) => `${name}: ${f}`));
  }
  expect(found).toEqual([]);

  // The short sections fit one screen: no 2,468 px page any more.
  for (const slug of ['profil', 'tim', 'data']) {
    await page.goto(`${host.launchUrl.replace(/#.*$/, '')}#/settings/${slug}`);
    await expect(section(page, 'Profil OPD')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollHeight), slug).toBeLessThanOrEqual(1100);
  }

  // The card checks' old links to the brand kit still land on it.
  await page.goto(`${host.launchUrl.replace(/#.*$/, '')}#/settings/brand/footer`);
  await expect(section(page, 'Kit merek')).toHaveAttribute('aria-current', 'page');
});

test('a holiday date is picked on an Indonesian calendar and shown day first', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Pengaturan').click();
  await section(page, 'Target').click();
  const panel = page.locator('form.targets-panel');
  const date = panel.getByRole('textbox', { name: 'Tanggal', exact: true });
  await expect(date).toHaveAttribute('placeholder', 'hh/bb/tttt');

  // Typed day first, as people write it.
  await date.fill('31/12/2026');
  await panel.getByLabel('Keterangan').fill('Hari Jadi Kabupaten');
  await panel.getByRole('button', { name: 'Tambah hari libur' }).click();

  // Or picked on the calendar: Indonesian day and month names.
  await date.fill('');
  await expect(date).toHaveAccessibleDescription(/Alt dan panah bawah/);
  await date.press('Alt+ArrowDown');
  const calendar = page.getByRole('dialog', { name: 'Kalender' });
  await expect(calendar).toBeVisible();
  // Indonesian day names, Monday first (Sen, Sel, Rab, Kam, Jum, Sab, Min), not the browser's locale.
  await expect(calendar.getByRole('grid')).toContainText(/Sen\s*Sel\s*Rab\s*Kam\s*Jum\s*Sab\s*Min/);
  await calendar.getByRole('button', { name: /berikut/i }).click();
  await page.screenshot({ path: `${SHOTS}/date-picker.png` });
  expect(await axe(page)).toEqual([]);
  await calendar.getByRole('gridcell').getByRole('button', { name: /15/ }).first().click();
  await expect(calendar).toHaveCount(0);
  await expect(date).toBeFocused();
  await expect(date).toHaveValue(/^15\/\d{2}\/\d{4}$/);

  // A date that does not exist is said in words, and the field is marked.
  await date.fill('31/02/2027');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toHaveAttribute('title', 'Tanggal tidak dikenali. Tulis seperti 27/11/2026.');

  await date.fill('');
  await panel.getByRole('button', { name: 'Simpan target' }).click();
  await expect
    .poll(async () => (await apiCall<Workspace>(host, 'settings.get', {})).targets.holidays.find((h) => h.date === '2026-12-31'))
    .toEqual({ date: '2026-12-31', name: 'Hari Jadi Kabupaten', kind: 'local' });
});

test('suggestion mode: the editor changes a formatted paragraph in place, sees track changes, and the author accepts it', async ({ page, host }) => {
  const { writer, editor } = await seedWriterAndEditor(host);
  // Bold and a link inside the paragraph: an exact-string suggestion on the rendered text used to fail here.
  const body = 'Acara digelar di **Pendopo Rumah Dinas Bupati** dan diikuti [seluruh OPD](https://blorakab.go.id) se-Kabupaten Blora.';
  const post = await apiCall<{ id: string }>(host, 'posts.create', { content: { title: 'Bupati Minta OPD Aktif', lead: 'Bupati Blora meminta setiap OPD aktif di media sosial.', bodyMd: body } });
  await apiCall(host, 'review.submit', { postId: post.id });
  await apiCall(host, 'session.signIn', { memberId: editor.id });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await page.evaluate((id) => (window.location.hash = `#/posts/${id}/review`), post.id);
  await expect(page.getByRole('heading', { name: 'Bupati Minta OPD Aktif', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Usulkan paragraf 1' }).click();
  const edit = page.getByLabel('Ubah paragraf 1 (perubahan tampil sebagai usulan)');
  await expect(edit).toBeFocused();
  await edit.fill(body.replace('Rumah Dinas Bupati', 'Rumah Dinas Resmi Bupati').replace(' se-Kabupaten Blora', ''));
  const preview = page.locator('.track-preview');
  await expect(preview.locator('ins').first()).toContainText('Resmi');
  await expect(preview.locator('del').first()).toContainText('Kabupaten');
  await page.screenshot({ path: `${SHOTS}/review-suggest-in-place.png` });
  await page.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(edit).toHaveCount(0);

  // The suggestion sits on its paragraph as track changes; the author accepts it there.
  const pending = page.getByRole('list', { name: 'Usulan perubahan pada paragraf 1' });
  await expect(pending.locator('ins').first()).toContainText('Resmi');
  await expect(pending.locator('del').first()).toContainText('Kabupaten');
  await apiCall(host, 'session.signIn', { memberId: writer.id });
  await page.reload();
  await expect(pending.locator('ins').first()).toBeVisible();
  await page.locator('[data-paragraph="1"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/review-track-changes.png` });
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Terima usulan Budi Editor pada paragraf 1' }).click();
  await expect(pending).toHaveCount(0);
  await expect(page.locator('[data-paragraph="1"] .review-para-text')).toContainText('Pendopo Rumah Dinas Resmi Bupati dan diikuti seluruh OPD.');
  const saved = await apiCall<{ post: { bodyMd: string } }>(host, 'review.get', { postId: post.id });
  expect(saved.post.bodyMd).toBe('Acara digelar di **Pendopo Rumah Dinas Resmi Bupati** dan diikuti [seluruh OPD](https://blorakab.go.id).');
});

test('months and photo dates are picked in Indonesian, not in the browser locale', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Laporan').click();
  const month = page.getByRole('combobox', { name: 'Bulan', exact: true });
  await expect(month.locator('option')).toHaveText(['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']);
  await page.getByRole('textbox', { name: 'Tahun', exact: true }).fill('2025');
  await month.selectOption({ label: 'Agustus' });
  await expect(page.getByText(/\(1\/8\/2025\) – \S+ \(31\/8\/2025\)/)).toBeVisible();
  // A year that is not one is said in words.
  await page.getByRole('textbox', { name: 'Tahun', exact: true }).fill('25');
  await expect(page.getByRole('textbox', { name: 'Tahun', exact: true })).toHaveAttribute('title', 'Tulis tahun dengan 4 angka, seperti 2026.');
  expect(await axe(page)).toEqual([]);

  await nav(page, 'Media').click();
  const from = page.getByRole('textbox', { name: /^Diambil dari/ });
  await expect(from).toHaveAttribute('placeholder', 'hh/bb/tttt');
  await from.fill('1/8/2025');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');
  expect(await axe(page)).toEqual([]);
});
