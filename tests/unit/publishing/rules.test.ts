import { describe, expect, it } from 'vitest';
import { normaliseSiteUrl } from '@shared/publishing/connection';
import { BACKOFF, backoffDelay, canTransition, isDue, isMissedSlot, retryAfterMs, wpSlug, type Job } from '@shared/publishing/job';
import { calendarDays, emptyDays, groupByDay, moveToDay, zonedInstant, zonedTime } from '@shared/publishing/schedule';
import { checkVariant, hashtagsFromTags, plannedImage } from '@shared/publishing/variants';

const img = (width: number, height: number, extra: Partial<{ mime: string; bytes: number | null; alt: string }> = {}) => ({ width, height, mime: 'image/jpeg', bytes: null, alt: 'alt', ...extra });

describe('job state machine and retry timing', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('queued', 'sending')).toBe(true);
    expect(canTransition('sending', 'unconfirmed')).toBe(true);
    expect(canTransition('published', 'sending')).toBe(false);
    expect(canTransition('cancelled', 'published')).toBe(false);
    expect(canTransition('queued', 'failed')).toBe(false);
  });

  it('backs off exponentially with jitter, capped, and never sooner than Retry-After', () => {
    expect(backoffDelay(1, 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, 1)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(4, 1)).toBe(BACKOFF.baseMs * 8);
    expect(backoffDelay(30, 1)).toBe(BACKOFF.capMs);
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(3, i / 19)));
    expect(spread.size).toBeGreaterThan(10);
    expect(backoffDelay(1, 0, 90_000)).toBe(90_000);
  });

  it('reads Retry-After (seconds or date) and x-rate-limit-reset (epoch seconds)', () => {
    const now = new Date('2026-11-24T05:00:00Z');
    const h = (o: Record<string, string>) => new Headers(o);
    expect(retryAfterMs(h({ 'retry-after': '120' }), now)).toBe(120_000);
    expect(retryAfterMs(h({ 'retry-after': 'Tue, 24 Nov 2026 05:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(h({ 'x-rate-limit-reset': String(now.getTime() / 1000 + 900) }), now)).toBe(900_000);
    expect(retryAfterMs(h({}), now)).toBeNull();
  });

  it('treats a slot that passed while the PC was off as missed, not due', () => {
    const start = new Date('2026-11-24T08:00:00Z');
    const base = { state: 'queued' as const, attempts: 0, mode: 'api' as const, wpStatus: 'publish' as const };
    expect(isMissedSlot({ ...base, scheduledAt: '2026-11-24T07:00:00Z' }, start)).toBe(true);
    expect(isMissedSlot({ ...base, scheduledAt: '2026-11-24T07:55:00Z' }, start)).toBe(false);
    expect(isMissedSlot({ ...base, scheduledAt: '2026-11-24T07:00:00Z', wpStatus: 'future' }, start)).toBe(false);
    expect(isMissedSlot({ ...base, scheduledAt: '2026-11-24T07:00:00Z', attempts: 2 }, start)).toBe(false);
    const job = { ...base, scheduledAt: '2026-11-24T09:00:00Z', nextAttemptAt: null } as unknown as Job;
    expect(isDue(job, start)).toBe(false);
    expect(isDue(job, new Date('2026-11-24T09:00:00Z'))).toBe(true);
  });

  it('builds the same WordPress slug for the same job, different for another', () => {
    expect(wpSlug('Posyandu Balita di Desa Sidorejo!', 'abc12345def0')).toBe('posyandu-balita-di-desa-sidorejo-rdkabc12345def0');
    expect(wpSlug('Posyandu', 'abc12345def0')).not.toBe(wpSlug('Posyandu', 'abc12345def1'));
  });

  it('normalises a site address typed by a person', () => {
    expect(normaliseSiteUrl('dinkes.blorakab.go.id/wp-admin/')).toBe('https://dinkes.blorakab.go.id');
    expect(normaliseSiteUrl('http://127.0.0.1:8089/')).toBe('http://127.0.0.1:8089');
    expect(normaliseSiteUrl('https://user:pw@x.go.id')).toBeNull();
    expect(normaliseSiteUrl('')).toBeNull();
  });
});

describe('channel variant checks (cited limits)', () => {
  it('X: 280 weighted characters, a URL counts 23 whatever its length, emoji count 2', () => {
    const url = `https://dinkes.blorakab.go.id/${'a'.repeat(120)}`;
    const ok = checkVariant('x', `${'a'.repeat(256)} ${url}`, []);
    expect(ok.meter?.used).toBe(256 + 1 + 23);
    expect(ok.ok).toBe(true);
    const over = checkVariant('x', `${'a'.repeat(279)}😀`, []);
    expect(over.meter?.used).toBe(281);
    expect(over.findings.map((f) => f.code)).toContain('x_too_long');
    expect(over.findings[0].source).toMatch(/counting-characters|twitter-text/);
    expect(checkVariant('x', 'a', [img(1600, 900), img(1600, 900), img(1600, 900), img(1600, 900), img(1600, 900)]).findings.map((f) => f.code)).toContain('too_many_images');
    expect(checkVariant('x', 'a', [img(1600, 900, { bytes: 6 * 1024 * 1024 })]).findings.map((f) => f.code)).toContain('image_too_large');
  });

  it('Instagram: 2,200 characters, 5 hashtags, aspect 4:5–1.91:1, JPEG, carousel up to 10', () => {
    expect(checkVariant('instagram', 'x'.repeat(2201), [img(1080, 1350)]).findings.map((f) => f.code)).toContain('caption_too_long');
    expect(checkVariant('instagram', '#a #b #c #d #e', [img(1080, 1350)]).ok).toBe(true);
    expect(checkVariant('instagram', '#a #b #c #d #e #f', [img(1080, 1350)]).findings.map((f) => f.code)).toContain('too_many_hashtags');
    expect(checkVariant('instagram', 'x', [img(1080, 1920)]).findings.map((f) => f.code)).toContain('aspect_out_of_range');
    expect(checkVariant('instagram', 'x', [img(1080, 1350, { mime: 'image/png' })]).findings.map((f) => f.code)).toContain('jpeg_required');
    expect(checkVariant('instagram', 'x', Array.from({ length: 11 }, () => img(1080, 1080))).findings.map((f) => f.code)).toContain('carousel_too_many');
    expect(checkVariant('instagram', 'x', []).findings.map((f) => f.code)).toContain('image_required');
  });

  it('Website: title, category, featured image with alt text', () => {
    const web = { title: 'Judul', excerpt: 'Ringkas', category: 'Kesehatan', tags: ['a'] };
    expect(checkVariant('website', 'Ringkas', [img(1200, 675)], web).ok).toBe(true);
    expect(checkVariant('website', 'Ringkas', [img(1200, 675, { alt: ' ' })], web).findings.map((f) => f.code)).toEqual(['alt_required']);
    expect(checkVariant('website', '', [], { ...web, title: '', category: '' }).findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['title_required', 'category_required', 'featured_required']),
    );
  });

  it('plans the rendered size from the channel preset and writes hashtags as accounts do', () => {
    expect(plannedImage('instagram', { width: 4000, height: 3000, altText: '' })).toMatchObject({ width: 1080, height: 1350 });
    expect(plannedImage('whatsapp', { width: 4000, height: 3000, altText: '' })).toMatchObject({ width: 1080, height: 810 });
    expect(hashtagsFromTags(['stunting', 'Blora sehat', 'blora sehat', 'gizi'], 3)).toEqual(['#Stunting', '#BloraSehat', '#Gizi']);
  });
});

describe('schedule in the OPD zone, whatever the PC zone', () => {
  it('turns a wall-clock slot into the right instant for WIB, WITA and WIT', () => {
    expect(zonedInstant('2026-11-24', '09:00', 'WIB')).toBe('2026-11-24T02:00:00.000Z');
    expect(zonedInstant('2026-11-24', '09:00', 'WITA')).toBe('2026-11-24T01:00:00.000Z');
    expect(zonedInstant('2026-11-24', '09:00', 'WIT')).toBe('2026-11-24T00:00:00.000Z');
    expect(zonedTime('2026-11-24T00:00:00.000Z', 'WIT')).toBe('09:00');
  });

  it('moves an item to another day keeping its time (drag on the calendar)', () => {
    expect(moveToDay('2026-11-24T00:30:00.000Z', '2026-11-27', 'WIB')).toBe('2026-11-27T00:30:00.000Z');
    // 06:30 WIT on the 24th is still the 23rd in UTC: the day is the OPD's, not UTC's.
    expect(moveToDay('2026-11-23T21:30:00.000Z', '2026-11-25', 'WIT')).toBe('2026-11-24T21:30:00.000Z');
  });

  it('lays out weeks from Monday and months in whole weeks, and marks empty days', () => {
    const week = calendarDays('week', '2026-11-26', 'WIB');
    expect(week).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    const month = calendarDays('month', '2026-11-10', 'WIT');
    expect(month[0]).toBe('2026-10-26');
    expect(month.length % 7).toBe(0);
    expect(month).toContain('2026-11-30');
    const byDay = groupByDay([{ at: '2026-11-23T18:00:00.000Z' }], 'WIB'); // 01:00 WIB on the 24th
    expect([...byDay.keys()]).toEqual(['2026-11-24']);
    expect(emptyDays(week, byDay, '2026-11-24')).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });
});
