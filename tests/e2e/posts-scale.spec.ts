import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { emptyPostContent, type Post } from '@shared/domain/post';
import { CURRENT_SCHEMA_VERSION } from '@core/store/migrations';
import { expect, startHost, stopHost, test } from './fixtures';

/** Writes n posts straight into a fresh data folder (setup only; the app reads them as it would its own). */
function seedPosts(dataDir: string, n: number): void {
  const dir = path.join(dataDir, 'store', 'posts');
  mkdirSync(dir, { recursive: true });
  const at = Date.parse('2026-01-01T00:00:00Z');
  writeFileSync(path.join(dataDir, 'store', 'meta.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: new Date(at).toISOString() }));
  for (let i = 0; i < n; i++) {
    const p: Post = {
      ...emptyPostContent(),
      id: randomUUID(),
      title: `Kegiatan nomor ${i}`,
      lead: 'Bupati meninjau pembangunan jalan desa.',
      bodyMd: 'Bupati meninjau pembangunan jalan desa bersama camat.',
      createdAt: new Date(at + i * 60_000).toISOString(),
      updatedAt: new Date(at + i * 60_000).toISOString(),
      rev: 1,
      status: 'draft',
      deletedAt: null,
    };
    writeFileSync(path.join(dir, `${p.id}.json`), JSON.stringify(p));
  }
}

test('Tulisan pages through 10k posts, fifty at a time', async ({ page, dataDir }) => {
  seedPosts(dataDir, 10_000);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    const pager = page.getByRole('navigation', { name: 'Halaman tulisan' });
    await expect(pager).toContainText('1–50 dari 10000 tulisan');
    await expect(page.locator('.post-row')).toHaveCount(50);
    // Newest first.
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 9999');
    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await expect(pager).toContainText('51–100 dari 10000 tulisan');
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 9949');
    await pager.getByRole('button', { name: /Sebelumnya/ }).click();
    await expect(pager).toContainText('1–50 dari 10000 tulisan');
    // A search starts again at its first page.
    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await page.getByRole('searchbox').fill('nomor 123');
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 123');
    await page.screenshot({ path: 'test-results/screens/posts-paged.png' });
  } finally {
    await stopHost(host);
  }
});
