import { describe, expect, it } from 'vitest';
import type { Post } from '@shared/domain/post';
import { openApi, tempDir } from '../electron/helpers';

type Api = Awaited<ReturnType<typeof openApi>>;

/** A clock the test moves; the workspace is opened (installed) at its first value. */
async function open(installedAt: string) {
  const clock = { now: new Date(installedAt) };
  const api = await openApi(tempDir(), { now: () => clock.now });
  await api.call('settings.get', {});
  const ws = await api.call('settings.get', {});
  // WhatsApp counts toward the target here, as for an OPD whose regent watches its channel.
  await api.call('settings.update', {
    baseRev: ws.rev,
    targets: { ...ws.targets, perChannel: { website: 0, facebook: 0, instagram: 0, x: 0, whatsapp: 1, other: 0 } },
  });
  return { ...api, clock };
}

async function approvedPost(api: Api, title: string): Promise<Post> {
  const p = await api.call('posts.create', { content: { title, lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan' } });
  const post = { ...p, status: 'approved' as const, rev: p.rev + 1 };
  await api.store.posts.put(post);
  return post;
}

describe('honest Beranda counts (through the dispatcher)', () => {
  it('a WhatsApp job left unmarked stops counting as scheduled when its day ends, and shows overdue', async () => {
    // Installed Mon 23 Nov 2026 08:00 WIB.
    const api = await open('2026-11-23T01:00:00.000Z');
    api.clock.now = new Date('2026-11-24T02:00:00.000Z'); // Tue 09:00 WIB
    const post = await approvedPost(api, 'Jadwal Posyandu Desember');
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['whatsapp'], scheduledAt: null });
    expect(job.state).toBe('queued');

    let o = await api.call('activity.overview', {});
    expect(o.todayScheduled).toBe(1);
    expect(o.channels.find((c) => c.channel === 'whatsapp')).toMatchObject({ target: 1, published: 0, scheduled: 1 });
    expect(o.overdueJobs).toEqual([]);

    // Wed 25 Nov 11:00 WIB: nothing was sent or marked. Not "scheduled today" any more.
    api.clock.now = new Date('2026-11-25T04:00:00.000Z');
    o = await api.call('activity.overview', {});
    expect(o.todayScheduled).toBe(0);
    expect(o.channels.find((c) => c.channel === 'whatsapp')).toMatchObject({ published: 0, scheduled: 0 });
    expect(o.overdueJobs).toMatchObject([{ id: post.id, status: 'overdue', channel: 'whatsapp' }]);
    // Past the 10:00 reminder with nothing out: the reminder is back.
    expect(o.reminderDue).toBe(true);
    // Tuesday had nothing published: the streak is 0, not carried by the pending job.
    expect(o.streak.current).toBe(0);
  });

  it('a manual publication marked the next morning counts on the day it went out', async () => {
    const api = await open('2026-11-23T01:00:00.000Z');
    api.clock.now = new Date('2026-11-24T02:00:00.000Z');
    const post = await approvedPost(api, 'Pengumuman Libur Natal');
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['whatsapp'], scheduledAt: null });

    // Posted by hand Tue 24 Nov 21:00 WIB, marked Wed 25 Nov 07:30 WIB.
    api.clock.now = new Date('2026-11-25T00:30:00.000Z');
    await expect(
      api.call('publishing.resolve', { jobId: job.id, action: 'mark_published', url: 'https://whatsapp.com/channel/abc', publishedAt: '2026-11-25T01:00:00.000Z' }),
    ).rejects.toMatchObject({ code: 'invalid_input', params: { reason: 'published_in_future' } });
    const r = await api.call('publishing.resolve', { jobId: job.id, action: 'mark_published', url: 'https://whatsapp.com/channel/abc', publishedAt: '2026-11-24T14:00:00.000Z' });
    expect(r.state).toBe('published');

    const pubs = api.store.collections.publications.all();
    expect(pubs).toMatchObject([{ channel: 'whatsapp', publishedAt: '2026-11-24T14:00:00.000Z', source: 'manual' }]);
    // The job's log keeps who-did-what: marked at 07:30 for a post that went out at 21:00.
    const detail = await api.call('publishing.job', { id: job.id });
    const entry = detail.log.find((l) => l.action === 'user: marked as published');
    expect(entry).toMatchObject({ at: '2026-11-25T00:30:00.000Z', detail: 'went out at 2026-11-24T14:00:00.000Z, recorded at 2026-11-25T00:30:00.000Z' });

    const o = await api.call('activity.overview', {});
    expect(o.heatmap['2026-11-24']).toBe(1);
    expect(o.heatmap['2026-11-25']).toBeUndefined();
    expect(o.streak).toMatchObject({ current: 1, since: '2026-11-24', todayHasContent: false });
    // The head of agency's view: 23 and 24 Nov are judged (today is open), the 24th met the WhatsApp target.
    expect(o.manager.thisMonth).toMatchObject({ from: '2026-11-01', to: '2026-11-25', published: 1, requiredDays: 2, metDays: 1, percentMet: 50, percentOnTime: null });
    // October is before the workspace existed: nothing to judge, not 0 %.
    expect(o.manager.lastMonth).toMatchObject({ from: '2026-10-01', to: '2026-10-31', published: 0, requiredDays: 0, percentMet: null });
    const report = await api.call('activity.days', { from: '2026-11-24', to: '2026-11-24', list: 'days' });
    expect(report.items[0]).toMatchObject({ total: 1, targetMet: true });
  });

  it('the reminder stays quiet on a holiday, even where every day counts', async () => {
    const api = await open('2026-11-23T01:00:00.000Z');
    // Fri 25 Dec 2026 (Natal) 14:00 WIB, nothing out.
    api.clock.now = new Date('2026-12-25T07:00:00.000Z');
    let o = await api.call('activity.overview', {});
    expect(o.todayHoliday).toBe('Kelahiran Yesus Kristus');
    expect(o.todayRequired).toBe(true);
    expect(o.reminderDue).toBe(false);
    // Mon 28 Dec 14:00 WIB: an ordinary day again.
    api.clock.now = new Date('2026-12-28T07:00:00.000Z');
    o = await api.call('activity.overview', {});
    expect(o.reminderDue).toBe(true);
  });

  it('days before the workspace existed are not required days, and the first day raises no alarm', async () => {
    // Installed Thu 19 Nov 2026 15:00 WIB.
    const api = await open('2026-11-19T08:00:00.000Z');
    let o = await api.call('activity.overview', {});
    expect(o.firstDay).toBe(true);
    expect(o.reminderDue).toBe(false);
    expect(o.startDate).toBe('2026-11-19');
    // From 1 November without a 2027 SKB list, Beranda asks for it; holidays are marked on the heatmap.
    expect(o.calendarMissingYear).toBe(2027);
    expect(o.heatmapHolidays['2026-08-17']).toBe('Proklamasi Kemerdekaan RI');
    const ws = await api.call('settings.get', {});
    await api.call('settings.update', {
      baseRev: ws.rev,
      targets: { ...ws.targets, skb: [{ year: 2027, source: 'SKB uji', holidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' }] }] },
    });
    expect((await api.call('activity.overview', {})).calendarMissingYear).toBeNull();

    api.clock.now = new Date('2026-11-24T05:00:00.000Z');
    o = await api.call('activity.overview', {});
    expect(o.firstDay).toBe(false);
    const r = await api.call('activity.report', { from: '2026-11-01', to: '2026-11-30' });
    // 19–23 Nov are judged (today the 24th is still open); 1–18 Nov are before the install.
    expect(r.requiredDays).toBe(5);
    const missed = await api.call('activity.days', { from: '2026-11-01', to: '2026-11-30', list: 'missed' });
    expect(missed.items.map((d) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(r.lists.missed).toBe(5);
    expect(r.beforeStartDays).toBe(18);
  });
});
