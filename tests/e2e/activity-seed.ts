import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '@shared/activity/calendar';
import { zonedDate } from '@shared/domain/time-zone';
import type { Channel } from '@shared/domain/post';
import { publicationSchema, type Publication } from '@shared/publishing/publication';
import { CURRENT_SCHEMA_VERSION } from '@core/store/migrations';

export interface SeedDay {
  date: string;
  channels: Channel[];
}

/**
 * The seeded 90 days (WIB, ending yesterday): content every day except a gap
 * 20 days ago; every fifth day also carries an Instagram item. Today is empty.
 */
export function ninetyDays(now = new Date()): { today: string; days: SeedDay[] } {
  const today = zonedDate(now, 'WIB');
  const days: SeedDay[] = [];
  for (let i = 90; i >= 1; i--) {
    if (i === 20) continue;
    days.push({ date: addDays(today, -i), channels: i % 5 === 0 ? ['website', 'instagram'] : ['website'] });
  }
  return { today, days };
}

/** Writes real Publication documents (checked by the real schema) into a fresh data folder before the host starts. */
export function seedPublications(dataDir: string, days: SeedDay[]): Publication[] {
  const store = path.join(dataDir, 'store');
  mkdirSync(path.join(store, 'publications'), { recursive: true });
  writeFileSync(path.join(store, 'meta.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: new Date().toISOString() }));
  const out: Publication[] = [];
  let n = 0;
  for (const d of days) {
    for (const channel of d.channels) {
      // 10:00 WIB on that date.
      const at = new Date(`${d.date}T03:00:00.000Z`).toISOString();
      const pub = publicationSchema.parse({
        id: `seed-${String(++n).padStart(4, '0')}`,
        createdAt: at,
        updatedAt: at,
        rev: 0,
        postId: null,
        cardId: null,
        channel,
        publishedAt: at,
        url: `https://dinkominfo.blorakab.go.id/berita/${n}`,
        source: n % 3 === 0 ? 'manual' : 'outbox',
        actorId: null,
        title: `Kegiatan ${d.date}`,
        category: n % 2 === 0 ? 'Kesehatan' : 'Pemerintahan',
      });
      writeFileSync(path.join(store, 'publications', `${pub.id}.json`), JSON.stringify(pub));
      out.push(pub);
    }
  }
  return out;
}

/** Calls the API the way an automation script would (Bearer token). */
export { hostCall as apiCall } from './fixtures';
