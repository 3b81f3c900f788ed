import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach } from 'vitest';
import { createCore, type Core } from '@core/core';
import type { Publisher } from '@core/publishing/publisher';
import type { HubLink } from '@core/sync/hub-link';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import type { SyncEngine } from '@core/sync/engine';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { callerOf } from '../../unit/electron/helpers';

PouchDB.plugin(memoryAdapter);

/**
 * The hub in one process: PouchDB databases on the memory adapter, reached
 * by PouchDB-to-PouchDB replication (the CouchDB replication protocol, as
 * against a real CouchDB; issue 13 "Decisions already made").
 */
export class TestHub {
  private dbs = new Map<string, PouchDatabase>();
  private static n = 0;
  readonly prefix = `hub${process.pid}-${TestHub.n++}-`;

  db(name: string): PouchDatabase {
    let d = this.dbs.get(name);
    if (!d) {
      d = new PouchDB(this.prefix + name, { adapter: 'memory' });
      this.dbs.set(name, d);
    }
    return d;
  }

  async destroy(): Promise<void> {
    for (const d of this.dbs.values()) await d.destroy().catch(() => undefined);
    this.dbs.clear();
  }
}

/** A hub link for one PC: online or not, as a cable pulled out. */
export class TestLink implements HubLink {
  online = true;
  private listeners = new Set<() => void>();
  constructor(
    private readonly hub: TestHub,
    private readonly slug: string | null = 'dinkominfo',
    /** Databases this account may open (null: all). */
    private readonly allowed: ((db: string) => boolean) | null = null,
  ) {}
  remote(db: string): PouchDatabase | null {
    if (!this.online || !this.slug) return null;
    if (this.allowed && !this.allowed(db)) return null;
    return this.hub.db(db);
  }
  opdSlug(): string | null {
    return this.slug;
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setOnline(on: boolean): void {
    this.online = on;
    for (const l of [...this.listeners]) l();
  }
}

const dirs: string[] = [];

export interface Pc {
  core: Core;
  link: TestLink;
  dir: string;
  engine: SyncEngine;
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>>;
}

export async function openPc(hub: TestHub, opts: { dir?: string; link?: TestLink } = {}): Promise<Pc> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'redaksi-sync-'));
  if (!opts.dir) dirs.push(dir);
  const link = opts.link ?? new TestLink(hub);
  const core = await createCore({ dataDir: dir, owner: 'test', version: 'test', transport: 'http', log: process.env.SYNC_DEBUG ? (...a: unknown[]) => console.error(...a) : () => undefined, services: { hubLink: link } });
  const engine = core.ctx.services.sync as SyncEngine;
  if (!engine) throw new Error('sync engine did not start');
  return { core, link, dir, engine, call: callerOf(core.dispatch) };
}

export function removeDirs(): void {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
}

/** Polls until `check` is true (sync is asynchronous by design). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Three PCs on one hub with a team (Sari the writer, Budi the editor, Ani the
 * admin) made on A and arrived on B and C. Close them with closePcs.
 */
export async function threePcsWithTeam(): Promise<{ hub: TestHub; pcs: [Pc, Pc, Pc]; writer: Member; editor: Member; admin: Member }> {
  const hub = new TestHub();
  const pcs: [Pc, Pc, Pc] = [await openPc(hub), await openPc(hub), await openPc(hub)];
  const [a, b, c] = pcs;
  const { writer, editor, admin } = await teamOfThree(a);
  for (const pc of [b, c]) await until(() => pc.core.store.workspace.team.length === 3, 'the team on every PC');
  return { hub, pcs, writer, editor, admin };
}

/** Sari the writer, Budi the editor and Ani the admin, made on one PC (sync brings them to the others). */
export async function teamOfThree(pc: Pick<Pc, 'call'>): Promise<{ writer: Member; editor: Member; admin: Member }> {
  const ws = await pc.call('settings.update', {
    baseRev: (await pc.call('settings.get', {})).rev,
    team: [
      { name: 'Sari Penulis', role: 'penulis' },
      { name: 'Budi Editor', role: 'editor' },
      { name: 'Ani Admin', role: 'admin' },
    ],
  });
  return { writer: ws.team[0]!, editor: ws.team[1]!, admin: ws.team[2]! };
}

/** A publisher that answers every job at once and counts the sends (to prove a job went out exactly once). */
export function countingPublisher(): Publisher & { calls: number } {
  const pub = {
    calls: 0,
    async publish() {
      pub.calls++;
      return { remoteId: String(pub.calls), url: `https://dinkominfo.example.go.id/?p=${pub.calls}`, remoteStatus: 'publish' };
    },
    async test() {
      return { ok: true, code: 'ok' as const, detail: '' };
    },
    async probe() {},
  };
  return pub as Publisher & { calls: number };
}

type Member = { id: string; name: string; role: 'penulis' | 'editor' | 'admin' };

export async function closePcs(pcs: Pc[], hub: TestHub | undefined): Promise<void> {
  for (const p of pcs) await p.core.close();
  await hub?.destroy();
  removeDirs();
}

/**
 * What a test opened (set `pcs` and `hub` as it opens them), closed after
 * each test with closePcs.
 */
export function closedAfterEach(): { pcs: Pc[]; hub: TestHub | undefined } {
  const opened: { pcs: Pc[]; hub: TestHub | undefined } = { pcs: [], hub: undefined };
  afterEach(async () => {
    await closePcs(opened.pcs, opened.hub);
    opened.pcs = [];
    opened.hub = undefined;
  });
  return opened;
}
