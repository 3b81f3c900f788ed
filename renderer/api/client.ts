import { ApiError } from '@shared/api/errors';
import type { PreloadBridge } from '@shared/api/method-names';
import { httpClient, unwrap, type RedaksiClient } from './http-client';

export type { CallOptions, RedaksiClient } from './http-client';

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

/** The one API object the UI uses; it never knows which transport carries it. */
export const api: RedaksiClient = window.redaksi ? ipcClient(window.redaksi) : httpClient(takeToken());
