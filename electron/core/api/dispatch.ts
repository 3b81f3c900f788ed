import { ZodError } from 'zod';
import { contract, isMethodName } from '@shared/api/contract';
import { ApiError, inputIssues, type InputIssue, type WireResult } from '@shared/api/errors';
import type { HandlerContext } from './context';
import { Gate } from './gate';
import { handlers as defaultHandlers, type Handlers } from './handlers/index';
import { asActor } from '@core/store/events';
import { currentActor, currentMember } from '@core/review/session';
import { expireIfIdle, markActive } from '@core/review/session-persist';
import { accessDenial, METHOD_ACCESS } from '@shared/api/permissions';

const EXCLUSIVE = new Set(['backups.restore']);
/** Calls that only wait and read no record (the change long-poll): they never hold back a restore. */
const UNGATED = new Set(['app.changes']);
const IO_CODES = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'EIO', 'EMFILE', 'ENFILE', 'EDQUOT', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY']);

export function zodIssues(err: ZodError): InputIssue[] {
  return inputIssues(err);
}

export function toWireError(err: unknown, log: (e: unknown) => void = console.error): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return new ApiError('invalid_input', 'input is not valid', { issues: zodIssues(err) });
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && IO_CODES.has(code)) {
    log(err);
    return new ApiError('io_error', `file system error ${code}`, { params: { errno: code } });
  }
  log(err);
  return new ApiError('internal', 'internal error');
}

export type Dispatch = (method: unknown, input: unknown) => Promise<WireResult<unknown>>;

/**
 * The one entry point both transports call. It checks the method name,
 * parses the input with the method's zod schema before any work, runs the
 * handler, and turns every failure into a typed wire error.
 */
export function createDispatcher(ctx: HandlerContext, handlers: Handlers = defaultHandlers): Dispatch {
  const gate = new Gate();
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return { ok: false, error: new ApiError('unknown_method', `unknown method ${String(method).slice(0, 80)}`).toWire() };
    }
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: new ApiError('invalid_input', 'input is not valid', { issues: zodIssues(parsed.error) }).toWire() };
    }
    // A sign-in left idle too long ends before the call is judged. A change, or the UI reporting input, is activity;
    // reads and session look-ups (which the UI polls) are not.
    expireIfIdle(ctx);
    const access = METHOD_ACCESS[method];
    if ((access !== 'read' && access !== 'session') || method === 'session.activity') markActive(ctx);
    const denial = accessDenial(METHOD_ACCESS[method], ctx.store.workspace.team, currentMember(ctx));
    if (denial) {
      return { ok: false, error: new ApiError('forbidden', `${method}: ${denial}`, { params: { reason: denial } }).toWire() };
    }
    try {
      const handler = handlers[method] as (input: unknown, c: HandlerContext) => Promise<unknown>;
      // Every write the call makes is recorded with the person signed in when it started.
      const actor = currentActor(ctx);
      const run = () => asActor(actor, () => handler(parsed.data, ctx));
      const value = UNGATED.has(method) ? await run() : await gate.run(run, EXCLUSIVE.has(method));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toWireError(err, ctx.log).toWire() };
    }
  };
}
