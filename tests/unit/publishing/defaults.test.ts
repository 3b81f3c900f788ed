import { describe, expect, it } from 'vitest';
import { xWeightedLength } from '@shared/channels/count';
import { DEFAULT_TARGETS } from '@shared/activity/targets';
import { nextFreeSlot, zonedInstant } from '@shared/publishing/schedule';
import { checkVariant, fitX } from '@shared/publishing/variants';
import { openApi, tempDir } from '../electron/helpers';

const LONG_LEAD =
  'BLORA – Dinas Kesehatan Kabupaten Blora menggelar pemeriksaan kesehatan gratis bagi 1.250 warga lanjut usia di 16 kecamatan selama sepekan, mulai Senin (23/11/2026), sebagai bagian dari program pencegahan penyakit tidak menular yang dicanangkan bupati sejak awal tahun ini.';

describe('defaults that help', () => {
  it('X text is prefilled within 280 with a visible ellipsis, title, site and hashtags kept', () => {
    const text = fitX('Pemeriksaan Kesehatan Gratis untuk 1.250 Lansia di 16 Kecamatan', LONG_LEAD, 'https://dinkes.blorakab.go.id', '#BloraSehat #Lansia');
    expect(xWeightedLength(text)).toBeLessThanOrEqual(280);
    expect(text).toContain('…');
    expect(text.startsWith('Pemeriksaan Kesehatan Gratis')).toBe(true);
    expect(text).toContain('https://dinkes.blorakab.go.id');
    expect(text).toContain('#BloraSehat');
    expect(checkVariant('x', text, []).ok).toBe(true);
    // Short enough already: unchanged, no ellipsis.
    expect(fitX('Judul', 'Teras singkat.', '', '#A')).toBe('Judul\n\nTeras singkat.\n\n#A');
    // Even an absurd title ends within the limit.
    expect(xWeightedLength(fitX('Sangat '.repeat(80), LONG_LEAD, 'https://x.go.id', '#A'))).toBeLessThanOrEqual(280);
  });

  it('only channels with a target or a connection are on; X with a target of 0 stays off', async () => {
    const api = await openApi(tempDir());
    const post = await api.call('posts.create', { content: { title: 'Pemeriksaan Lansia', lead: LONG_LEAD, bodyMd: 'Isi.', category: 'Kesehatan' } });
    let on = (await api.call('publishing.variants', { postId: post.id })).variants.filter((v) => v.enabled).map((v) => v.channel);
    // Default targets: website, Facebook and Instagram 1 a day; X, WhatsApp, other 0.
    expect(on.sort()).toEqual(['facebook', 'instagram', 'website']);
    const x = (await api.call('publishing.variants', { postId: post.id })).variants.find((v) => v.channel === 'x')!;
    expect(xWeightedLength(x.text)).toBeLessThanOrEqual(280);
    expect(x.text).toContain('…');

    // An OPD that tracks only its website and has only a website connection: website only.
    const ws = await api.call('settings.get', {});
    await api.call('settings.update', { baseRev: ws.rev, targets: { ...DEFAULT_TARGETS, perChannel: { website: 0, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 } } });
    await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
    on = (await api.call('publishing.variants', { postId: post.id })).variants.filter((v) => v.enabled).map((v) => v.channel);
    expect(on).toEqual(['website']);
  });

  it('the default time is the next free slot in the OPD zone, not 09:00 that already passed', async () => {
    // 11:50 WIB.
    const now = new Date(zonedInstant('2026-11-27', '11:50', 'WIB'));
    expect(nextFreeSlot(now, 'WIB', [])).toMatchObject({ date: '2026-11-27', time: '12:00' });
    // 12:00 is taken by another job: 13:00.
    expect(nextFreeSlot(now, 'WIB', [zonedInstant('2026-11-27', '12:00', 'WIB')])).toMatchObject({ time: '13:00' });
    // 11:50 WIT is 09:50 WIB: the slot is computed in the OPD's own zone.
    expect(nextFreeSlot(new Date(zonedInstant('2026-11-27', '11:50', 'WIT')), 'WIT', [])).toMatchObject({ date: '2026-11-27', time: '12:00' });
    // Late evening: tomorrow morning.
    expect(nextFreeSlot(new Date(zonedInstant('2026-11-27', '20:30', 'WIB')), 'WIB', [])).toMatchObject({ date: '2026-11-28', time: '08:00' });
    // Less than 5 minutes ahead is too close to prepare: 11:58 → 13:00.
    expect(nextFreeSlot(new Date(zonedInstant('2026-11-27', '11:58', 'WIB')), 'WIB', [])).toMatchObject({ time: '13:00' });

    const api = await openApi(tempDir(), { now: () => now });
    const post = await api.call('posts.create', { content: { title: 'Jadwal', lead: 'BLORA – Isi.', bodyMd: 'Isi.', category: 'Kesehatan' } });
    const res = await api.call('publishing.variants', { postId: post.id });
    expect(res.suggestedAt).toBe(zonedInstant('2026-11-27', '12:00', 'WIB'));
  });
});
