import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../electron/scripts/electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const exe = electronBinary();

if (!exe) console.log('Electron e2e skipped: no Electron binary in node_modules/electron/dist (it is fetched on first launch with internet).');
test.skip(!exe, 'Electron binary not present (node_modules/electron/dist is empty on this machine): Electron e2e skipped');

let xvfb: ChildProcess | null = null;
test.beforeAll(async () => {
  // Electron needs a display; start Xvfb when there is none.
  if (!process.env.DISPLAY && existsSync('/usr/bin/Xvfb')) {
    xvfb = spawn('/usr/bin/Xvfb', [':97', '-screen', '0', '1366x768x24'], { stdio: 'ignore' });
    process.env.DISPLAY = ':97';
    await new Promise((r) => setTimeout(r, 800));
  }
});
test.afterAll(() => {
  xvfb?.kill();
});

test('the desktop app opens, keeps a post, and exposes no Node to the page', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-electron-'));
  try {
    const app = await electron.launch({
      executablePath: exe!,
      args: [root, '--no-sandbox'],
      env: { ...process.env, REDAKSI_DATA_DIR: dataDir },
    });
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true })).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.isFrozen((window as unknown as { redaksi: object }).redaksi))).toBe(true);
    expect(page.url()).toMatch(/^app:\/\/redaksi\//);
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    await page.getByRole('button', { name: /Tulisan baru/ }).click();
    await page.getByLabel('Judul').fill('Dari Electron');
    await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
    await page.screenshot({ path: 'test-results/screens/electron.png' });
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
