import { readFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openApi, tempDir } from '../electron/helpers';
import { complaintsDesk } from './helpers';
import { teamPath } from '../../team-folder';

const T0 = Date.parse('2026-11-23T03:00:00.000Z'); // Mon 10:00 WIB
let clock = T0;
const now = () => new Date(clock);

afterEach(() => {
  clock = T0;
  delete process.env.REDAKSI_DEV_CLOCK;
});

async function setup() {
  const api = await openApi(tempDir(), { now });
  const { admin, editor } = await complaintsDesk(api);
  return { ...api, admin, editor };
}

const input = {
  channel: 'instagram_comment' as const,
  link: 'https://www.instagram.com/p/XYZ/',
  reporterHandle: '@warga_cepu',
  text: 'Lampu PJU di Jl. Diponegoro mati sejak seminggu.',
  receivedAt: '2026-11-23T02:00:00.000Z',
  forwardedBy: '@bupati.blora',
  topic: 'PJU mati',
  bidang: 'Bidang Penerangan Jalan',
};

describe('complaints API', () => {
  it('records a report, runs it through every status and turns overdue when the clock passes the deadline', async () => {
    const { call, admin, editor } = await setup();
    // Forwarded by the camat, not the regent: the ordinary clocks apply.
    let v = await call('complaints.create', { input: { ...input, forwardedBy: '@camat_cepu' } });
    expect(v.complaint.status).toBe('baru');
    expect(v.complaint.urgent).toBe(false);
    // Default rules: first reply 5, final answer 14 working days. Mon 23 Nov + 5 → Mon 30 Nov, end of day WIB.
    expect(v.deadlines.firstReply.due).toBe('2026-11-30T16:59:59.999Z');
    expect(v.deadlines.final.due).toBe('2026-12-11T16:59:59.999Z');
    expect(v.deadlines.firstReply.overdue).toBe(false);

    v = await call('complaints.transition', { id: v.complaint.id, baseRev: v.complaint.rev, to: 'diteruskan' });
    await call('session.signIn', { memberId: admin.id });
    v = await call('complaints.update', { id: v.complaint.id, baseRev: v.complaint.rev, patch: { answerDraft: 'Terima kasih, PJU sudah diperbaiki.' } });
    expect(v.complaint.answerDraftedBy).toBe(admin.id);
    v = await call('complaints.transition', { id: v.complaint.id, baseRev: v.complaint.rev, to: 'menunggu_atasan' });
    // The drafter cannot approve their own answer.
    await expect(call('complaints.approve', { id: v.complaint.id, baseRev: v.complaint.rev })).rejects.toMatchObject({ code: 'forbidden' });

    // Time passes: 8 Dec 2026 is past the first-reply deadline.
    clock = Date.parse('2026-12-01T01:00:00.000Z');
    let list = await call('complaints.list', { status: 'overdue' });
    expect(list.items.map((i) => i.id)).toEqual([v.complaint.id]);
    expect(list.items[0].firstReplyOverdue).toBe(true);
    expect(list.items[0].finalOverdue).toBe(false);
    expect(JSON.stringify(list.items)).not.toContain('warga_cepu');

    await call('session.signIn', { memberId: editor.id });
    v = await call('complaints.approve', { id: v.complaint.id, baseRev: v.complaint.rev });
    expect(v.approvedByName).toBe('Kabid IKP');
    expect(v.complaint.approvedAt).toBe('2026-12-01T01:00:00.000Z');
    v = await call('complaints.transition', { id: v.complaint.id, baseRev: v.complaint.rev, to: 'dijawab' });
    expect(v.deadlines.final.overdue).toBe(false);
    await expect(call('complaints.transition', { id: v.complaint.id, baseRev: v.complaint.rev, to: 'selesai' })).rejects.toMatchObject({
      code: 'conflict',
      params: { reason: 'link_required' },
    });
    v = await call('complaints.transition', {
      id: v.complaint.id,
      baseRev: v.complaint.rev,
      to: 'selesai',
      answerUrl: 'https://www.instagram.com/p/XYZ/c/123/',
    });
    expect(v.complaint.status).toBe('selesai');
    expect(v.complaint.history.map((h) => h.to)).toEqual(['baru', 'diteruskan', 'menunggu_atasan', 'dijawab', 'selesai']);
    list = await call('complaints.list', { status: 'overdue' });
    expect(list.items).toEqual([]);
  });

  it('a stale baseRev is a conflict', async () => {
    const { call } = await setup();
    const v = await call('complaints.create', { input });
    await call('complaints.update', { id: v.complaint.id, baseRev: 0, patch: { topic: 'PJU' } });
    await expect(call('complaints.update', { id: v.complaint.id, baseRev: 0, patch: { topic: 'x' } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('stores a pasted screenshot upright without EXIF or GPS, outside store/', async () => {
    const { call, ctx } = await setup();
    const photos = teamPath('fixtures/photos');
    // A real Nikon photo with GPS in its EXIF.
    const withGps = readFileSync(path.join(photos, 'gps', 'DSCN0010.jpg'));
    expect((await exifr.gps(withGps))?.latitude).toBeTypeOf('number');
    const v = await call('complaints.create', { input, screenshot: withGps.toString('base64') });
    const shot = v.complaint.screenshot!;
    expect(path.dirname(path.join(ctx.dataDir, 'complaint-shots', shot.file))).not.toContain(`${path.sep}store`);
    const bytes = readFileSync(path.join(ctx.dataDir, 'complaint-shots', shot.file));
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes)).toBeUndefined();
    expect(v.screenshotUrl).toBe(`./files/complaint-shots/${shot.file}`);
    // Orientation 6 means "rotate 90°": the stored file must be upright, so its sides swap.
    const rotated = readFileSync(path.join(photos, 'orientation', 'landscape_6.jpg'));
    const raw = await sharp(rotated).metadata();
    expect(raw.orientation).toBe(6);
    const r = await call('complaints.create', { input, screenshot: rotated.toString('base64') });
    expect([r.complaint.screenshot!.width, r.complaint.screenshot!.height]).toEqual([raw.height, raw.width]);
  });

  it('refuses a screenshot that is not an image', async () => {
    const { call } = await setup();
    await expect(call('complaints.create', { input, screenshot: Buffer.from('not an image').toString('base64') })).rejects.toMatchObject({
      code: 'invalid_input',
      params: { reason: 'screenshot_unreadable' },
    });
  });

  it('imports a CSV with BOM, CRLF and semicolons: dry run first, per-row errors, then the valid rows', async () => {
    const { call } = await setup();
    const csv =
      '\uFEFFKanal;Diterima;Pelapor;Isi;Topik;Bidang\r\n' +
      'WA;23/11/2026 08.15;0812xxx;Sampah menumpuk di pasar;Sampah;DLH\r\n' +
      'telepati;23/11/2026;x;Isi;T;B\r\n' +
      'lapor!;31/02/2026;y;Isi;T;B\r\n' +
      'Instagram;2026-11-20T10:00:00+07:00;@a;;T;B\r\n' +
      'Datang langsung;2026-11-21 09:30;Pak Budi;"Antre lama; loket tutup";Layanan;Sekretariat\r\n';
    const dry = await call('complaints.importCsv', { csv, dryRun: true });
    expect(dry.delimiter).toBe(';');
    expect(dry.imported).toBe(0);
    expect(dry.rows.map((r) => [r.line, r.ok, r.errors])).toEqual([
      [2, true, []],
      [3, false, ['channel_unknown']],
      [4, false, ['date_invalid']],
      [5, false, ['text_missing']],
      [6, true, []],
    ]);
    expect((await call('complaints.list', { status: 'all' })).items).toHaveLength(0);
    const done = await call('complaints.importCsv', { csv, dryRun: false });
    expect(done.imported).toBe(2);
    const all = await call('complaints.list', { status: 'all' });
    const wa = all.items.find((i) => i.channel === 'whatsapp')!;
    expect(wa.receivedAt).toBe('2026-11-23T01:15:00.000Z'); // 08.15 WIB
    expect(all.items.find((i) => i.channel === 'walk_in')!.excerpt).toBe('Antre lama; loket tutup');
  });

  it('refuses a CSV without the needed columns', async () => {
    const { call } = await setup();
    await expect(call('complaints.importCsv', { csv: 'a,b\n1,2\n', dryRun: true })).rejects.toMatchObject({
      code: 'invalid_input',
      params: { reason: 'csv_columns' },
    });
  });

  it('exports anonymised by default; identity only on request, and the export imports again', async () => {
    const { call, ctx } = await setup();
    await call('complaints.create', { input: { ...input, text: '=HYPERLINK("http://x")' } });
    const anon = await call('complaints.exportCsv', { includeIdentity: false });
    const anonText = readFileSync(path.join(ctx.dataDir, 'exports', anon.name), 'utf8');
    expect(anonText).not.toContain('warga_cepu');
    expect(anonText).not.toContain('instagram.com/p/XYZ');
    expect(anonText).toContain('PJU mati');
    expect(anon.url).toBe(`./files/exports/${anon.name}?download=1`);
    const full = await call('complaints.exportCsv', { includeIdentity: true });
    const fullText = readFileSync(path.join(ctx.dataDir, 'exports', full.name), 'utf8');
    expect(fullText).toContain('@warga_cepu');
    expect(fullText).toContain(`"'=HYPERLINK(""http://x"")"`);
    const again = await call('complaints.importCsv', { csv: fullText, dryRun: true });
    expect(again.rows).toHaveLength(1);
    // The file reads back whole; the report is already stored, so it is recognised, not doubled.
    expect(again.rows[0]).toMatchObject({ ok: false, errors: ['duplicate_stored'], channel: 'instagram_comment', receivedAt: input.receivedAt });
  });

  it('the dev clock is refused unless REDAKSI_DEV_CLOCK=1', async () => {
    const { call } = await setup();
    await expect(call('dev.setClockOffset', { offsetMs: 1000 })).rejects.toMatchObject({ code: 'forbidden' });
    process.env.REDAKSI_DEV_CLOCK = '1';
    const r = await call('dev.setClockOffset', { offsetMs: 86_400_000 });
    expect(r.now).toBe(new Date(T0 + 86_400_000).toISOString());
  });
});

describe('complaints.list paging', () => {
  it('returns one page in the same most-urgent-first order, with the total over all pages', async () => {
    const { call } = await setup();
    for (let i = 0; i < 7; i++) {
      await call('complaints.create', { input: { ...input, topic: `PJU ${i}`, receivedAt: new Date(T0 - (i + 1) * 3_600_000).toISOString() } });
    }
    const all = await call('complaints.list', { status: 'all' });
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(7);
    const ids = all.items.map((c) => c.id);
    // Due at the same moment: the report that has waited longest comes first (not the order of random ids).
    const ties = all.items.slice(1).filter((c, i) => c.next?.due === all.items[i].next?.due && c.urgent === all.items[i].urgent);
    expect(ties.length).toBeGreaterThan(0);
    all.items.slice(1).forEach((c, i) => {
      if (c.next?.due === all.items[i].next?.due && c.urgent === all.items[i].urgent) expect(all.items[i].receivedAt < c.receivedAt).toBe(true);
    });
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(await call('complaints.list', { status: 'all', offset, limit: 3 }));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(ids);
    expect(pages.every((p) => p.total === 7 && p.counts.open === 7)).toBe(true);
    const found = await call('complaints.list', { status: 'all', query: 'PJU 4', limit: 1 });
    expect(found.total).toBe(1);
    await expect(call('complaints.list', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('complaints.update', () => {
  it('a patch changes only the fields it names', async () => {
    const { call } = await setup();
    const v = await call('complaints.create', { input });
    const u = await call('complaints.update', { id: v.complaint.id, baseRev: v.complaint.rev, patch: { answerDraft: 'Draf' } });
    expect(u.complaint).toMatchObject({ topic: 'PJU mati', bidang: 'Bidang Penerangan Jalan', forwardedBy: '@bupati.blora', link: input.link, answerDraft: 'Draf' });
  });
});
