import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { buildRollup } from '@shared/pantauan/build';
import { ROLLUP_SCHEMAS, ROLLUP_TYPES, type RollupDoc } from '@shared/pantauan/docs';
import { ROLLUP_FIELDS, ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';

type Vdu = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
// The source CouchDB receives, compiled the way a JavaScript query server does.
const validate = new Function(`return (${ROLLUP_VALIDATE_SOURCE});`)() as Vdu;

const member = { name: 'kominfo-a', roles: ['opd-dinas-a-penulis'] };
const other = { name: 'x', roles: ['opd-dinas-b-admin'] };
const admin = { name: 'root', roles: ['_admin'] };

function refused(doc: unknown, ctx: unknown = member): string | null {
  try {
    validate(doc, null, ctx, {});
    return null;
  } catch (e) {
    return (e as { forbidden?: string }).forbidden ?? 'threw a non-forbidden error';
  }
}

const docs: RollupDoc[] = buildRollup({
  opd: 'dinas-a',
  name: 'Dinas A',
  kind: 'opd',
  zone: 'WITA',
  targets: { days: 'working', perChannel: { website: 1, facebook: 1, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
  requiredFrom: '2026-05-25',
  now: new Date('2026-06-02T03:00:00Z'),
  publications: [{ id: 'p1', channel: 'website', publishedAt: '2026-05-29T15:30:00Z', url: 'https://a.example.go.id/b', category: 'Berita', actorId: 'm1' }],
  complaints: [],
  complaintRules: DEFAULT_COMPLAINT_DEADLINES,
  authors: new Map([['m1', 'Budi']]),
});
const byType = (t: RollupDoc['type']) => docs.find((d) => d.type === t)!;

describe('rollup validate_doc_update', () => {
  it('lists the same fields as the zod schemas', () => {
    for (const t of ROLLUP_TYPES) {
      const zodKeys = Object.keys(ROLLUP_SCHEMAS[t].shape).filter((k) => !k.startsWith('_')).sort();
      expect(Object.keys(ROLLUP_FIELDS[t]).sort()).toEqual(zodKeys);
    }
  });

  it('accepts every document the builder writes, from its own OPD', () => {
    expect(new Set(docs.map((d) => d.type))).toEqual(new Set(ROLLUP_TYPES));
    for (const d of docs) expect(refused({ ...d, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } })).toBeNull();
    expect((byType('publication') as { author: string | null }).author).toBe('Budi');
  });

  it('refuses personal or unknown fields, wrong values, foreign writers and mismatched ids', () => {
    const pub = byType('publication');
    const day = byType('day');
    expect(refused({ ...pub, text: 'isi berita' })).toMatch(/text: field not allowed/);
    expect(refused({ ...pub, reporterHandle: 'Siti 0812' })).toMatch(/reporterHandle/);
    expect(refused({ ...pub, category: 'a\nb' })).toMatch(/category/);
    expect(refused({ ...pub, url: 'javascript:alert(1)' })).toMatch(/url/);
    expect(refused({ ...day, counts: { ...(day as { counts: object }).counts, phone: 1 } })).toMatch(/unknown channel phone/);
    expect(refused({ ...day, total: -1 })).toMatch(/total/);
    expect(refused({ ...day, total: '3' })).toMatch(/total/);
    const { holiday, ...noHoliday } = day as RollupDoc & { holiday: unknown };
    void holiday;
    expect(refused(noHoliday)).toMatch(/holiday: missing/);
    expect(refused({ _id: 'complaint:1', type: 'complaint', text: 'x' })).toMatch(/_id/);
    expect(refused({ ...day, _id: 'day:2026-05-26:dinas-a', date: '2026-05-25' })).toMatch(/_id: does not match/);
    expect(refused({ ...day, _attachments: {} })).toMatch(/_attachments/);
    expect(refused(day, other)).toMatch(/only members of dinas-a/);
    expect(refused(day, { name: null, roles: [] })).toMatch(/only members/);
    expect(refused(day, admin)).toBeNull();
    expect(refused({ _id: '_design/rollup', validate_doc_update: 'function(){}' })).toMatch(/hub admin/);
    expect(refused({ _id: '_design/rollup', validate_doc_update: 'function(){}' }, admin)).toBeNull();
  });

  it('lets an OPD delete its own summaries, with no content in the deletion', () => {
    const id = byType('publication')._id;
    expect(refused({ _id: id, _rev: '2-x', _deleted: true })).toBeNull();
    expect(refused({ _id: id, _rev: '2-x', _deleted: true, text: 'x' })).toMatch(/deletion carries no fields/);
    expect(refused({ _id: id, _rev: '2-x', _deleted: true }, other)).toMatch(/only members/);
  });
});
