import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { importPhoto } from '@core/media/import';
import { PublishError, type FailureKind } from '@core/publishing/http';
import { Outbox } from '@core/publishing/outbox';
import type { Publisher } from '@core/publishing/publisher';
import type { AttemptLog } from '@shared/publishing/job';
import { logLine } from '@ui/features/publishing/job-log';
import { en, id } from '@ui/i18n/catalog';
import { makeT } from '@ui/i18n/i18n';
import { openApi, tempDir } from '../electron/helpers';

const PHOTOS = path.resolve(__dirname, '../../../../shared/fixtures/photos');
const t = makeT('id');

/** Every code a line carries has its sentence in both languages. */
function uncatalogued(log: readonly AttemptLog[]): string[] {
  return log.filter((l) => !l.code || !(`publishing.log.${l.code}` in id) || !(`publishing.log.${l.code}` in en)).map((l) => `${l.action} → ${l.code ?? '(no code)'}`);
}

describe('outbox job log: a code and its parameters, shown in the app language', () => {
  it('stores a catalogued code on every line of a job that is queued, rate-limited, retried and published', async () => {
    const clock = { now: new Date('2026-11-24T02:00:00Z') };
    const api = await openApi(tempDir(), { now: () => clock.now });
    const res = await importPhoto(api.ctx, 'a.jpg', readFileSync(path.join(PHOTOS, 'gps/DSCN0010.jpg')));
    await api.store.collections.media.put({ ...res.photo, altText: 'Kader menimbang balita', rev: res.photo.rev + 1 });
    const p = await api.call('posts.create', {
      content: { title: 'Posyandu Balita Desa Sido', lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan', tags: ['Stunting'], media: [{ mediaId: res.photo.id, role: 'featured', caption: '' }] },
    });
    await api.store.posts.put({ ...p, status: 'approved', rev: p.rev + 1 });
    await api.call('connections.save', { channel: 'website', label: 'Web Dinkes', baseUrl: 'https://dinkes.example.go.id', username: 'admin', secret: 'abcd efgh ijkl mnop qrst uvwx' });
    const [job] = await api.call('publishing.schedule', { postId: p.id, channels: ['website'], scheduledAt: null });
    const outcomes: (PublishError | 'ok')[] = [new PublishError('rate_limited', 'POST /wp/v2/posts → 429', { status: 429, retryAfterMs: 60_000 }), 'ok'];
    let calls = 0;
    const pub: Publisher = {
      async publish() {
        const o = outcomes[Math.min(calls++, outcomes.length - 1)];
        if (o !== 'ok') throw o;
        return { remoteId: '42', url: 'https://dinkes.example.go.id/?p=42', remoteStatus: 'publish' };
      },
      async test() {
        return { ok: true, code: 'ok' as const, detail: '' };
      },
      async probe() {},
    };
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { publishers: { website: pub }, random: () => 0.5 });
    await ob.start({ poll: false });
    await ob.tick();
    clock.now = new Date(clock.now.getTime() + 61_000);
    await ob.tick();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.state).toBe('published');
    expect(uncatalogued(done.log)).toEqual([]);
    // Read in Indonesian, oldest first.
    expect(done.log.map((l) => logLine(t, l, 'WIB').text)).toEqual([
      'Masuk antrean, dikirim lewat Web Dinkes.',
      'Percobaan ke-1: mengirim.',
      'Kanal membatasi jumlah kiriman; dicoba lagi nanti.',
      'Percobaan ke-2: mengirim.',
      'Sudah tayang.',
    ]);
    await ob.stop();
  });

  it('has a sentence for every way an attempt fails', () => {
    const kinds: FailureKind[] = ['offline', 'unknown', 'retryable', 'rate_limited', 'auth', 'rejected', 'unverifiable'];
    expect(kinds.filter((k) => !(`publishing.log.failed_${k}` in id))).toEqual([]);
  });

  it('shows dates in the workspace zone and WordPress statuses in its own Indonesian words', () => {
    const base = { at: '2026-11-24T02:00:00.000Z', outcome: 'info' as const, detail: '', status: null, remoteId: null, url: null };
    expect(logLine(t, { ...base, action: 'user: rescheduled', code: 'user_reschedule', params: { at: '2026-11-25T07:00:00.000Z' } }, 'WIB').text).toBe('Dijadwalkan ulang ke 25/11/2026 14.00 WIB.');
    expect(logLine(t, { ...base, action: 'POST /wp/v2/posts', code: 'post_created', params: { status: 'future' } }, 'WIB').text).toBe('Tulisan dibuat di website (Terjadwal).');
  });

  it('shows a line stored before codes existed as it was stored', () => {
    const old: AttemptLog = { at: '2026-11-24T02:00:00.000Z', action: 'POST /wp/v2/media (image/jpeg, 120 KB)', outcome: 'ok', detail: 'uploaded', status: 201, remoteId: '7', url: null };
    expect(logLine(t, old, 'WIB')).toEqual({ text: 'POST /wp/v2/media (image/jpeg, 120 KB): uploaded', coded: false });
    // An unknown code (a newer Redaksi on another PC wrote it): the stored words, not a raw key.
    expect(logLine(t, { ...old, code: 'from_the_future' }, 'WIB').coded).toBe(false);
  });
});
