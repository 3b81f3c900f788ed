import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '@shared/api/method-names';
import { accessDenial, METHOD_ACCESS } from '@shared/api/permissions';

const penulis = { role: 'penulis' as const };
const editor = { role: 'editor' as const };
const admin = { role: 'admin' as const };

describe('access rules checked in the core', () => {
  it('every method of the contract has a rule', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...API_METHOD_NAMES].sort());
  });

  it('changes need a signed-in member once there is a team; reads and sign-in never do', () => {
    expect(accessDenial('write', [], null)).toBeNull();
    expect(accessDenial('write', [penulis, editor], null)).toBe('not_signed_in');
    expect(accessDenial('write', [penulis, editor], penulis)).toBeNull();
    expect(accessDenial('read', [penulis, editor], null)).toBeNull();
    expect(accessDenial('session', [penulis, editor], null)).toBeNull();
  });

  it('a writer cannot queue, change settings or the team; an editor stands in for a missing admin', () => {
    expect(accessDenial('publish', [penulis, editor], penulis)).toBe('role_cannot_publish');
    expect(accessDenial('publish', [penulis, editor], editor)).toBeNull();
    expect(accessDenial('admin', [penulis, editor], penulis)).toBe('role_admin_only');
    expect(accessDenial('admin', [penulis, editor], editor)).toBeNull();
    expect(accessDenial('admin', [penulis, editor, admin], editor)).toBe('role_admin_only');
    expect(accessDenial('admin', [penulis, editor, admin], admin)).toBeNull();
    // Nobody with authority yet: setting up stays open.
    expect(accessDenial('admin', [penulis], null)).toBeNull();
  });

  it('the methods behind the known escalations are guarded', () => {
    expect(METHOD_ACCESS['settings.update']).toBe('admin');
    expect(METHOD_ACCESS['connections.save']).toBe('admin');
    expect(METHOD_ACCESS['backups.restore']).toBe('admin');
    expect(METHOD_ACCESS['publishing.schedule']).toBe('publish');
    expect(METHOD_ACCESS['review.approve']).toBe('write');
  });
});
