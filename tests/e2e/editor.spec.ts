import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { teamPath } from '../team-folder';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const finding = (page: Page, text: string | RegExp) => page.getByTestId('finding').filter({ hasText: text });
/** The body: the visual editor, a rich text box named by its visible label. */
const bodyBox = (page: Page) => page.getByRole('textbox', { name: 'Isi berita' });

test('writes from a template, fixes findings inline and from the list, adds a word, compares and restores versions', async ({ page, host }) => {
  page.on('dialog', (d) => void d.accept());
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();

  // Templates are offered on a new, empty post.
  await page.getByRole('button', { name: /Berita kegiatan/ }).click();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(/\[\[Siapa melakukan apa/);
  await expect(finding(page, 'Ganti teks panduan').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-template.png' });

  await page.getByLabel('Judul', { exact: true }).fill('Bupati Blora Resmikan Gedung UDD PMI');
  await page.getByLabel('Tanggal kegiatan').fill('2024-05-16');
  await page
    .getByLabel('Teras berita (lead)')
    .fill('bupati Blora Arief Rohman meresmikan gedung baru UDD PMI di Jalan Pemuda, Kamis (16/5/2024). Gedung ini menjadi pusat pelayanan donor darah bagi warga Blora dan sekitarnya serta tempat pelatihan relawan.');
  await bodyBox(page).click();
  await page.keyboard.type('Warga dihimbau mendaftar lebih dulu melalui aplikasi.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Relawan Widayat dari Randublatung ikut hadir dan warga ngaliwet bersama.');
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');

  // Inline: the lower-case jabatan is marked in the lead; with the caret on it, its card offers the fix.
  await expect(page.locator('.lead-input mark[data-rule="eyd.jabatan"]')).toHaveText('bupati');
  const lead = page.getByLabel('Teras berita (lead)');
  await lead.focus();
  await lead.press('Control+Home');
  await lead.press('ArrowRight');
  const caretCard = page.getByTestId('caret-findings');
  await expect(caretCard).toContainText('Jabatan sebelum nama ditulis kapital');
  await page.screenshot({ path: 'test-results/screens/editor-inline.png' });
  await caretCard.getByRole('button', { name: 'Ganti dengan "Bupati"' }).click();
  await expect(lead).toHaveValue(/^Bupati Blora Arief Rohman meresmikan/);

  // From the side list: a non-standard word with its one-click fix.
  await expect(page.locator('.body-input mark[data-rule="eyd.nonstandard"]')).toHaveText('dihimbau');
  await finding(page, '"dihimbau" tidak baku').getByRole('button', { name: 'Ganti dengan "diimbau"' }).click();
  await expect(bodyBox(page)).toContainText('Warga diimbau mendaftar');
  await expect(finding(page, '"dihimbau" tidak baku')).toHaveCount(0);

  // Spelling: a regional word goes into the workspace dictionary; a place of the gazetteer (Randublatung) is known.
  const spell = finding(page, '"ngaliwet" tidak dikenal kamus');
  await expect(spell).toBeVisible();
  await expect(finding(page, 'Randublatung')).toHaveCount(0);
  await spell.getByRole('button', { name: 'Tambahkan ke kamus' }).click();
  await expect(page.getByText('"ngaliwet" ditambahkan ke kamus kerja.')).toBeVisible();
  await expect(spell).toHaveCount(0);
  // Names the dictionary does not know are not errors; they are added all at once.
  const addNames = page.getByRole('button', { name: /^Tambahkan semua nama di tulisan ini \(\d+\)$/ });
  await expect(addNames).toHaveAttribute('title', /Widayat/);
  await addNames.click();
  await expect(page.getByText(/^\d+ nama ditambahkan ke kamus kerja\.$/)).toBeVisible();
  await expect(addNames).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/editor-coach.png' });
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');

  // Distraction-free mode hides the app chrome and the side panel; Escape leaves it.
  await page.getByRole('button', { name: 'Mode fokus' }).click();
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Pratinjau' })).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/editor-focus.png' });
  await bodyBox(page).press('Escape');
  await expect(page.getByRole('navigation')).toBeVisible();

  // Preview: portal layout with the house dateline and date.
  await page.getByRole('tab', { name: 'Pratinjau' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('h1')).toHaveText('Bupati Blora Resmikan Gedung UDD PMI');
  await expect(preview.locator('.news-lead')).toContainText('BLORA – Bupati Blora Arief Rohman');
  await expect(preview.locator('.news-date')).toHaveText('Kamis (16/5/2024)');
  await page.screenshot({ path: 'test-results/screens/editor-preview.png' });

  // History: compare the first version with the latest, then restore the first.
  await page.getByRole('tab', { name: 'Riwayat' }).click();
  // Drawn rows only (the version list is virtualised; hidden spacer rows carry no row index).
  const rows = page.locator('.version-table tbody tr[aria-rowindex]');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('version-diff').locator('ins').first()).toBeVisible();
  await expect(page.getByTestId('version-diff')).toContainText('Bupati Blora Resmikan Gedung UDD PMI');
  await page.screenshot({ path: 'test-results/screens/editor-history.png' });
  await rows.nth(1).getByRole('button', { name: /Pulihkan versi ini/ }).click();
  await expect(page.getByText('Versi dipulihkan')).toBeVisible();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue('');
  // Restoring added a version; nothing was deleted.
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('dipulihkan');

  // Restore the edited version back: the history still has it.
  await rows.nth(1).getByRole('button', { name: /Pulihkan versi ini/ }).click();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue('Bupati Blora Resmikan Gedung UDD PMI');
  await expect(rows).toHaveCount(4);
});

test('pastes a real article and gets the fields split', async ({ page, host }) => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(teamPath('context/seed-medsos-opd-jangan-mati-suri.txt'), 'utf8');
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: 'Tempel artikel' }).click();
  await page.getByLabel('Teks artikel').fill(text);
  const result = page.getByTestId('paste-result');
  await expect(result).toContainText('Medsos OPD Jangan Mati Suri');
  await expect(result).toContainText('2022-08-25');
  await page.screenshot({ path: 'test-results/screens/editor-paste.png' });
  await page.getByRole('button', { name: 'Buat tulisan' }).click();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue('Medsos OPD Jangan Mati Suri');
  await expect(page.getByLabel('Kota (dateline)')).toHaveValue('BLORA');
  await expect(page.getByLabel('Teras berita (lead)')).toHaveValue(/^Media sosial milik organisasi perangkat daerah/);
  await expect(page.locator('.body-input mark[data-rule="eyd.nonstandard"]').first()).toBeVisible();
});

test('pastes an outlet article: caption apart, outlet named, the OPD dateline offered', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: 'Tempel artikel' }).click();
  await page
    .getByLabel('Teks artikel')
    .fill(
      'Bupati Tinjau Tanggul Kradenan\n\nBupati saat meninjau tanggul yang jebol di Desa Kradenan pada Minggu pagi bersama camat.\n\nPurwodadi, KABARNEWS – Bupati Grobogan meninjau tanggul yang jebol di Desa Kradenan, Minggu (30/11/2025). Ia meminta warga tetap waspada.\n\nWarga diminta mengungsi ke balai desa sampai air surut.\n\nPamungkas Biro BloraEditor: Admin',
    );
  const result = page.getByTestId('paste-result');
  await expect(page.getByTestId('paste-caption')).toHaveText(/^Bupati saat meninjau tanggul/);
  await expect(result).toContainText('PURWODADI');
  await expect(result).toContainText('KABARNEWS');
  await expect(result).toContainText('2025-11-30');
  await expect(result).toContainText('Pamungkas Biro Blora');
  await page.getByRole('button', { name: 'Ganti dateline dengan BLORA –' }).click();
  await page.screenshot({ path: 'test-results/screens/editor-paste-outlet.png' });
  await page.getByRole('button', { name: 'Buat tulisan' }).click();
  await expect(page.getByLabel('Kota (dateline)')).toHaveValue('BLORA');
  await expect(page.getByLabel('Teras berita (lead)')).toHaveValue(/^Bupati Grobogan meninjau tanggul/);
  await expect(bodyBox(page)).toHaveText('Warga diminta mengungsi ke balai desa sampai air surut.');
});

const XSS = [
  '<script>window.__xss = 1; alert(1)</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">tautan-a</a>',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">gaya</div>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '[klik-js](javascript:alert(1))',
  '[klik-caps](JaVaScRiPt:alert(1))',
  '[klik-tab](java\tscript:alert(1))',
  '[klik-ent](javascript&#58;alert(1))',
  '[klik-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![gambar](javascript:alert(1))',
  '![gambar-data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<https://example.org" onmouseover="alert(1)>',
  '[aman](https://blorakab.go.id/ "judul")',
];

test('XSS payloads in title, lead, body and links never execute or inject elements in the preview', async ({ page, host }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('"><img src=x onerror=alert(1)><script>alert(2)</script>');
  await page.getByLabel('Teras berita (lead)').fill('<img src=x onerror=alert(3)> [lead](javascript:alert(4)) <b onmouseover=alert(5)>tebal</b>');
  // Raw Markdown and HTML typed as text: in the Markdown mode, where it is stored as typed.
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await bodyBox(page).fill(XSS.join('\n\n'));
  await page.getByRole('tab', { name: 'Pratinjau' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('a', { hasText: 'aman' })).toHaveAttribute('href', 'https://blorakab.go.id/');
  // Let any injected handler have its chance to run.
  await preview.hover();
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);

  const report = await preview.evaluate((root) => {
    const bad: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'details', 'form', 'input', 'link', 'meta', 'base'].includes(tag)) bad.push(`tag ${tag}`);
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
        if (a.name === 'style') bad.push(`${tag}[style]`);
        if ((a.name === 'href' || a.name === 'src') && /^\s*(javascript|data|vbscript):/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))) bad.push(`${tag}[${a.name}=${a.value}]`);
      }
    }
    return { bad, xss: (window as unknown as { __xss?: number }).__xss ?? 0, imgs: root.querySelectorAll('img').length };
  });
  expect(report.bad).toEqual([]);
  expect(report.xss).toBe(0);
  expect(dialogs).toEqual([]);
  // The payloads are shown as text, not silently swallowed.
  await expect(preview.locator('h1')).toContainText('<img src=x onerror=alert(1)>');
  await page.screenshot({ path: 'test-results/screens/editor-xss.png' });
});

test('inserts a photo from the Media library into the body and the preview', async ({ page, host, request }) => {
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(teamPath('fixtures/photos/camera/Nikon_D70.jpg'));
  const res = await request.post(`${host.url}api/media.import`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { name: 'Nikon_D70.jpg', dataBase64: bytes.toString('base64') },
  });
  const imported = (await res.json()) as { ok: boolean; value: { photo: { id: string; sha256: string } } };
  expect(imported.ok).toBe(true);
  const sha = imported.value.photo.sha256;

  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  const body = bodyBox(page);
  await body.click();
  await page.keyboard.type('Paragraf pertama.');
  // Shortcut: Ctrl+B makes the selected word bold; Ctrl+Z undoes it.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+Control+ArrowLeft');
  await expect.poll(() => page.evaluate(() => getSelection()!.toString())).toBe('pertama');
  await page.keyboard.press('Control+b');
  await expect(body.locator('strong')).toHaveText('pertama');
  await page.keyboard.press('Control+z');
  await expect(body.locator('strong')).toHaveCount(0);
  await page.keyboard.press('End');
  await page.getByRole('button', { name: '+ Foto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sisipkan foto dari Media' });
  await dialog.getByRole('button', { name: /Sisipkan: / }).first().click();
  await expect(body.locator(`figure img[src="./files/previews/${sha}.jpg"]`)).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  const id = /#\/posts\/([^/]+)/.exec(page.url())![1];
  const stored = await request.post(`${host.url}api/posts.get`, { headers: { Authorization: `Bearer ${host.token}` }, data: { id } });
  expect(((await stored.json()) as { value: { bodyMd: string } }).value.bodyMd).toMatch(new RegExp(`^Paragraf pertama\\.\\n\\n!\\[[^\\]]*\\]\\(\\./files/previews/${sha}\\.jpg\\)$`));
  await page.getByRole('tab', { name: 'Pratinjau' }).click();
  const img = page.getByTestId('preview').locator(`img[src="./files/previews/${sha}.jpg"]`);
  await expect(img).toBeVisible();
  // The photo actually loads through the data-file route.
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/editor-photo.png' });
});

test('election period and candidate names set in Settings are flagged while writing', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Pengaturan').click();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Penulisan' }).click();
  const panel = page.locator('form.news-settings');
  await panel.getByLabel('Mulai').fill('2020-01-01');
  await panel.getByLabel('Selesai').fill('2099-12-31');
  await panel.getByLabel('Nama calon dan partai').fill('Partai Maju Jaya\nBudi Santoso');
  await panel.getByRole('button', { name: 'Simpan pengaturan pelatih' }).click();
  await expect(page.getByText('Pengaturan tersimpan.')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/editor-settings.png' });

  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await bodyBox(page).fill('Budi Santoso hadir dan mengajak warga coblos nomor urut dua.');
  await expect(finding(page, '"Budi Santoso" terdaftar sebagai nama calon/partai')).toBeVisible();
  await expect(finding(page, '"coblos": istilah kampanye')).toBeVisible();
  await page.getByRole('tab', { name: 'Siap ditinjau?' }).click();
  await expect(page.locator('.checklist .todo', { hasText: 'netralitas ASN' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-ready.png' });
});
