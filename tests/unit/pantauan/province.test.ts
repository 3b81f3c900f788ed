import { describe, expect, it } from 'vitest';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { buildRollup } from '@shared/pantauan/build';
import type { DayDoc, MonthDoc, OpdDoc, RollupDoc } from '@shared/pantauan/docs';
import { parseRollupDoc } from '@shared/pantauan/docs';
import { buildRanking, membersOf } from '@shared/pantauan/ranking';
import { ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';
import { provinceHubSetup } from '@core/pantauan/hub-setup';

const NOW = new Date('2026-06-10T05:00:00Z');
const opd = (slug: string, region: string): RollupDoc[] =>
  buildRollup({
    opd: slug,
    name: slug,
    kind: 'opd',
    region,
    zone: 'WIB',
    targets: { days: 'working', perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
    requiredFrom: '2026-05-01',
    now: NOW,
    publications: [{ id: `${slug}1`, channel: 'website', publishedAt: '2026-05-04T02:00:00Z', url: '', category: '', actorId: null }],
    complaints: [],
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });

describe('Pantauan at province level', () => {
  it('sets up rollup-<prov> with the same validation and one replication per regency', () => {
    const s = provinceHubSetup('jateng', ['rembang', 'blora', 'blora'], ['pemprov-pantauan'], 'https://hub.example.go.id/');
    expect(s.db).toBe('rollup-jateng');
    expect(s.designDoc.validate_doc_update).toBe(ROLLUP_VALIDATE_SOURCE);
    expect(s.security.members.roles).toEqual(['pemprov-pantauan']);
    expect(s.replications).toEqual([
      { _id: 'pantauan-rollup-blora-to-rollup-jateng', source: 'https://hub.example.go.id/rollup-blora', target: 'https://hub.example.go.id/rollup-jateng', continuous: true },
      { _id: 'pantauan-rollup-rembang-to-rollup-jateng', source: 'https://hub.example.go.id/rollup-rembang', target: 'https://hub.example.go.id/rollup-jateng', continuous: true },
    ]);
  });

  it('ranks OPDs of several regencies together, each row naming its regency', () => {
    const docs = [...opd('dinkes', 'blora'), ...opd('dinkes-rembang', 'rembang')];
    for (const d of docs) expect(parseRollupDoc(d).ok).toBe(true);
    const of = <T extends RollupDoc>(t: T['type']) => docs.filter((d): d is T => d.type === t);
    const rows = buildRanking({ month: '2026-05', members: membersOf(of<OpdDoc>('opd'), [], 'working', 'WIB'), days: of<DayDoc>('day'), months: of<MonthDoc>('month'), holidays: new Set(HOLIDAYS_2026.map((h) => h.date)), now: NOW });
    expect(rows.map((r) => [r.opd, r.region, r.contentDays, r.requiredDays])).toEqual([
      ['dinkes', 'blora', 1, 16],
      ['dinkes-rembang', 'rembang', 1, 16],
    ]);
    const profile = of<OpdDoc>('opd')[0];
    expect(parseRollupDoc({ ...profile, region: 'Blora!' }).ok).toBe(false);
  });
});
