import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '@shared/api/contract';
import { ApiError, ERROR_CODES } from '@shared/api/errors';
import { API_METHOD_NAMES } from '@shared/api/method-names';

describe('API contract', () => {
  it('the preload list names exactly the contract methods', () => {
    expect([...API_METHOD_NAMES].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('rejects malformed input of every method', () => {
    for (const m of METHOD_NAMES) {
      const schema = contract[m].input;
      expect(schema.safeParse('not an object').success, m).toBe(false);
      expect(schema.safeParse({ unexpected: 1, id: 'x' }).success, m).toBe(false);
    }
  });

  it('refuses ids that could leave the data folder', () => {
    for (const id of ['../x', 'a/b', 'a\\b', '', 'C:', 'x'.repeat(65)]) {
      expect(contract['posts.get'].input.safeParse({ id }).success, id).toBe(false);
    }
    expect(contract['backups.restore'].input.safeParse({ id: '../../etc' }).success).toBe(false);
  });

  it('rejects multi-line titles and bad dates in a patch', () => {
    const u = contract['posts.update'].input;
    expect(u.safeParse({ id: 'a', baseRev: 1, patch: { title: 'a\nb' } }).success).toBe(false);
    expect(u.safeParse({ id: 'a', baseRev: 1, patch: { eventDate: '2022-13-40' } }).success).toBe(false);
    expect(u.safeParse({ id: 'a', baseRev: 1, patch: { status: 'published' } }).success).toBe(true);
    // status is not an author field: zod strips it from the patch.
    const parsed = u.parse({ id: 'a', baseRev: 1, patch: { status: 'published', title: 'ok' } });
    expect(parsed.patch).toEqual({ title: 'ok' });
  });

  it('errors survive the wire with their code', () => {
    const e = new ApiError('conflict', 'x', { params: { currentRev: 3 } });
    const back = ApiError.fromWire(JSON.parse(JSON.stringify(e.toWire())));
    expect(back.code).toBe('conflict');
    expect(back.params).toEqual({ currentRev: 3 });
    expect(ApiError.fromWire({ code: 'nonsense' as never, message: 'm' }).code).toBe('internal');
    expect(ERROR_CODES).toContain('invalid_input');
  });
});
