import type { ApiClient, InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { ApiError, isWireResult } from '@shared/api/errors';
import type { PreloadBridge } from '@shared/api/method-names';

declare global {
  interface Window {
    redaksi?: PreloadBridge;
  }
}

const TOKEN_KEY = 'redaksi.token';

/** Reads the token the HTTP host put in the launch URL's fragment, then hides it from the address bar. */
function takeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function unwrap<R>(raw: unknown): R {
  if (!isWireResult(raw)) throw new ApiError('internal', 'malformed response');
  if (raw.ok) return raw.value as R;
  throw ApiError.fromWire(raw.error);
}

export interface CallOptions {
  /** Let the request outlive the page (used when the tab is closing). */
  keepalive?: boolean;
}

export interface RedaksiClient extends ApiClient {
  readonly transport: 'ipc' | 'http';
  call<M extends MethodName>(method: M, input: InputOf<M>, opts?: CallOptions): Promise<ResultOf<M>>;
}

function ipcClient(bridge: PreloadBridge): RedaksiClient {
  return {
    transport: 'ipc',
    async call(method, input) {
      const fn = bridge.api[method];
      if (!fn) throw new ApiError('unknown_method', method);
      return unwrap(await fn(input));
    },
  };
}

function httpClient(token: string | null): RedaksiClient {
  return {
    transport: 'http',
    async call(method, input, opts) {
      let res: Response;
      try {
        res = await fetch(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
          body: JSON.stringify(input ?? {}),
          keepalive: opts?.keepalive,
        });
      } catch {
        throw new ApiError('io_error', 'host unreachable', { params: { reason: 'offline' } });
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ApiError(res.status === 401 ? 'unauthorized' : 'internal', `HTTP ${res.status}`);
      }
      return unwrap(body);
    },
  };
}

/** The one API object the UI uses; it never knows which transport carries it. */
export const api: RedaksiClient = window.redaksi ? ipcClient(window.redaksi) : httpClient(takeToken());
