import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { buildRollup, type RollupPublication } from '@shared/pantauan/build';
import type { RollupDoc } from '@shared/pantauan/docs';

/**
 * The rollup of an OPD in WIB that must publish one website item every
 * working day from 1 May 2026, with the given publications and no complaints.
 */
export function websiteOpdRollup(o: { opd: string; name?: string; region: string; now: Date; publications: RollupPublication[] }): RollupDoc[] {
  return buildRollup({
    opd: o.opd,
    name: o.name ?? o.opd,
    kind: 'opd',
    region: o.region,
    zone: 'WIB',
    targets: { days: 'working', perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
    requiredFrom: '2026-05-01',
    now: o.now,
    publications: o.publications,
    complaints: [],
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });
}
