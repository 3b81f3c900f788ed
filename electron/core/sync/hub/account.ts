import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HubAccountView, HubPasswordStorage, HubTestResult } from '@shared/api/contracts/hub';
import { isHubUserName, normalizeHubUrl } from '@shared/sync/hub';
import { aduanDatabase, ADUAN_ROLES, hubSlug, isHubSlug, opdDatabase, opdRole } from '@shared/sync/topology';
import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { writeFileDurable } from '@core/store/durable-file';
import { currentMember, sessionOf } from '@core/review/session';
import type { HubLink } from '@core/sync/hub-link';
import type { PouchDatabase } from '@core/sync/pouch-types';
import { authCookieOf, checkDatabase, HubFailure, hubRequest, openSession, probeServer, type HubUserCtx } from './probe';
import { sealedPasswordSchema, sealPassword, unsealPassword, type SealedPassword } from './vault';

/**
 * The hub account of this PC (issue 13 item 1): hub address, OPD slug,
 * CouchDB user, the stored password and the `_session` cookie. Kept in
 * <dataDir>/hub/account.json, outside store/, so it is never synced, exported
 * or restored from a backup onto another PC. Implements the HubLink the sync
 * engine asks for remote databases.
 */

const FILE_VERSION = 1;
const SECRET_ID = 'hub-password';

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  url: z.string().nullable(),
  opdSlug: z.string().nullable(),
  username: z.string().nullable(),
  signedIn: z.boolean(),
  session: z.object({ name: z.string(), roles: z.array(z.string()) }).nullable(),
  /** The password sealed under a member's key, where safeStorage is not available. */
  sealed: sealedPasswordSchema.nullable(),
});
type AccountFile = z.infer<typeof fileSchema>;

const EMPTY: AccountFile = { version: FILE_VERSION, url: null, opdSlug: null, username: null, signedIn: false, session: null, sealed: null };

/** The constructor PouchDB exports (typed here: see pouch-types.ts for why there are no @types). */
type PouchCtor = new (name: string, opts: { fetch: PouchFetch; skip_setup: boolean }) => PouchDatabase;
type PouchFetch = (url: string, opts?: { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal }) => Promise<Response>;

async function loadPouch(): Promise<PouchCtor> {
  // pouchdb ships no types and stays outside the bundle; a computed specifier keeps TS from asking for them.
  const name = 'pouchdb';
  const m = (await import(/* @vite-ignore */ name)) as { default?: PouchCtor } & PouchCtor;
  return m.default ?? m;
}

function headersOf(h: unknown): Headers {
  const out = new Headers();
  if (!h) return out;
  if (typeof (h as Headers).forEach === 'function') (h as Headers).forEach((v, k) => out.set(k, v));
  else for (const [k, v] of Object.entries(h as Record<string, string>)) out.set(k, String(v));
  return out;
}

export interface HubAccountOptions {
  /** Time limit of each step of the connection test and of sign-in (default 10 s). */
  timeoutMs?: number;
  /** How often a password sealed under a member's key is retried while locked (default 2 s). */
  unlockPollMs?: number;
}

export class HubAccount implements HubLink, Service {
  readonly name = 'hub';
  private data: AccountFile = EMPTY;
  private loaded: Promise<void> | null = null;
  /** The usable password, in memory only. */
  private password: string | null = null;
  private cookie: string | null = null;
  private signingIn: Promise<string> | null = null;
  private lastError: HubAccountView['lastError'] = null;
  private readonly listeners = new Set<() => void>();
  private pouch: PouchCtor | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writes: Promise<void> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly unlockPollMs: number;

  constructor(
    private readonly ctx: HandlerContext,
    opts: HubAccountOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.unlockPollMs = opts.unlockPollMs ?? 2_000;
  }

  private get file(): string {
    return path.join(this.ctx.dataDir, 'hub', 'account.json');
  }

  private pouchLoading: Promise<void> | null = null;

  async start(): Promise<void> {
    await this.load();
    // PouchDB takes about half a second to load: the app does not wait for it. The engine hears onChange once it can connect.
    this.pouchLoading = loadPouch().then(
      (ctor) => {
        this.pouch = ctor;
        if (this.data.signedIn) this.emit();
      },
      (err: unknown) => this.ctx.log('hub: cannot load PouchDB', err),
    );
    // A password sealed under a member's key opens when that member signs in (sessions have no events).
    this.timer = setInterval(() => {
      if (this.data.signedIn && !this.password && this.tryUnseal()) this.emit();
    }, this.unlockPollMs);
    this.timer.unref();
  }

  /** Resolves once remote() can hand out databases (PouchDB loaded). */
  async ready(): Promise<void> {
    await this.pouchLoading;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads account.json once; an unreadable file is moved aside (the account is set up again, nothing else is lost). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      let text: string;
      try {
        text = await fsp.readFile(this.file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.log('hub: cannot read account file', err);
        return;
      }
      try {
        this.data = fileSchema.parse(JSON.parse(text));
      } catch (err) {
        const aside = `${this.file}.damaged-${Date.now()}`;
        this.ctx.log(`hub: account file unreadable, moved to ${aside}`, err);
        await fsp.rename(this.file, aside).catch(() => undefined);
        return;
      }
      const secrets = this.ctx.services.secrets;
      if (this.storage() === 'safe_storage' && secrets) this.password = await secrets.get(SECRET_ID).catch(() => null);
      this.tryUnseal();
    })();
    return this.loaded;
  }

  private async persist(next: AccountFile): Promise<void> {
    this.data = next;
    const write = this.writes.then(async () => {
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileDurable(this.file, JSON.stringify(this.data, null, 2));
    });
    this.writes = write.catch(() => undefined);
    await write;
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.ctx.log('hub: change listener failed', err);
      }
    }
  }

  storage(): HubPasswordStorage {
    const secrets = this.ctx.services.secrets;
    if (secrets?.kind === 'encrypted' && !secrets.unavailableReason()) return 'safe_storage';
    // Sealing under the key of a member without a PIN would be storing it in the clear: memory only then.
    const member = currentMember(this.ctx);
    return member?.pinHash && sessionOf(this.ctx).privateKey ? 'member_key' : 'memory';
  }

  private tryUnseal(): boolean {
    if (this.password || !this.data.sealed) return Boolean(this.password);
    const s = sessionOf(this.ctx);
    this.password = unsealPassword(this.data.sealed, s.memberId, s.privateKey);
    return Boolean(this.password);
  }

  private async keepPassword(password: string): Promise<SealedPassword | null> {
    this.password = password;
    const secrets = this.ctx.services.secrets;
    const storage = this.storage();
    if (storage === 'safe_storage' && secrets) {
      await secrets.set(SECRET_ID, password);
      return null;
    }
    const s = sessionOf(this.ctx);
    return storage === 'member_key' && s.memberId && s.privateKey ? sealPassword(password, s.memberId, s.privateKey) : null;
  }

  view(): HubAccountView {
    this.tryUnseal();
    const d = this.data;
    const ws = this.ctx.store.workspace;
    const owner = d.sealed ? (ws.team.find((m) => m.id === d.sealed!.memberId)?.name ?? null) : null;
    return {
      url: d.url,
      opdSlug: d.opdSlug,
      suggestedSlug: hubSlug(ws.opd.shortName || ws.opd.fullName),
      username: d.username,
      password: this.password ? 'saved' : d.sealed ? 'locked' : 'none',
      storage: this.storage(),
      passwordOwner: owner,
      signedIn: d.signedIn,
      session: d.session,
      databases: d.opdSlug ? { opd: opdDatabase(d.opdSlug), aduan: aduanDatabase(d.opdSlug) } : null,
      lastError: this.lastError,
    };
  }

  /** Hub address and OPD slug; an empty address switches the hub off. A new address or OPD needs a new sign-in. */
  async save(input: { url: string; opdSlug: string }): Promise<HubAccountView> {
    await this.load();
    let url: string | null = null;
    if (input.url.trim()) {
      const n = normalizeHubUrl(input.url);
      if (!n.ok) throw new HubFailure('hub_bad_url', 'address must be http(s)://host[:port][/path] without user or query');
      url = n.url;
    }
    const slug = input.opdSlug.trim() || null;
    if (slug !== null && !isHubSlug(slug)) throw new HubFailure('hub_bad_slug', `not a hub slug: ${slug}`);
    const moved = url !== this.data.url || slug !== this.data.opdSlug;
    if (!moved) return this.view();
    this.cookie = null;
    this.lastError = null;
    await this.persist({ ...this.data, url, opdSlug: slug, signedIn: false, session: null });
    this.emit();
    return this.view();
  }

  private configured(): { url: string; slug: string } {
    if (!this.data.url || !this.data.opdSlug) throw new HubFailure('hub_not_configured', 'no hub address or OPD slug saved');
    return { url: this.data.url, slug: this.data.opdSlug };
  }

  /** Signs in through _session; the password that worked is kept (safeStorage, or sealed under the member's key). */
  async signIn(input: { username: string; password?: string }): Promise<HubAccountView> {
    await this.load();
    const { url } = this.configured();
    const username = input.username.trim();
    if (!isHubUserName(username)) throw new HubFailure('hub_bad_user', 'bad user name');
    this.tryUnseal();
    const password = input.password || (username === this.data.username ? this.password : null);
    if (!password) throw new HubFailure('hub_password_missing', 'no password given or saved');
    let opened: { cookie: string; user: HubUserCtx };
    try {
      opened = await openSession(url, username, password, this.timeoutMs);
    } catch (err) {
      if (err instanceof HubFailure) this.lastError = { reason: err.reason, detail: err.detail };
      throw err;
    }
    this.cookie = opened.cookie;
    this.lastError = null;
    const sealed = await this.keepPassword(password);
    await this.persist({ ...this.data, username, signedIn: true, session: opened.user, sealed });
    this.emit();
    return this.view();
  }

  /** Ends the hub session and forgets the password on this PC (sync stops). */
  async signOut(): Promise<HubAccountView> {
    await this.load();
    const { url } = this.data;
    const cookie = this.cookie;
    this.cookie = null;
    this.password = null;
    this.lastError = null;
    if (url && cookie) {
      await hubRequest(`${url}/_session`, { method: 'DELETE', headers: { Cookie: `AuthSession=${cookie}` }, timeoutMs: 3000 })
        .then((r) => r.body?.cancel())
        .catch(() => undefined);
    }
    await this.ctx.services.secrets?.delete(SECRET_ID).catch(() => undefined);
    await this.persist({ ...this.data, signedIn: false, session: null, sealed: null });
    this.emit();
    return this.view();
  }

  /** "Tes koneksi": server, sign-in, then the OPD's databases; the first failure's reason, or what worked. */
  async test(input: { url?: string; opdSlug?: string; username?: string; password?: string }): Promise<HubTestResult> {
    await this.load();
    const t0 = Date.now();
    const ms = () => Date.now() - t0;
    try {
      let url = this.data.url;
      if (input.url?.trim()) {
        const n = normalizeHubUrl(input.url);
        if (!n.ok) throw new HubFailure('hub_bad_url', 'address must be http(s)://host[:port][/path]');
        url = n.url;
      }
      const slug = input.opdSlug?.trim() || this.data.opdSlug;
      if (!url || !slug) throw new HubFailure('hub_not_configured', 'no hub address or OPD slug');
      if (!isHubSlug(slug)) throw new HubFailure('hub_bad_slug', `not a hub slug: ${slug}`);
      const username = input.username?.trim() || this.data.username;
      if (!username || !isHubUserName(username)) throw new HubFailure('hub_bad_user', 'no user name');
      this.tryUnseal();
      // The saved password goes only to the saved address, for the saved user: a test never carries it elsewhere.
      const password = input.password || (url === this.data.url && username === this.data.username ? this.password : null);
      if (!password) throw new HubFailure('hub_password_missing', 'no password given or saved');

      const server = await probeServer(url, this.timeoutMs);
      const { cookie, user } = await openSession(url, username, password, this.timeoutMs);
      const dbs = [opdDatabase(slug)];
      if (user.roles.includes('_admin') || ADUAN_ROLES.some((r) => user.roles.includes(opdRole(slug, r)))) dbs.push(aduanDatabase(slug));
      for (const db of dbs) await checkDatabase(url, db, cookie, this.timeoutMs);
      await hubRequest(`${url}/_session`, { method: 'DELETE', headers: { Cookie: `AuthSession=${cookie}` }, timeoutMs: 3000 })
        .then((r) => r.body?.cancel())
        .catch(() => undefined);
      return { ok: true, server, user, databases: dbs, ms: ms() };
    } catch (err) {
      if (!(err instanceof HubFailure)) throw err;
      return { ok: false, reason: err.reason, detail: err.detail, ...(err.database ? { database: err.database } : {}), ms: ms() };
    }
  }

  // ---- HubLink (the sync engine's side) ----

  opdSlug(): string | null {
    return this.data.opdSlug;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  remote(db: string): PouchDatabase | null {
    if (!this.pouch || !this.data.url || !this.data.opdSlug || !this.data.signedIn || !this.data.username) return null;
    if (!this.tryUnseal()) return null;
    return new this.pouch(`${this.data.url}/${encodeURIComponent(db)}`, { fetch: this.pouchFetch, skip_setup: true });
  }

  /** The session cookie, signing in again with the kept password when there is none (single flight). */
  private ensureCookie(): Promise<string> {
    if (this.cookie) return Promise.resolve(this.cookie);
    this.signingIn ??= (async () => {
      try {
        const { url } = this.configured();
        if (!this.password || !this.data.username) throw new HubFailure('hub_password_missing', 'password not available');
        const { cookie } = await openSession(url, this.data.username, this.password, this.timeoutMs);
        this.cookie = cookie;
        this.lastError = null;
        return cookie;
      } catch (err) {
        if (err instanceof HubFailure) this.lastError = { reason: err.reason, detail: err.detail };
        throw err;
      } finally {
        this.signingIn = null;
      }
    })();
    return this.signingIn;
  }

  /**
   * The fetch PouchDB's HTTP adapter uses for hub databases: the session
   * cookie on every request, a new sign-in when the hub says 401 (the session
   * ran out), and the refreshed cookie CouchDB sends near a session's end.
   */
  private readonly pouchFetch: PouchFetch = async (url, opts = {}) => {
    const send = async (cookie: string) => {
      const headers = headersOf(opts.headers);
      headers.set('Cookie', `AuthSession=${cookie}`);
      headers.delete('Authorization');
      return hubRequest(url, {
        method: opts.method,
        headers: Object.fromEntries(headers),
        body: opts.body as BodyInit | undefined,
        signal: opts.signal,
      });
    };
    let res = await send(await this.ensureCookie());
    if (res.status === 401) {
      await res.body?.cancel();
      this.cookie = null;
      res = await send(await this.ensureCookie());
    }
    const fresh = authCookieOf(res);
    if (fresh) this.cookie = fresh;
    // PouchDB reads attachments with node-fetch's response.buffer() where it exists.
    return Object.assign(res, { buffer: async () => Buffer.from(await res.arrayBuffer()) });
  };
}

/** The hub account on this context (created on first use in tests and hosts without the service). */
const accounts = new WeakMap<HandlerContext, HubAccount>();
export function hubAccountOf(ctx: HandlerContext): HubAccount {
  const link = ctx.services.hubLink;
  if (link instanceof HubAccount) return link;
  let account = accounts.get(ctx);
  if (!account) {
    account = new HubAccount(ctx);
    accounts.set(ctx, account);
    ctx.services.hubLink ??= account;
  }
  return account;
}

/** The service factory (SERVICE_FACTORIES): the hub account, as ctx.services.hubLink. */
export function hubService(ctx: HandlerContext): HubAccount {
  return hubAccountOf(ctx);
}
