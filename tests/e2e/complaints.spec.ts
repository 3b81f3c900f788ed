import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Workspace } from '@shared/domain/workspace';
import { apiCall } from './activity-seed';
import { expect, startHost, stopHost, test, type Host } from './fixtures';
import { teamPath } from '../team-folder';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** A 2×2 PNG: the screenshot pasted from the clipboard. */
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

async function team(host: Host) {
  const ws = await apiCall<Workspace>(host, 'settings.get', {});
  const next = await apiCall<Workspace>(host, 'settings.update', {
    baseRev: ws.rev,
    opd: { shortName: 'DPUPR Blora', fullName: 'Dinas Pekerjaan Umum dan Penataan Ruang' },
    team: [
      { name: 'Admin Medsos', role: 'penulis' },
      { name: 'Kabid Bina Marga', role: 'editor' },
    ],
  });
  return { admin: next.team[0], editor: next.team[1] };
}

test('an aduan goes through every status and turns overdue when the clock passes its deadline', async ({ page, dataDir }) => {
  const host = await startHost(dataDir, { REDAKSI_DEV_CLOCK: '1' });
  try {
    const { admin, editor } = await team(host);
    await apiCall(host, 'session.signIn', { memberId: admin.id });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.launchUrl);
    await nav(page, 'Aduan').click();
    await expect(page.getByText('Belum ada aduan.')).toBeVisible();

    // Record it in seconds: channel, text, who forwarded it, and a pasted screenshot.
    await page.getByRole('link', { name: 'Catat aduan' }).click();
    await page.getByLabel('Kanal').selectOption('instagram_comment');
    await page.getByLabel('Tautan ke unggahan/komentar').fill('https://www.instagram.com/p/C0ntoh/');
    await page.getByLabel('Akun/nama pelapor').fill('@warga_ngawen');
    await page.getByLabel('Isi laporan').fill('Jalan Ngawen–Japah berlubang besar, sudah dua motor jatuh.');
    await page.getByLabel('Diteruskan oleh').fill('@bupati.blora');
    await page.getByLabel('Topik').fill('Jalan berlubang Ngawen');
    await page.getByLabel('Bidang penanggung jawab').fill('Bidang Bina Marga');
    await page.locator('form').evaluate((form, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'tangkapan.png', { type: 'image/png' }));
      form.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG_B64);
    await expect(page.getByRole('img', { name: 'Tangkapan layar aduan' })).toBeVisible();
    await page.getByRole('button', { name: 'Simpan aduan' }).click();

    const status = page.getByTestId('complaint-status');
    await expect(status).toHaveText('Baru');
    await expect(page.getByTestId('deadline-final')).toContainText('sisa');
    await expect(page.getByRole('img', { name: 'Tangkapan layar aduan' })).toHaveAttribute('src', /^\.\/files\/complaint-shots\/[a-f0-9]{64}\.jpg$/);

    // Replace it with a real phone photo that carries GPS: the stored copy is a new, clean file.
    const firstShot = await page.getByRole('img', { name: 'Tangkapan layar aduan' }).getAttribute('src');
    await page.locator('.complaint-shot-pick input[type=file]').setInputFiles(teamPath('fixtures/photos/gps/DSCN0010.jpg'));
    await expect(page.getByRole('img', { name: 'Tangkapan layar aduan' })).not.toHaveAttribute('src', firstShot!);
    await expect(page.getByRole('img', { name: 'Tangkapan layar aduan' })).toHaveJSProperty('complete', true);
    expect(await page.getByRole('img', { name: 'Tangkapan layar aduan' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Teruskan ke bidang' }).click();
    await expect(status).toHaveText('Diteruskan ke bidang');

    await page.getByLabel('Templat').selectOption('sudah_ditangani');
    await expect(page.getByRole('textbox', { name: 'Jawaban', exact: true })).toHaveValue(/^Terima kasih @warga_ngawen\. Laporan terkait Jalan berlubang Ngawen/);
    await page.getByRole('button', { name: 'Simpan draf jawaban' }).click();
    await expect(page.getByText('Disusun oleh Admin Medsos')).toBeVisible();
    await page.getByRole('button', { name: 'Ajukan jawaban ke atasan' }).click();
    await expect(status).toHaveText('Menunggu jawaban atasan');

    // A penulis cannot approve (the drafter-cannot-approve rule is covered in the unit tests).
    await page.getByRole('button', { name: 'Setujui jawaban' }).click();
    await expect(page.getByText('Hanya editor atau admin yang dapat menyetujui jawaban.')).toBeVisible();

    // Time passes: 40 days later both deadlines are gone.
    await apiCall(host, 'dev.setClockOffset', { offsetMs: 40 * 86_400_000 });
    await nav(page, 'Aduan').click();
    await page.getByRole('button', { name: /Lewat tenggat/ }).click();
    const row = page.locator('.post-row', { hasText: 'Jalan berlubang Ngawen' });
    await expect(row).toHaveClass(/complaint-overdue/);
    await expect(row.getByText('Lewat tenggat', { exact: true })).toBeVisible();
    await expect(row).not.toContainText('warga_ngawen');
    await page.screenshot({ path: 'test-results/screens/complaints-list-overdue.png' });
    await nav(page, 'Beranda').click();
    await expect(page.locator('.card', { hasText: 'Aduan lewat tenggat' }).getByRole('link', { name: 'Jalan berlubang Ngawen' })).toBeVisible();
    await page.locator('.card', { hasText: 'Aduan lewat tenggat' }).getByRole('link', { name: 'Jalan berlubang Ngawen' }).click();
    await expect(page.getByTestId('deadline-final')).toContainText('Lewat tenggat');

    // The superior signs in and approves.
    await apiCall(host, 'session.signIn', { memberId: editor.id });
    await page.reload();
    await page.getByRole('button', { name: 'Setujui jawaban' }).click();
    await expect(page.getByTestId('complaint-approved')).toContainText('Disetujui Kabid Bina Marga');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Salin jawaban' }).click();
    await expect(page.getByText('Jawaban disalin.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Terima kasih @warga_ngawen/);

    await page.getByRole('button', { name: 'Tandai sudah dijawab' }).click();
    await expect(status).toHaveText('Dijawab');
    await expect(page.getByTestId('deadline-final')).toContainText('terlambat');
    await page.getByRole('button', { name: 'Selesaikan' }).click();
    await expect(page.getByText('Isi tautan jawaban publik.')).toBeVisible();
    await page.getByLabel('Tautan jawaban publik').fill('https://www.instagram.com/p/C0ntoh/c/17900/');
    await page.getByRole('button', { name: 'Selesaikan' }).click();
    await expect(status).toHaveText('Selesai');
    const history = page.locator('.complaint-history li');
    await expect(history).toHaveText([/Baru/, /Diteruskan ke bidang/, /Menunggu jawaban atasan/, /Dijawab/, /Selesai/]);
    await page.screenshot({ path: 'test-results/screens/complaints-detail-done.png', fullPage: true });

    // Refusing needs a reason.
    await nav(page, 'Aduan').click();
    await page.getByRole('link', { name: 'Catat aduan' }).click();
    await page.getByLabel('Kanal').selectOption('whatsapp');
    await page.getByLabel('Isi laporan').fill('Minta dibuatkan jalan tol ke rumah saya.');
    await page.getByLabel('Topik').fill('Permintaan jalan tol');
    await page.getByRole('button', { name: 'Simpan aduan' }).click();
    await page.getByRole('button', { name: 'Bukan kewenangan' }).click();
    const confirm = page.getByRole('button', { name: /Simpan keputusan/ });
    await expect(confirm).toBeDisabled();
    await page.getByLabel('Alasan (wajib)').fill('Jalan tol kewenangan Kementerian PU.');
    await confirm.click();
    await expect(status).toHaveText('Bukan kewenangan');
    await expect(page.getByText('Alasan: Jalan tol kewenangan Kementerian PU.')).toBeVisible();
  } finally {
    await stopHost(host);
  }
});

test('imports reports from a CSV with a dry run and exports them anonymised', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Aduan').click();
  await page.getByRole('link', { name: 'Impor CSV' }).click();
  const csv =
    '\uFEFFkanal;diterima;pelapor;isi;topik;bidang\r\n' +
    'WA;20/11/2026 08.15;0812-3456-7890;Sampah menumpuk di Pasar Sido Makmur;Sampah pasar;Bidang Kebersihan\r\n' +
    'merpati pos;21/11/2026;@x;Isi;Lainnya;-\r\n' +
    'LAPOR!;2026-11-22 13:00;Anonim;Lampu PJU mati di Jl. Gatot Subroto;PJU mati;Bidang Penerangan\r\n';
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'aduan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('Pratinjau: 2 baris siap, 1 baris bermasalah.')).toBeVisible();
  await expect(page.locator('tr.complaint-import-bad')).toContainText('kanal tidak dikenal');
  await page.screenshot({ path: 'test-results/screens/complaints-import.png' });
  await page.getByRole('button', { name: 'Impor 2 baris' }).click();
  await expect(page.getByText('2 aduan diimpor.')).toBeVisible();
  await expect(page.locator('.post-row')).toHaveCount(2);

  await page.getByRole('button', { name: 'Ekspor CSV' }).click();
  const link = page.getByRole('link', { name: /^Unduh aduan-/ });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('Sampah pasar');
  expect(text).toContain('PJU mati');
  expect(text).not.toContain('0812-3456-7890');
  expect(text).not.toContain('Pasar Sido Makmur');
});
