import type { ApiClient, InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { ApiError, isWireResult } from '@shared/api/errors';

export function unwrap<R>(raw: unknown): R {
  if (!isWireResult(raw)) throw new ApiError('internal', 'malformed response');
  if (raw.ok) return raw.value as R;
  throw ApiError.fromWire(raw.error);
}

export interface CallOptions {
  /**
   * Let the request outlive the page: a save started just before the tab
   * closes still reaches the host. Browsers cap what keepalive requests may
   * carry (64 KiB in flight per page), so a larger body goes as a plain
   * request, and one the browser refuses for its quota is sent again plainly.
   */
  keepalive?: boolean;
}

/** Under the browsers' 64 KiB keepalive quota, leaving room for another small one in flight. */
export const KEEPALIVE_MAX_BYTES = 48 * 1024;

export interface RedaksiClient extends ApiClient {
  readonly transport: 'ipc' | 'http';
  call<M extends MethodName>(method: M, input: InputOf<M>, opts?: CallOptions): Promise<ResultOf<M>>;
}

/** The API over the loopback HTTP host (`npm run web`), with the session's token. */
export function httpClient(token: string | null, doFetch: typeof fetch = (...a) => fetch(...a)): RedaksiClient {
  return {
    transport: 'http',
    async call(method, input, opts) {
      const body = JSON.stringify(input ?? {});
      const send = (keepalive: boolean) =>
        doFetch(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
          body,
          keepalive,
        });
      // Bytes, not UTF-16 units: the quota counts what goes on the wire.
      const keepalive = !!opts?.keepalive && new TextEncoder().encode(body).length <= KEEPALIVE_MAX_BYTES;
      let res: Response;
      try {
        res = await send(keepalive).catch((e: unknown) => {
          // A keepalive request over the page's quota is refused before it leaves: send it plainly.
          if (keepalive) return send(false);
          throw e;
        });
      } catch {
        throw new ApiError('io_error', 'host unreachable', { params: { reason: 'offline' } });
      }
      let parsed: unknown;
      try {
        parsed = await res.json();
      } catch {
        throw new ApiError(res.status === 401 ? 'unauthorized' : 'internal', `HTTP ${res.status}`);
      }
      return unwrap(parsed);
    },
  };
}
