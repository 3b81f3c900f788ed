import { z } from 'zod';

/** One API method: its zod input schema and (phantom) result type. */
export interface MethodDef<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  readonly __result?: R;
}

export const method =
  <R>() =>
  <I extends z.ZodType>(input: I): MethodDef<I, R> => ({ input });

/** Input of a method that takes nothing. */
export const none = z.object({}).strict();

/** Base64 file content sent over the API (both transports carry JSON). */
export const base64Schema = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
