import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createZip, isSafeEntryPath, readZip, UnsafeZipError } from '@core/files/zip';
import { csvSafeCell } from '@shared/files/csv-safe';
import { safeFileName, slugify } from '@shared/files/safe-name';

describe('safe file names', () => {
  it('makes names safe on Windows', () => {
    expect(safeFileName('Rapat: "Stunting" 2024?.png')).toBe('Rapat-Stunting-2024.png');
    expect(safeFileName('a<b>c|d*e.JPG')).toBe('a-b-c-d-e.jpg');
    expect(safeFileName('CON.txt')).toBe('CON-.txt');
    expect(safeFileName('lpt1')).toBe('lpt1-');
    expect(safeFileName('nama. ')).toBe('nama');
    expect(safeFileName('...')).toBe('berkas');
    expect(safeFileName('x'.repeat(300) + '.zip').length).toBeLessThanOrEqual(120);
    expect(safeFileName('x'.repeat(300) + '.zip').endsWith('.zip')).toBe(true);
    expect(safeFileName('a/b\\c.csv')).toBe('a-b-c.csv');
    for (const n of [safeFileName('Rapat: "Stunting" 2024?.png'), safeFileName('\u0000\u0001name')]) {
      expect(n).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
    }
  });

  it('slugifies Indonesian titles', () => {
    expect(slugify('Bupati Blora Resmikan Gedung UDD PMI!')).toBe('bupati-blora-resmikan-gedung-udd-pmi');
    expect(slugify('Élan — ñ')).toBe('elan-n');
    expect(slugify('???')).toBe('tanpa-judul');
  });
});

describe('CSV cells', () => {
  it('neutralises formula injection', () => {
    expect(csvSafeCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(csvSafeCell('+62 812')).toBe(`'+62 812`);
    expect(csvSafeCell('-1')).toBe(`'-1`);
    expect(csvSafeCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvSafeCell('\tx')).toBe(`'\tx`);
    expect(csvSafeCell('Blora')).toBe('Blora');
    expect(csvSafeCell(-1)).toBe(-1);
    expect(csvSafeCell(null)).toBeNull();
  });
});

describe('zip', () => {
  it('round-trips safe entries', async () => {
    const z = createZip({ 'artikel/index.html': '<p>x</p>', 'foto/1.jpg': new Uint8Array([1, 2, 3]) });
    const back = await readZip(z);
    expect(new TextDecoder().decode(back.get('artikel/index.html'))).toBe('<p>x</p>');
    expect([...back.get('foto/1.jpg')!]).toEqual([1, 2, 3]);
  });

  it('refuses entry paths that leave the target folder', async () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a//b', 'con:x', '']) {
      expect(isSafeEntryPath(bad), bad).toBe(false);
      if (bad) await expect(readZip(zipSync({ [bad]: strToU8('x') }))).rejects.toThrow(UnsafeZipError);
    }
    expect(() => createZip({ '../x': 'y' })).toThrow(UnsafeZipError);
  });

  it('refuses zip bombs and garbage', async () => {
    const big = zipSync({ 'a.txt': [new Uint8Array(2_000_000), { level: 9 }] });
    await expect(readZip(big, { maxTotalBytes: 1_000_000 })).rejects.toThrow(/too_large/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, strToU8('x')])));
    await expect(readZip(many, { maxEntries: 10 })).rejects.toThrow(/too_many/);
    await expect(readZip(strToU8('not a zip at all'))).rejects.toThrow(UnsafeZipError);
  });
});
