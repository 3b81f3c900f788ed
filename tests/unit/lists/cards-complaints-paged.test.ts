import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS_PAGE } from '@shared/api/contracts/cards';
import { COMPLAINTS_MAX_PAGE, COMPLAINTS_PAGE } from '@shared/api/contracts/complaints';
import type { Card } from '@shared/cards/card';
import type { Complaint } from '@shared/complaints/complaint';
import { cloneRecords } from '../../scale-seed';
import { openApi, tempDir } from '../electron/helpers';

const N = 10_000;
const KB = 1024;
const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');
const T0 = Date.parse('2026-11-23T03:00:00.000Z');
const at = (i: number) => new Date(T0 - i * 60_000).toISOString();

function readDoc<T>(dir: string, collection: string, id: string): T {
  return JSON.parse(readFileSync(path.join(dir, 'store', collection, `${id}.json`), 'utf8')) as T;
}

describe('Kartu info list paged (issue 22)', () => {
  it('answers one page of 10k cards under 100 KB, tiles them exactly, searches names, and keeps order under inserts', async () => {
    const dir = tempDir();
    const first = await openApi(dir);
    const made = await first.call('cards.create', { template: 'angka-kunci', name: 'Contoh' });
    const long = 'Capaian vaksinasi dan layanan kesehatan ibu dan anak di puskesmas se-Kabupaten Blora triwulan ketiga';
    cloneRecords(dir, 'cards', readDoc<Card>(dir, 'cards', made.id), N, (i) => ({ name: `${long} ${i}`, updatedAt: at(i), deletedAt: i % 100 === 7 ? at(i) : null }));
    const { call, store } = await openApi(dir);

    const page = await call('cards.list', {});
    expect(page.items).toHaveLength(CARDS_PAGE);
    expect(page.total).toBe(N + 1 - 100);
    expect(page.trashCount).toBe(100);
    expect(size(page)).toBeLessThan(100 * KB);
    const biggest = await call('cards.list', { limit: 200 });
    expect(size(biggest)).toBeLessThan(100 * KB);
    await expect(call('cards.list', { limit: 201 })).rejects.toMatchObject({ code: 'invalid_input' });

    const seen = new Set<string>();
    for (let offset = 0; offset < page.total; offset += 200) for (const c of (await call('cards.list', { offset, limit: 200 })).items) seen.add(c.id);
    expect(seen.size).toBe(page.total);
    expect((await call('cards.list', { offset: N * 2 })).items).toEqual([]);
    expect((await call('cards.list', { trash: true, limit: 200 })).items).toHaveLength(100);

    // Search is the server's: accents and case folded, every word.
    const found = await call('cards.list', { query: 'PUSKESMAS 4242' });
    expect(found.items.map((c) => c.name)).toEqual([`${long} 4242`]);

    // A card saved while someone pages: the ones read before keep their order, shifted by one.
    const before = (await call('cards.list', { limit: 100 })).items.map((c) => c.id);
    await store.collections.cards.put({ ...readDoc<Card>(dir, 'cards', made.id), id: 'baru-1', updatedAt: '2030-01-01T00:00:00.000Z' });
    const after = (await call('cards.list', { limit: 101 })).items.map((c) => c.id);
    expect(after[0]).toBe('baru-1');
    expect(after.slice(1)).toEqual(before);
  }, 120_000);
});

describe('Aduan list paged (issue 22)', () => {
  it('answers one page of 10k reports under 100 KB by default and at the largest page; pages tile the list', async () => {
    const dir = tempDir();
    const first = await openApi(dir, { now: () => new Date(T0) });
    const ws = await first.call('settings.get', {});
    const next = await first.call('settings.update', { baseRev: ws.rev, team: [{ name: 'Admin Medsos', role: 'penulis' }] });
    await first.call('session.signIn', { memberId: next.team[0].id });
    const made = await first.call('complaints.create', {
      input: {
        channel: 'instagram_comment',
        link: 'https://www.instagram.com/p/XYZ/',
        reporterHandle: '@warga_cepu',
        text: 'Lampu PJU di Jl. Diponegoro mati sejak seminggu, warga khawatir karena jalan gelap dan rawan kecelakaan pada malam hari.',
        receivedAt: '2026-11-23T02:00:00.000Z',
        forwardedBy: '@bupati.blora',
        topic: 'PJU mati di jalan kabupaten',
        bidang: 'Bidang Penerangan Jalan Umum',
      },
    });
    cloneRecords(dir, 'complaints', readDoc<Complaint>(dir, 'complaints', made.complaint.id), N, (i) => ({ topic: `PJU mati ${i}`, receivedAt: at(i) }));
    const { call } = await openApi(dir, { now: () => new Date(T0) });

    const page = await call('complaints.list', { status: 'all' });
    expect(page.items).toHaveLength(COMPLAINTS_PAGE);
    expect(page.total).toBe(N + 1);
    expect(size(page)).toBeLessThan(100 * KB);
    expect(size(await call('complaints.list', { status: 'all', limit: COMPLAINTS_MAX_PAGE }))).toBeLessThan(100 * KB);
    await expect(call('complaints.list', { limit: COMPLAINTS_MAX_PAGE + 1 })).rejects.toMatchObject({ code: 'invalid_input' });

    const seen = new Set<string>();
    for (let offset = 0; offset < N + 1; offset += COMPLAINTS_MAX_PAGE) for (const c of (await call('complaints.list', { status: 'all', offset, limit: COMPLAINTS_MAX_PAGE })).items) seen.add(c.id);
    expect(seen.size).toBe(N + 1);
    const found = await call('complaints.list', { status: 'all', query: 'pju mati 777' });
    expect(found.items.map((c) => c.topic)).toContain('PJU mati 777');
  }, 120_000);
});
