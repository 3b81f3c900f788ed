import { ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';
import { describe, expect, it } from 'vitest';
import { HUB_DATABASE_KINDS } from '@core/sync/hub/setup/kinds';
import { validateWorkspaceWrite, VALIDATE_WORKSPACE_WRITE_SRC, type SecurityObject, type UserCtx } from '@core/sync/hub/setup/validate';

/**
 * The hub's validate_doc_update, run as a plain function: the same source text
 * the setup script puts in _design/redaksi (express-pouchdb cannot be trusted
 * to apply it to replicated writes, so it is checked here).
 */
const sec: SecurityObject = HUB_DATABASE_KINDS.find((k) => k.id === 'opd')!.security('dinkominfo');
const aduanSec: SecurityObject = HUB_DATABASE_KINDS.find((k) => k.id === 'aduan')!.security('dinkominfo');
const user = (name: string | null, ...roles: string[]): UserCtx => ({ db: 'opd-dinkominfo', name, roles });
const run = (doc: Record<string, unknown>, u: UserCtx, s = sec, old: Record<string, unknown> | null = null) => {
  try {
    validateWorkspaceWrite(doc, old, u, s);
    return 'ok';
  } catch (e) {
    return e as Record<string, string>;
  }
};
const post = { _id: 'post:1', title: 'Rapat' };

describe('workspace write rule', () => {
  it('is the exact text stored in every OPD database (the regency rollup has its own rule)', () => {
    for (const k of HUB_DATABASE_KINDS.filter((x) => x.scope === 'opd')) expect(k.validate).toBe(VALIDATE_WORKSPACE_WRITE_SRC);
    expect(HUB_DATABASE_KINDS.find((x) => x.id === 'rollup')?.validate).toBe(ROLLUP_VALIDATE_SOURCE);
    expect(VALIDATE_WORKSPACE_WRITE_SRC.startsWith('function (newDoc, oldDoc, userCtx, secObj)')).toBe(true);
  });

  it('lets the OPD\'s people write, by role or by name, and server admins', () => {
    for (const r of ['opd-dinkominfo-penulis', 'opd-dinkominfo-editor', 'opd-dinkominfo-admin']) expect(run(post, user('sari', r))).toBe('ok');
    expect(run(post, user('root', '_admin'))).toBe('ok');
    expect(run(post, user('tamu'), { members: { names: ['tamu'], roles: [] } })).toBe('ok');
  });

  it('refuses another OPD\'s people, people without roles, and anonymous writers', () => {
    expect(run(post, user('dewi', 'opd-dinkes-admin'))).toHaveProperty('forbidden');
    expect(run(post, user('budi'))).toHaveProperty('forbidden');
    expect(run(post, user(null))).toHaveProperty('unauthorized');
  });

  it('keeps complaints to editors and admins', () => {
    expect(run(post, user('sari', 'opd-dinkominfo-penulis'), aduanSec)).toHaveProperty('forbidden');
    expect(run(post, user('budi', 'opd-dinkominfo-editor'), aduanSec)).toBe('ok');
  });

  it('never lets a member delete a document (deletion is a trash flag), only a database admin', () => {
    const gone = { ...post, _deleted: true };
    expect(run(gone, user('sari', 'opd-dinkominfo-penulis'), sec, post)).toMatchObject({ forbidden: expect.stringContaining('sampah') });
    expect(run(gone, user('budi', 'opd-dinkominfo-editor'), sec, post)).toHaveProperty('forbidden');
    expect(run(gone, user('ani', 'opd-dinkominfo-admin'), sec, post)).toBe('ok');
    expect(run({ ...post, trashedAt: '2026-11-27T10:00:00Z' }, user('sari', 'opd-dinkominfo-penulis'), sec, post)).toBe('ok');
  });

  it('copes with a database that has no security object yet', () => {
    expect(run(post, user('sari', 'opd-dinkominfo-penulis'), {})).toHaveProperty('forbidden');
  });
});
