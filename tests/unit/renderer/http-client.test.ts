import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { httpClient, KEEPALIVE_MAX_BYTES } from '@ui/api/http-client';

type Init = RequestInit & { keepalive?: boolean };

/** A fetch that records each request's keepalive flag and answers `ok`, or refuses keepalive ones when asked. */
function fakeFetch(opts: { refuseKeepalive?: boolean; down?: boolean } = {}) {
  const seen: boolean[] = [];
  const f = (async (_url: string, init: Init) => {
    seen.push(!!init.keepalive);
    if (opts.down) throw new TypeError('Failed to fetch');
    if (opts.refuseKeepalive && init.keepalive) throw new TypeError('keepalive quota exceeded');
    return new Response(JSON.stringify({ ok: true, value: { echoed: JSON.parse(String(init.body)) } }));
  }) as unknown as typeof fetch;
  return { f, seen };
}

describe('HTTP client keepalive', () => {
  it('sends a small request as keepalive when asked, and a plain one otherwise', async () => {
    const { f, seen } = fakeFetch();
    const c = httpClient('t', f);
    await c.call('posts.get', { id: 'a' }, { keepalive: true });
    await c.call('posts.get', { id: 'a' });
    expect(seen).toEqual([true, false]);
  });

  it('sends a body over the quota plainly (bytes counted, not characters)', async () => {
    const { f, seen } = fakeFetch();
    const c = httpClient('t', f);
    // Under the limit in UTF-16 units, over it in UTF-8 bytes.
    const wide = 'é'.repeat(Math.ceil(KEEPALIVE_MAX_BYTES / 2) + 10);
    expect(wide.length).toBeLessThan(KEEPALIVE_MAX_BYTES);
    const res = (await c.call('posts.update', { id: 'a', baseRev: 1, patch: { bodyMd: wide } }, { keepalive: true })) as unknown as { echoed: { patch: { bodyMd: string } } };
    expect(res.echoed.patch.bodyMd).toBe(wide);
    expect(seen).toEqual([false]);
  });

  it('sends again plainly when the browser refuses the keepalive request, once', async () => {
    const { f, seen } = fakeFetch({ refuseKeepalive: true });
    const c = httpClient('t', f);
    await expect(c.call('posts.get', { id: 'a' }, { keepalive: true })).resolves.toBeTruthy();
    expect(seen).toEqual([true, false]);
  });

  it('a host that cannot be reached is an offline error, not a crash', async () => {
    const { f, seen } = fakeFetch({ down: true });
    const c = httpClient('t', f);
    const err = await c.call('posts.get', { id: 'a' }, { keepalive: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('io_error');
    expect(seen).toEqual([true, false]);
  });
});
