/**
 * Penulis (issue 3): coach + preview per keystroke on a 5,000-word article.
 * Node: runCoach (all rules, incremental per-paragraph cache) and the article
 * HTML (marked + sanitize-html), as one keystroke at a time is typed in the
 * middle of the body. Chromium: input-to-next-frame latency while typing in
 * the real editor with the coach panel, then the preview panel, open.
 * Input: the two real articles in ../shared/context, repeated (fixtures).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSanitizer, sanitizeArticleHtml } from '@core/html/sanitize';
import { runCoach } from '@shared/posts/coach';
import { renderArticle } from '@shared/posts/article';
import { splitPastedArticle } from '@shared/posts/paste';
import { DEFAULT_NEWS_SETTINGS } from '@shared/posts/settings';
import { wordCount } from '@shared/posts/text';
import { median, percentile, report } from './stats';

const root = path.resolve(import.meta.dirname, '..', '..');

function article5000(): { title: string; dateline: string; lead: string; bodyMd: string } {
  const ctx = path.resolve(root, '..', 'shared', 'context');
  const a = splitPastedArticle(readFileSync(path.join(ctx, 'seed-medsos-opd-jangan-mati-suri.txt'), 'utf8'));
  const b = splitPastedArticle(readFileSync(path.join(ctx, 'seed-admin-website-medsos-opd-blora.txt'), 'utf8'));
  const paras = [...a.paragraphs, ...b.paragraphs];
  const out: string[] = [];
  let words = 0;
  for (let i = 0; words < 5000; i++) {
    const p = `${paras[i % paras.length]} (${i})`;
    out.push(p);
    words += wordCount(p);
  }
  return { title: a.title, dateline: a.dateline, lead: a.lead, bodyMd: out.join('\n\n') };
}

async function nodeBench(): Promise<void> {
  await loadSanitizer();
  const base = article5000();
  const ctx = { settings: DEFAULT_NEWS_SETTINGS, template: 'berita_kegiatan' as const, today: '2026-01-01' };
  const post = { ...base, authorCredit: 'Tim', template: 'berita_kegiatan' as const, dismissedFindings: [] as string[] };
  report('editor_article_words', wordCount(base.lead) + wordCount(base.bodyMd), 'words');

  let t0 = performance.now();
  runCoach(post, ctx);
  report('editor_coach_5000w_cold', performance.now() - t0, 'ms');

  const coach: number[] = [];
  const preview: number[] = [];
  const both: number[] = [];
  let body = base.bodyMd;
  let pos = Math.floor(body.length / 2);
  const typed = 'warga dihimbau datang ke balai desa ';
  for (let i = 0; i < 300; i++) {
    body = body.slice(0, pos) + typed[i % typed.length] + body.slice(pos);
    pos++;
    const p = { ...post, bodyMd: body };
    t0 = performance.now();
    runCoach(p, ctx);
    const t1 = performance.now();
    sanitizeArticleHtml(renderArticle({ ...p, eventDate: '2022-08-25', editorCredit: '', photoCredits: '', category: '', tags: [] }));
    const t2 = performance.now();
    coach.push(t1 - t0);
    preview.push(t2 - t1);
    both.push(t2 - t0);
  }
  report('editor_coach_5000w_per_keystroke_median', median(coach), 'ms');
  report('editor_preview_5000w_per_keystroke_median', median(preview), 'ms');
  report('editor_coach_plus_preview_5000w_per_keystroke_median', median(both), 'ms');
  report('editor_coach_plus_preview_5000w_per_keystroke_p95', percentile(both, 95), 'ms');
}

async function chromiumBench(): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const { startHost, stopHost } = await import('../e2e/fixtures');
  const { CHROMIUM, CHROMIUM_ARGS } = await import('../../playwright.config');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-editor-'));
  const host = await startHost(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const base = article5000();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    await page.getByRole('button', { name: /Tulisan baru/ }).click();
    await page.getByLabel('Judul').fill(base.title);
    await page.getByLabel('Teras berita (lead)').fill(base.lead);
    const bodyBox = page.getByLabel('Isi berita');
    await bodyBox.fill(base.bodyMd);
    await page.getByTestId('save-state').getByText('Tersimpan').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[] };
      w.__lat = [];
      document.addEventListener(
        'input',
        (e) => {
          const start = e.timeStamp;
          requestAnimationFrame(() => w.__lat.push(performance.now() - start));
        },
        true,
      );
    });
    for (const tab of ['Pelatih', 'Pratinjau']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await bodyBox.focus();
      await bodyBox.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(Math.floor(el.value.length / 2), Math.floor(el.value.length / 2)));
      await page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []));
      await page.keyboard.type('warga diimbau datang ke balai desa untuk mendaftar lebih awal ', { delay: 60 });
      const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
      const label = tab === 'Pelatih' ? 'coach' : 'preview';
      report(`editor_chromium_input_to_next_frame_5000w_${label}_median`, median(lat), 'ms');
      report(`editor_chromium_input_to_next_frame_5000w_${label}_p95`, percentile(lat, 95), 'ms');
    }
  } finally {
    await browser.close();
    await stopHost(host);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function editorBench(): Promise<void> {
  await nodeBench();
  await chromiumBench();
}
