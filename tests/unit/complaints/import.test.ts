import { describe, expect, it } from 'vitest';
import { openApi, tempDir } from '../electron/helpers';

const T0 = new Date('2026-11-27T03:00:00.000Z'); // Fri 10:00 WIB

async function setup() {
  const api = await openApi(tempDir(), { now: () => T0 });
  await api.call('settings.get', {});
  return api;
}

/**
 * A LAPOR!-style export as Excel saves it: BOM, semicolons, CRLF, no
 * channel column, a cell with a line break inside quotes, an empty row
 * (";;;;;"), a formula-looking cell and the same report twice.
 * Spreadsheet rows: 1 header, 2 Budi, 3 the multi-line cell (one row), 4 empty, 5 formula, 6 duplicate of 2, 7 ISO date.
 */
const CSV =
  '\uFEFFTracking ID;Tanggal Laporan;Nama Pelapor;Judul Laporan;Isi Laporan;Kategori\r\n' +
  '7001;20/11/2026 08.15;Budi;Jalan rusak;Jalan desa Sido berlubang besar di depan SD;pengaduan\r\n' +
  '7002;21/11/2026;Sari;PJU mati;"Lampu jalan mati sejak Senin.\r\nMohon segera diperbaiki.";aspirasi\r\n' +
  ';;;;;\r\n' +
  '7003;22/11/2026 10.00;Joko;Tagihan;"=HYPERLINK(""http://contoh.test"";""klik"")";permintaan informasi\r\n' +
  '7001;20/11/2026 08.15;Budi;Jalan rusak;Jalan desa Sido berlubang besar di depan SD;pengaduan\r\n' +
  '7004;2026-11-23T09:30:00+07:00;Rina;Air PDAM;Air PDAM keruh dua hari;pengaduan\r\n';

describe('aduan CSV import that fits real exports', () => {
  it('numbers rows as the spreadsheet shows them, finds the duplicate, and the dry run imports nothing', async () => {
    const { call } = await setup();
    // No channel column: without a default the file is refused with a clear reason.
    await expect(call('complaints.importCsv', { csv: CSV, dryRun: true })).rejects.toMatchObject({ params: { reason: 'csv_columns', missing: 'kanal' } });

    const dry = await call('complaints.importCsv', { csv: CSV, dryRun: true, defaultChannel: 'lapor' });
    expect(dry.delimiter).toBe(';');
    expect(dry.imported).toBe(0);
    expect(dry.headers).toEqual(['Tracking ID', 'Tanggal Laporan', 'Nama Pelapor', 'Judul Laporan', 'Isi Laporan', 'Kategori']);
    expect(dry.mapping).toMatchObject({ trackingNumber: 'Tracking ID', receivedAt: 'Tanggal Laporan', reporterHandle: 'Nama Pelapor', topic: 'Judul Laporan', text: 'Isi Laporan' });
    expect(dry.rows.map((r) => [r.line, r.ok, r.errors, r.excerpt])).toEqual([
      [2, true, [], 'Jalan desa Sido berlubang besar di depan SD'],
      [3, true, [], 'Lampu jalan mati sejak Senin. Mohon segera diperbaiki.'],
      [5, true, [], '=HYPERLINK("http://contoh.test";"klik")'],
      [6, false, ['duplicate_row:2'], 'Jalan desa Sido berlubang besar di depan SD'],
      [7, true, [], 'Air PDAM keruh dua hari'],
    ]);
    expect(dry.rows[0]).toMatchObject({ receivedAt: '2026-11-20T01:15:00.000Z', trackingNumber: '7001', channel: 'lapor' });
    expect((await call('complaints.list', { status: 'all' })).items).toHaveLength(0);

    // The Kategori column here is the classification: mapped by hand, as the admin would.
    const done = await call('complaints.importCsv', { csv: CSV, dryRun: false, defaultChannel: 'lapor', mapping: { classification: 'Kategori', topic: 'Judul Laporan' } });
    expect(done.imported).toBe(4);
    const all = (await call('complaints.list', { status: 'all' })).items;
    expect(all.map((c) => [c.trackingNumber, c.classification]).sort()).toEqual([
      ['7001', 'pengaduan'],
      ['7002', 'aspirasi'],
      ['7003', 'permintaan_informasi'],
      ['7004', 'pengaduan'],
    ]);
    // The formula is kept as the reporter's text, never evaluated.
    expect(all.find((c) => c.trackingNumber === '7003')!.excerpt).toBe('=HYPERLINK("http://contoh.test";"klik")');

    // A second import of the same file finds every report already stored.
    const again = await call('complaints.importCsv', { csv: CSV, dryRun: true, defaultChannel: 'lapor' });
    expect(again.rows.filter((r) => r.ok)).toEqual([]);
    expect(again.rows.every((r) => r.errors[0] === 'duplicate_stored')).toBe(true);
  });

  it('reads a comma file and a tab file, and refuses a future date', async () => {
    const { call } = await setup();
    const comma = 'kanal,diterima,isi\r\nWA,26/11/2026 07.00,"Jalan, berlubang"\r\nWA,30/11/2026,Belum terjadi\r\n';
    const r1 = await call('complaints.importCsv', { csv: comma, dryRun: true });
    expect(r1.delimiter).toBe(',');
    expect(r1.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, ['date_future']],
    ]);
    const tab = 'kanal\tditerima\tisi\nfacebook\t2026-11-25 13:00\tSampah di pasar\n';
    const r2 = await call('complaints.importCsv', { csv: tab, dryRun: true });
    expect(r2.delimiter).toBe('\t');
    expect(r2.rows[0]).toMatchObject({ ok: true, receivedAt: '2026-11-25T06:00:00.000Z' });
  });
});
