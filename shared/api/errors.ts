import type { ZodError } from 'zod';

/**
 * Errors cross the API boundary as a code plus an English developer message.
 * The UI shows its own (Indonesian by default) text for each code; raw stack
 * traces never leave the main process.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'store_locked',
  'store_newer',
  'io_error',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface InputIssue {
  path: string;
  /** English, for developers and logs; the UI words an issue from code, origin and limit. */
  message: string;
  /** The schema's issue code (too_big, too_small, invalid_format, invalid_type, …). */
  code?: string;
  /** What was measured: string, number, array, file… */
  origin?: string;
  /** The bound that was crossed (maximum or minimum). */
  limit?: number;
}

/** A schema failure as it crosses the boundary: path, code and bound, so the UI can word it (at most 20). */
export function inputIssues(err: ZodError): InputIssue[] {
  return err.issues.slice(0, 20).map((i) => {
    const issue: InputIssue = { path: i.path.map(String).join('.'), message: i.message, code: i.code };
    if ('origin' in i && typeof i.origin === 'string') issue.origin = i.origin;
    const limit = 'maximum' in i ? i.maximum : 'minimum' in i ? i.minimum : undefined;
    if (typeof limit === 'number' || typeof limit === 'bigint') issue.limit = Number(limit);
    return issue;
  });
}

export interface WireError {
  code: ErrorCode;
  message: string;
  issues?: InputIssue[];
  params?: Record<string, string | number>;
}

export type WireResult<R> = { ok: true; value: R } | { ok: false; error: WireError };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: InputIssue[];
  readonly params?: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, extra: Omit<WireError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = extra.issues;
    this.params = extra.params;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.issues) wire.issues = this.issues;
    if (this.params) wire.params = this.params;
    return wire;
  }

  static fromWire(w: WireError): ApiError {
    const code = (ERROR_CODES as readonly string[]).includes(w.code) ? w.code : 'internal';
    return new ApiError(code, String(w.message ?? ''), { issues: w.issues, params: w.params });
  }
}

export function isWireResult(x: unknown): x is WireResult<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  const r = x as { ok: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}
