import { z } from 'zod';
import { idSchema } from '../domain/common';
import { POST_STATUSES, POST_TEMPLATES, postContentSchema, type Post, type PostSummary } from '../domain/post';
import { LANGUAGES, opdProfileSchema, ROLES, type Workspace } from '../domain/workspace';

/**
 * The one API between the UI and the main process: method name → zod input
 * schema → result type. Both transports (Electron IPC and the loopback HTTP
 * host) carry exactly these methods, and the main process implements each once.
 */
export interface MethodDef<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  readonly __result?: R;
}

const method =
  <R>() =>
  <I extends z.ZodType>(input: I): MethodDef<I, R> => ({ input });

const none = z.object({}).strict();

export interface StoreNotice {
  id: string;
  kind: 'recovered' | 'lost' | 'restored' | 'migrated';
  at: string;
  /** Path of the affected file, relative to the data folder. */
  file: string;
  /** Where the damaged file was moved (absolute path), when it was. */
  movedTo?: string;
  /** The backup the file came back from. */
  backupId?: string;
  detail?: string;
}

export interface AppInfo {
  version: string;
  transport: 'ipc' | 'http';
  dataDir: string;
  schemaVersion: number;
  notices: StoreNotice[];
  postCount: number;
}

export interface BackupInfo {
  id: string;
  createdAt: string;
  reason: 'scheduled' | 'manual' | 'before-restore' | 'before-migration' | 'startup';
  files: number;
  bytes: number;
}

export interface PostListResult {
  items: PostSummary[];
  total: number;
  counts: Record<(typeof POST_STATUSES)[number] | 'trash', number>;
}

const teamInput = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
});

export const contract = {
  'app.info': method<AppInfo>()(none),
  'app.dismissNotice': method<{ notices: StoreNotice[] }>()(z.object({ id: z.string().max(64) }).strict()),

  'settings.get': method<Workspace>()(none),
  'settings.update': method<Workspace>()(
    z
      .object({
        baseRev: z.number().int().nonnegative(),
        opd: opdProfileSchema.partial().optional(),
        team: z.array(teamInput).max(200).optional(),
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
  ),

  'posts.list': method<PostListResult>()(
    z
      .object({
        query: z.string().max(200).optional(),
        status: z.enum(POST_STATUSES).optional(),
        trash: z.boolean().optional(),
        offset: z.number().int().nonnegative().max(1_000_000).optional(),
        limit: z.number().int().positive().max(500).optional(),
      })
      .strict(),
  ),
  'posts.get': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.create': method<Post>()(
    z
      .object({
        template: z.enum(POST_TEMPLATES).nullable().optional(),
        content: postContentSchema.partial().optional(),
      })
      .strict(),
  ),
  'posts.update': method<Post>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        patch: postContentSchema.partial(),
      })
      .strict(),
  ),
  'posts.trash': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.restore': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.purge': method<{ id: string }>()(z.object({ id: idSchema }).strict()),

  'backups.list': method<BackupInfo[]>()(none),
  'backups.create': method<BackupInfo>()(none),
  'backups.restore': method<{ restored: BackupInfo; safetyBackup: BackupInfo }>()(
    z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{1,80}$/) }).strict(),
  ),
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
