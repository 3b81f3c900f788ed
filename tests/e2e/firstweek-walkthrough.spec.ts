import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { unknownWords } from '../language-check';
import { teamPath } from '../team-folder';
import { expect, test } from './fixtures';

/**
 * The whole first week of a new admin, in one run, on a fresh data folder at
 * the office screen size: the setup guide → the first post with a photo
 * dropped into the body → submit → the editor comments at a selection and
 * suggests a change in place → approve → queue. Everything is found by role
 * and visible name. On every area visited: no console error, no English word
 * outside the glossary, nothing scrolling sideways, and no serious or critical
 * axe-core finding.
 */

/** Words this test itself types (people's and places' names); the app's own text gets no allowance. */
const TYPED = new Set(['rina', 'budi', 'kabid', 'posyandu', 'kedungjenar', 'nikon_d70.jpg']);

interface Finding {
  area: string;
  what: string;
}

async function checkArea(page: Page, area: string, found: Finding[]): Promise<void> {
  // Let the screen settle (fonts, lazy chunks) before reading it.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const scrollers = await page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth}px > ${window.innerWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.clientHeight > 0) {
        // Name the widest thing inside, so the report says what to fix.
        const right = el.getBoundingClientRect().right;
        let widest = '';
        for (const c of el.querySelectorAll<HTMLElement>('*')) if (c.getBoundingClientRect().right > right + 1) widest = `${c.tagName.toLowerCase()}.${[...c.classList].join('.')}`;
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}px > ${el.clientWidth}px (${widest})`);
      }
    }
    return out;
  });
  found.push(...scrollers.map((what) => ({ area, what: `sideways scroll: ${what}` })));
  // The visible text of the screen, including names of controls and placeholders a person reads.
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [title], [aria-label]')) {
      if (el.offsetParent === null && el !== document.body) continue;
      parts.push(el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '');
    }
    return parts.join('\n');
  });
  for (const w of new Set(unknownWords(text, TYPED))) {
    // Where it sits: the innermost element showing it (text or a name a screen reader reads).
    const where = await page.evaluate((w) => {
      let best: Element | null = null;
      for (const el of document.querySelectorAll('body *')) {
        const own = [el.textContent ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? ''].join(' ');
        if (own.includes(w)) best = el;
      }
      return best ? `${best.tagName.toLowerCase()}.${[...best.classList].join('.')}` : '?';
    }, w);
    found.push({ area, what: `not Indonesian: ${w} (in ${where})` });
  }
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of axe.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
    found.push(...v.nodes.map((n) => ({ area, what: `axe ${v.id}: ${n.target.join(' ')}` })));
  }
  await page.screenshot({ path: `test-results/screens/firstweek-${area}.png` });
  if (process.env.FIRSTWEEK_DEBUG) console.log(area, JSON.stringify(found.filter((f) => f.area === area).map((f) => f.what)));
}

/** Drops a file on an element the way the system does: a drop event carrying a DataTransfer with the File. */
async function dropFile(page: Page, selector: string, file: { name: string; type: string; bytes: Buffer }, at: { x: number; y: number }) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { b64: file.bytes.toString('base64'), name: file.name, type: file.type },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer, clientX: at.x, clientY: at.y });
  await page.dispatchEvent(selector, 'drop', { dataTransfer, clientX: at.x, clientY: at.y });
}

/** Highlights `text` inside the sentence `context` the way a mouse drag does: a DOM selection, then the mouse is released there. */
async function selectPassage(page: Page, context: string, text: string) {
  await page.locator('main').evaluate(
    (el, { context, text }) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const around = n.data.indexOf(context);
        if (around < 0) continue;
        const at = around + context.indexOf(text);
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + text.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(r);
        n.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`not found: ${context}`);
    },
    { context, text },
  );
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name, exact: true });

const TITLE = 'Posyandu Kedungjenar Timbang 120 Balita';
const LEAD = 'Posyandu Desa Kedungjenar menimbang 120 balita dalam bulan timbang serentak, Kamis (26/11/2026).';
const P1 = 'Petugas puskesmas mencatat berat dan tinggi badan setiap anak di balai desa.';
const P2 = 'Orang tua diminta membawa buku kesehatan ibu dan anak saat datang ke posyandu.';

test('a new admin’s first week, start to queue, on one fresh data folder', async ({ page, host }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  // zod's start-up probe for `Function` (its JIT check) is refused by the Trusted Types policy and logged by
  // Chromium on every page load; anything else is an error of the app.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const found: Finding[] = [];
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);

  // 1. The guide opens by itself on a fresh data folder.
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  await checkArea(page, 'guide-profile', found);
  await page.getByLabel('Nama lengkap OPD').fill('Dinas Kesehatan Kabupaten Blora');
  await page.getByLabel('Nama singkat', { exact: true }).fill('Dinkes Blora');
  await page.getByLabel('Kota dateline bawaan').fill('Blora');
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  await expect(page.getByRole('heading', { name: 'Logo dan warna', level: 2 })).toBeVisible();
  const png = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 11, g: 92, b: 171, alpha: 1 } } }).png().toBuffer();
  await page.getByLabel('Pilih berkas logo').setInputFiles({ name: 'logo-dinkes.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Logo Dinkes Blora' })).toBeVisible();
  await checkArea(page, 'guide-brand', found);
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  await expect(page.getByRole('heading', { name: 'Tim dan PIN', level: 2 })).toBeVisible();
  await page.getByLabel('Nama Anda').fill('Rina Admin');
  await page.getByLabel('PIN (4–8 angka)').fill('2468');
  await page.getByLabel('Ulangi PIN').fill('2468');
  await page.getByRole('button', { name: 'Tambah rekan' }).click();
  await page.getByLabel('Nama rekan 1').fill('Budi Kabid');
  await page.getByLabel('Peran rekan 1').selectOption({ label: 'Editor' });
  await checkArea(page, 'guide-team', found);
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  await expect(page.getByRole('heading', { name: 'Target harian', level: 2 })).toBeVisible();
  await page.getByLabel('Target harian Instagram').fill('1');
  await checkArea(page, 'guide-targets', found);
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  await expect(page.getByRole('heading', { name: 'Kanal dan koneksi', level: 2 })).toBeVisible();
  await checkArea(page, 'guide-channels', found);
  await page.getByRole('button', { name: 'Lewati langkah ini' }).click();

  await expect(page.getByRole('heading', { name: 'Berita pertama', level: 2 })).toBeVisible();
  await checkArea(page, 'guide-first-post', found);
  await page.getByRole('button', { name: /^Berita kegiatan/ }).click();

  // 2. The first post, from the template, with a photo dropped into the body.
  const title = page.getByLabel('Judul', { exact: true });
  await expect(title).toHaveValue(/Siapa melakukan apa/);
  await checkArea(page, 'editor-template', found);
  await title.fill(TITLE);
  await page.getByRole('textbox', { name: 'Teras berita (lead)' }).fill(LEAD);
  const body = page.getByRole('textbox', { name: 'Isi berita' });
  await body.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(P1);
  await page.keyboard.press('Enter');
  await page.keyboard.type(P2);
  const first = body.locator('p', { hasText: 'Petugas puskesmas' });
  const box = (await first.boundingBox())!;
  await dropFile(page, '.pm-body', { name: 'Nikon_D70.jpg', type: 'image/jpeg', bytes: readFileSync(teamPath('fixtures/photos/camera/Nikon_D70.jpg')) }, { x: box.x + box.width - 4, y: box.y + box.height / 2 });
  const figure = body.locator('figure');
  await expect(figure.getByRole('img')).toBeVisible();
  await figure.getByRole('textbox', { name: 'Keterangan foto' }).fill('Petugas menimbang balita di balai desa.');
  // The alt text the website needs is typed right there, not in Media.
  await figure.getByRole('textbox', { name: 'Teks alternatif foto' }).fill('Petugas posyandu menimbang seorang balita di atas timbangan gantung.');
  await expect(page.getByText('Tersimpan', { exact: true })).toBeVisible();
  await checkArea(page, 'editor-photo', found);

  // The article as a reader sees it, on demand: the website's 720 px column, then a phone.
  await page.getByRole('tab', { name: 'Pratinjau' }).click();
  await page.getByRole('button', { name: 'Lihat selebar pembaca' }).click();
  const reader = page.getByRole('dialog', { name: 'Pratinjau seperti dilihat pembaca' });
  const column = reader.getByRole('region', { name: 'Komputer (kolom 720 px)' });
  await expect(column.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(column.getByRole('img')).toBeVisible();
  expect((await column.boundingBox())!.width).toBe(720);
  await checkArea(page, 'editor-reader-720', found);
  await reader.getByRole('button', { name: 'Ponsel (360 px)' }).click();
  await expect(reader.getByRole('button', { name: 'Ponsel (360 px)' })).toHaveAttribute('aria-pressed', 'true');
  expect((await reader.getByRole('region', { name: 'Ponsel (360 px)' }).boundingBox())!.width).toBe(360);
  await checkArea(page, 'editor-reader-phone', found);
  await page.keyboard.press('Escape');
  await expect(reader).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Lihat selebar pembaca' })).toBeFocused();

  // 3. Submit for review.
  await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
  await expect(page.getByRole('button', { name: 'Ajukan untuk ditinjau' })).toHaveCount(0);
  await checkArea(page, 'editor-submitted', found);

  // 4. The kepala bidang signs in and opens the post from "Menunggu saya".
  await page.getByRole('button', { name: 'Ganti profil' }).click();
  await page.getByRole('button', { name: /^Budi Kabid ·/ }).click();
  await page.getByRole('button', { name: /^Menunggu saya/ }).click();
  await page.getByRole('link', { name: new RegExp(`${TITLE}.*diajukan Rina Admin`) }).click();
  await expect(page.getByRole('heading', { name: TITLE, exact: true })).toBeVisible();
  await checkArea(page, 'review', found);

  // A comment at a selection.
  await selectPassage(page, 'setiap anak di balai desa', 'balai desa');
  const pop = page.getByRole('dialog', { name: 'Tanggapi “balai desa”' });
  await pop.getByRole('button', { name: 'Komentari' }).click();
  await pop.getByLabel('Komentar').fill('Sebut nama balai desanya.');
  await checkArea(page, 'review-popover', found);
  await pop.getByRole('button', { name: 'Kirim komentar' }).click();
  await expect(pop).toHaveCount(0);
  await expect(page.getByText('Sebut nama balai desanya.')).toBeVisible();

  // While its toast shows, the toast covers no field or button, and the comment box takes a click.
  const toast = page.getByRole('status').filter({ hasText: 'Komentar terkirim.' });
  await expect(toast).toBeVisible();
  const covered = await toast.evaluate((t) => {
    const a = t.getBoundingClientRect();
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('input, textarea, select, button, a[href], [contenteditable="true"]')) {
      if (t.contains(el) || el.offsetParent === null) continue;
      const b = el.getBoundingClientRect();
      if (b.width && b.height && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(el.getAttribute('aria-label') ?? el.textContent ?? el.tagName);
    }
    return out;
  });
  expect(covered).toEqual([]);
  const commentBox = page.getByRole('textbox', { name: 'Komentar', exact: true });
  await commentBox.click();
  await expect(commentBox).toBeFocused();
  await expect(toast).toBeVisible();
  // Short: gone within a few seconds.
  await expect(toast).toHaveCount(0, { timeout: 5000 });

  // A change suggested in place, shown as track changes (paragraph 3: the photo between counts as one).
  await page.getByRole('button', { name: 'Usulkan paragraf 3' }).click();
  const edit = page.getByLabel('Ubah paragraf 3 (perubahan tampil sebagai usulan)');
  await expect(edit).toHaveValue(P2);
  await expect(edit).toBeFocused();
  await edit.fill(P2.replace('buku kesehatan ibu dan anak', 'buku KIA (kesehatan ibu dan anak)'));
  await expect(page.locator('ins').first()).toContainText('KIA');
  await checkArea(page, 'review-suggest', found);
  await page.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(page.getByRole('list', { name: 'Usulan perubahan pada paragraf 3' })).toBeVisible();

  // 5. Approve.
  await page.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByText(/Disetujui oleh Budi Kabid pada/)).toBeVisible();
  await checkArea(page, 'review-approved', found);

  // 6. Queue: the approved post is prepared and put in the outbox.
  await nav(page, 'Antrean').click();
  await checkArea(page, 'queue', found);
  await page.getByRole('link', { name: 'Siapkan tulisan' }).click();
  await page.getByRole('link', { name: TITLE }).first().click();
  await checkArea(page, 'queue-prepare', found);
  await page.getByLabel('Kirim secepatnya').check();
  await page.getByRole('button', { name: 'Masukkan ke antrean' }).click();
  await expect(page.getByText(/kanal masuk antrean/)).toBeVisible();
  await page.getByRole('link', { name: /Antrean kirim/ }).click();
  await expect(page.getByText(TITLE).first()).toBeVisible();
  await checkArea(page, 'queue-outbox', found);

  // The website job's page: its log reads in Indonesian.
  await page.getByRole('link', { name: 'Buka paket unggah' }).first().click();
  await expect(page.getByRole('cell', { name: 'Masuk antrean sebagai paket unggah manual.' })).toBeVisible();
  await checkArea(page, 'queue-job', found);

  expect(found.map((f) => `${f.area}: ${f.what}`)).toEqual([]);
  expect(errors).toEqual([]);
});
