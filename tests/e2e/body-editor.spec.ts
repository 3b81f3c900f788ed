import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, hostCall, test } from './fixtures';
import { teamPath } from '../team-folder';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** Drops a file on an element the way the system does: a drop event carrying a DataTransfer with the File. */
async function dropFile(page: Page, selector: string, file: { name: string; type: string; bytes: Buffer }, at: { x: number; y: number }) {
  const dataTransfer = await page.evaluateHandle(({ b64, name, type }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type }));
    return dt;
  }, { b64: file.bytes.toString('base64'), name: file.name, type: file.type });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer, clientX: at.x, clientY: at.y });
  await page.dispatchEvent(selector, 'drop', { dataTransfer, clientX: at.x, clientY: at.y });
}

/** Selects a word in the editor the way a mouse drag does (a DOM selection the editor follows). */
async function selectText(page: Page, within: string, word: string) {
  await page.locator('.pm-body').locator(within).evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      return;
    }
  }, word);
  await expect.poll(() => page.evaluate(() => getSelection()!.toString())).toBe(word);
}

test('writes a heading, a list and a quote visually, drops a photo in with its caption, and stores Markdown', async ({ page, host }) => {
  const errors: string[] = [];
  // zod's start-up probe for `Function` (its JIT check) is refused by the Trusted Types policy and logged by
  // Chromium on every page load, editor or not; anything else is an error of this screen.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Puskesmas Buka Layanan Vaksin Keliling');

  // The body is a rich text box named by its visible label.
  const body = page.getByRole('textbox', { name: 'Isi berita' });
  await expect(body).toHaveAttribute('contenteditable', 'true');
  await body.click();
  await page.getByRole('button', { name: 'Tajuk bagian' }).click();
  await page.keyboard.type('Layanan vaksin keliling');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Puskesmas membuka layanan vaksin di balai desa.');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '• Daftar', exact: true }).click();
  await page.keyboard.type('Datang pagi');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Bawa KTP');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // The keyboard shortcut for a block quote.
  await page.keyboard.press('Control+Alt+q');
  await page.keyboard.type('Vaksin gratis untuk semua warga.');
  // Ctrl+B on a selected word, shown bold (not as asterisks).
  await selectText(page, 'blockquote', 'warga');
  await page.keyboard.press('Control+b');

  // Seen as people see them: a heading, a two-item list, a quote, bold text; no Markdown signs.
  await expect(body.getByRole('heading', { level: 2, name: 'Layanan vaksin keliling' })).toBeVisible();
  await expect(body.getByRole('listitem')).toHaveText(['Datang pagi', 'Bawa KTP']);
  await expect(body.locator('blockquote')).toHaveText('Vaksin gratis untuk semua warga.');
  await expect(body.locator('blockquote strong')).toHaveText('warga');
  await expect(body).not.toContainText('##');
  await expect(page.getByRole('button', { name: 'Tebal' })).toHaveAttribute('aria-pressed', 'true');

  // A photo file dropped at the end of the first paragraph is imported to Media and shown there as an image.
  const paragraph = body.locator('p', { hasText: 'Puskesmas membuka' });
  const box = (await paragraph.boundingBox())!;
  await dropFile(page, '.pm-body', { name: 'Nikon_D70.jpg', type: 'image/jpeg', bytes: readFileSync(teamPath('fixtures/photos/camera/Nikon_D70.jpg')) }, { x: box.x + box.width - 4, y: box.y + box.height / 2 });
  const figure = body.locator('figure');
  await expect(figure.locator('img')).toBeVisible();
  expect(await figure.locator('img').evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByText('Nikon_D70.jpg diimpor ke Media dan disisipkan.')).toBeVisible();
  const photos = await hostCall<{ items: { id: string; sha256: string; gps?: unknown }[] }>(host, 'media.list', {});
  expect(photos.items).toHaveLength(1);
  const sha = photos.items[0].sha256;
  await expect(figure.locator('img')).toHaveAttribute('src', `./files/previews/${sha}.jpg`);
  // The image sits between the paragraph and the list: it never cuts a sentence.
  // (A photo's node view is wrapped in a div; the editor keeps an empty last paragraph to type into, never stored.)
  const blocks = await body.locator(':scope > *').evaluateAll((els) => els.filter((e) => e.textContent || e.querySelector('img')).map((e) => (e.querySelector('figure') ? 'FIGURE' : e.tagName)));
  expect(blocks).toEqual(['H2', 'P', 'FIGURE', 'UL', 'BLOCKQUOTE']);

  // The caption is typed under the photo.
  await figure.getByRole('textbox', { name: 'Keterangan foto' }).fill('Petugas menyuntikkan vaksin kepada warga di balai desa.');
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await page.screenshot({ path: 'test-results/screens/body-editor-1366.png' });

  // After a reload, the same article shows, and the stored text is plain Markdown.
  const id = /#\/posts\/([^/]+)/.exec(page.url())![1];
  await page.reload();
  await expect(body.getByRole('heading', { level: 2, name: 'Layanan vaksin keliling' })).toBeVisible();
  await expect(body.locator('figure').getByRole('textbox', { name: 'Keterangan foto' })).toHaveValue('Petugas menyuntikkan vaksin kepada warga di balai desa.');
  const post = await hostCall<{ bodyMd: string; media: { mediaId: string; caption: string }[] }>(host, 'posts.get', { id });
  expect(post.bodyMd).toBe(
    [
      '## Layanan vaksin keliling',
      'Puskesmas membuka layanan vaksin di balai desa.',
      `![Nikon_D70.jpg](./files/previews/${sha}.jpg)`,
      '- Datang pagi\n- Bawa KTP',
      '> Vaksin gratis untuk semua **warga**.',
    ].join('\n\n'),
  );
  expect(post.media).toEqual([expect.objectContaining({ mediaId: photos.items[0].id, caption: 'Petugas menyuntikkan vaksin kepada warga di balai desa.' })]);

  // The preview renders the stored Markdown as before.
  await page.getByRole('tab', { name: 'Pratinjau' }).click();
  await expect(page.getByTestId('preview').locator(`img[src="./files/previews/${sha}.jpg"]`)).toBeVisible();

  // The Markdown text stays one click away, and edits there show in the visual editor.
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  const md = page.getByRole('textbox', { name: 'Isi berita' });
  await expect(md).toHaveValue(post.bodyMd);
  await md.press('Control+End');
  await md.pressSequentially('\n\n## Jadwal');
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await expect(body.getByRole('heading', { level: 2, name: 'Jadwal' })).toBeVisible();

  expect(errors).toEqual([]);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('shows coach findings as underlines in the visual editor and fixes them on click; Ctrl+Z undoes the fix', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  const body = page.getByRole('textbox', { name: 'Isi berita' });
  await body.click();
  await page.getByRole('button', { name: 'Tajuk bagian' }).click();
  await page.keyboard.type('Pendaftaran');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Warga ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('dihimbau');
  await page.keyboard.press('Control+b');
  await page.keyboard.type(' mendaftar lebih dulu melalui aplikasi.');
  const mark = body.locator('mark[data-rule="eyd.nonstandard"]');
  await expect(mark).toHaveText('dihimbau');
  // Clicking the underlined word shows its finding with the fix.
  await mark.click();
  const caretCard = page.getByTestId('caret-findings');
  await caretCard.getByRole('button', { name: 'Ganti dengan "diimbau"' }).click();
  await expect(body.locator('p', { hasText: 'Warga' })).toHaveText('Warga diimbau mendaftar lebih dulu melalui aplikasi.');
  await expect(body.locator('p strong')).toHaveText('diimbau');
  await expect(mark).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  const id = /#\/posts\/([^/]+)/.exec(page.url())![1];
  expect((await hostCall<{ bodyMd: string }>(host, 'posts.get', { id })).bodyMd).toBe('## Pendaftaran\n\nWarga **diimbau** mendaftar lebih dulu melalui aplikasi.');
  await body.press('Control+z');
  await expect(body.locator('p strong')).toHaveText('dihimbau');
});

test('with an empty library, "+ Foto" imports a file from the computer right there', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  const body = page.getByRole('textbox', { name: 'Isi berita' });
  await body.click();
  await page.keyboard.type('Paragraf pertama.');
  await page.getByRole('button', { name: '+ Foto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sisipkan foto dari Media' });
  await expect(dialog).toContainText('Belum ada foto di Media.');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Impor foto dari komputer' }).click();
  await (await chooser).setFiles(teamPath('fixtures/photos/camera/Canon_40D.jpg'));
  await expect(dialog).toBeHidden();
  await expect(body.locator('figure img')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  const id = /#\/posts\/([^/]+)/.exec(page.url())![1];
  const post = await hostCall<{ bodyMd: string; media: unknown[] }>(host, 'posts.get', { id });
  expect(post.bodyMd).toMatch(/^Paragraf pertama\.\n\n!\[Canon_40D\.jpg\]\(\.\/files\/previews\/[0-9a-f]{64}\.jpg\)$/);
  expect(post.media).toHaveLength(1);
});

test('a body the visual editor cannot keep (a table) opens as Markdown, unchanged', async ({ page, host }) => {
  const bodyMd = 'Data penerima:\n\n| Kecamatan | Warga |\n| --- | --- |\n| Blora | 120 |';
  const post = await hostCall<{ id: string }>(host, 'posts.create', { content: { title: 'Penerima bantuan', bodyMd } });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('link', { name: 'Penerima bantuan' }).click();
  await expect(page.getByText(/dibuka sebagai teks Markdown agar tidak ada yang hilang/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Isi berita' })).toHaveValue(bodyMd);
  await expect(page.getByRole('button', { name: 'Markdown', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect((await hostCall<{ bodyMd: string }>(host, 'posts.get', { id: post.id })).bodyMd).toBe(bodyMd);
});
