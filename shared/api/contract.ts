import type { z } from 'zod';
import type { MethodDef } from './define';
import { coreContract } from './contracts/core';
import { cardsContract } from './contracts/cards';
import { postsContract, postsCoachContract } from './contracts/posts';
import { publishingContract } from './contracts/publishing';
import { mediaContract } from './contracts/media';
import { activityContract } from './contracts/activity';
import { complaintsContract } from './contracts/complaints';
import { reviewContract } from './contracts/review';
import { syncContract } from './contracts/sync';
import { hubContract } from './contracts/hub';
import { pantauanContract } from './contracts/pantauan';

export type { MethodDef } from './define';
export type { AppInfo, BackupInfo, StoreNotice } from './contracts/core';
export type { PostListResult } from './contracts/posts';

/**
 * The one API between the UI and the main process: method name → zod input
 * schema → result type. Each feature keeps its methods in contracts/<feature>.ts;
 * both transports (Electron IPC and the loopback HTTP host) carry exactly
 * these methods, and the main process implements each once.
 */
export const contract = {
  ...coreContract,
  ...cardsContract,
  ...postsContract,
  ...publishingContract,
  ...mediaContract,
  ...activityContract,
  ...complaintsContract,
  ...reviewContract,
  ...postsCoachContract,
  ...syncContract,
  ...hubContract,
  ...pantauanContract,
} as const;


export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (before zod defaults). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after zod parsing). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = Contract[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The typed client surface the renderer uses, whatever carries it. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>>;
}
