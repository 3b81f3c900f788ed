import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Workspace } from '@shared/domain/workspace';
import { apiCall } from './activity-seed';
import { expect, test, type Host } from './fixtures';

/** Serious and critical WCAG 2.1 A/AA findings on what is on screen now, as "rule: target" lines. */
async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name, exact: true });

async function setUp(host: Host) {
  const ws = await apiCall<Workspace>(host, 'settings.get', {});
  const next = await apiCall<Workspace>(host, 'settings.update', {
    baseRev: ws.rev,
    opd: { fullName: 'Dinas Kesehatan Kabupaten Blora', shortName: 'Dinkes Blora' },
    team: [
      { name: 'Sari Penulis', role: 'penulis' },
      { name: 'Budi Editor', role: 'editor' },
    ],
    setup: { status: 'done', step: 'firstPost', confirmed: [] },
  });
  await apiCall(host, 'session.signIn', { memberId: next.team[0].id });
}

test('the first-run guide has no serious or critical accessibility findings on any step', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  const steps = page.getByRole('navigation', { name: 'Langkah penyiapan' });
  const found: string[] = [];
  for (const step of ['Profil OPD', 'Logo dan warna', 'Tim dan PIN', 'Target harian', 'Kanal dan koneksi', 'Berita pertama']) {
    await steps.getByRole('button', { name: new RegExp(step) }).click();
    await expect(page.getByRole('heading', { name: step, level: 2 })).toBeVisible();
    found.push(...(await axe(page)).map((f) => `${step}: ${f}`));
  }
  expect(found).toEqual([]);
});

test('every area has no serious or critical accessibility findings', async ({ page, host }) => {
  test.setTimeout(120_000);
  await setUp(host);
  await page.goto(host.launchUrl);
  const found: string[] = [];
  const check = async (area: string) => found.push(...(await axe(page)).map((f) => `${area}: ${f}`));

  await expect(page.getByRole('heading', { name: 'Dinkes Blora', level: 1 })).toBeVisible();
  await check('Beranda');
  for (const [area, heading] of [
    ['Tulisan', 'Tulisan'],
    ['Media', 'Media'],
    ['Antrean', 'Antrean'],
    ['Aduan', 'Aduan'],
    ['Laporan', 'Laporan'],
    ['Pengaturan', 'Pengaturan'],
  ] as const) {
    await nav(page, area).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await check(area);
  }
  // The editor with a template.
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await expect(page.getByLabel('Judul', { exact: true })).toBeVisible();
  await check('Editor');
  await nav(page, 'Media').click();
  await page.getByRole('link', { name: 'Kartu info' }).click();
  await check('Kartu info');
  await nav(page, 'Antrean').click();
  await page.getByRole('link', { name: 'Koneksi' }).click();
  await check('Antrean → Koneksi');
  expect(found).toEqual([]);

  // The check itself sees a real problem: an image with no text alternative is a critical finding.
  await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img id="a11y-probe" src="favicon.svg">'));
  const probe = await axe(page);
  expect(probe.some((f) => f.startsWith('image-alt:')), probe.join('\n')).toBe(true);
});

test('the guide is usable by keyboard alone, with a visible focus on everything reached', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  const reached: string[] = [];
  const noRing: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // A hidden file input shows its focus on the button-like label around it.
      const shown = el.classList.contains('sr-only') ? (el.closest('label') ?? el) : el;
      const cs = getComputedStyle(shown);
      const ring = (cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px') || cs.boxShadow !== 'none';
      const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.innerText ?? '';
      return { name: `${el.tagName.toLowerCase()} ${name.replace(/\s+/g, ' ').trim().slice(0, 60)}`, ring };
    });
    if (!f) continue;
    reached.push(f.name);
    if (!f.ring) noRing.push(f.name);
  }
  expect(noRing).toEqual([]);
  // Everything the first step needs is reachable: the steps, the fields and the buttons.
  for (const [tag, text] of [['button', 'Profil OPD'], ['input', 'Nama lengkap OPD'], ['select', 'Zona waktu'], ['button', 'Simpan dan lanjut'], ['button', 'Lewati penyiapan']]) {
    expect(reached.some((r) => r.startsWith(`${tag} `) && r.includes(text)), `${tag} ${text} in ${reached.join(' | ')}`).toBe(true);
  }
  // Enter on a step moves there and puts focus on its heading.
  await page.getByRole('button', { name: /Target harian/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Target harian', level: 2 })).toBeFocused();
});
