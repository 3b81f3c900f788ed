import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import expressPouchdb from 'express-pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '@core/core';
import type { SyncEngine } from '@core/sync/engine';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import { runUntilKilled } from '../../unit/electron/child';
import { until } from './hub';

/**
 * SIGKILL storm (issue 13): three PCs (child processes, three data folders)
 * write continuously while synced with a hub over HTTP (express-pouchdb on
 * 127.0.0.1, ephemeral port), and are killed at random, ≥ 21 times in all.
 * Afterwards every acknowledged write is on every PC, nothing is
 * duplicated, no record is left in conflict and every file parses.
 */

PouchDB.plugin(memoryAdapter);
const KILLS_PER_PC = 7;
const ROOT = path.join(import.meta.dirname, '..', '..', '..');

let server: Server;
let hubUrl = '';
let script = '';
const dirs: string[] = [];

beforeAll(async () => {
  const HubPouch = (PouchDB as unknown as { defaults(o: object): unknown }).defaults({ adapter: 'memory', prefix: `killhub${process.pid}-` });
  server = createServer(expressPouchdb(HubPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(os.tmpdir(), `express-pouchdb-${process.pid}.log`) }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { build } = await import('esbuild');
  script = path.join(ROOT, 'node_modules', '.cache', 'redaksi-tests', `sync-writer-${process.pid}.cjs`);
  await build({ entryPoints: [path.join(import.meta.dirname, 'fixtures', 'sync-writer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, packages: 'external', logLevel: 'error' });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  rmSync(script, { force: true });
});

interface Acks {
  created: Map<string, string>;
  updated: Map<string, number>;
}

/** Runs one PC's writer until killed after `ms`; collects its acknowledged writes. */
async function runPc(dir: string, pc: string, ms: number, acks: Acks): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  const t0 = Date.now();
  try {
    await runUntilKilled(
      script,
      [dir, hubUrl, pc],
      (line, child) => {
        if (line === 'ready' && process.env.SYNC_DEBUG) console.log(`${pc} ready after ${Date.now() - t0} ms`);
        const m = /^ack (new|upd) (\S+) (\S+)$/.exec(line);
        // The kill falls while the PC writes: counted from its first acknowledged write, so a loaded machine still writes in every life.
        if (m && !timer) timer = setTimeout(() => child.kill('SIGKILL'), ms);
        if (m?.[1] === 'new') acks.created.set(m[2], m[3]);
        if (m?.[1] === 'upd') acks.updated.set(m[2], Math.max(acks.updated.get(m[2]) ?? 0, Number(m[3])));
      },
      { cwd: ROOT },
    );
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (n.endsWith('.json')) out.push(p);
  }
  return out;
}

it('every acknowledged write survives ≥ 21 SIGKILLs across three synced PCs, once, readable, converged', async () => {
  const pcs = ['pca', 'pcb', 'pcc'];
  const pcDirs = pcs.map(() => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'redaksi-kill-'));
    dirs.push(d);
    return d;
  });
  const acks: Acks = { created: new Map(), updated: new Map() };
  let kills = 0;
  await Promise.all(
    pcs.map(async (pc, k) => {
      for (let round = 0; round < KILLS_PER_PC; round++) {
        await runPc(pcDirs[k], pc, 800 + Math.floor(Math.random() * 800), acks);
        kills++;
      }
    }),
  );
  expect(kills).toBeGreaterThanOrEqual(20);
  expect(acks.created.size).toBeGreaterThan(5);

  // Every file the kills left behind parses.
  for (const d of pcDirs) for (const f of jsonFiles(path.join(d, 'store')).concat(path.join(d, 'sync', 'journal.json'))) expect(() => JSON.parse(readFileSync(f, 'utf8')), f).not.toThrow();

  // The three PCs start again (in this process) and converge.
  const remotes = new Map<string, PouchDatabase>();
  const hubLink = {
    remote: (db: string) => remotes.get(db) ?? remotes.set(db, new PouchDB(`${hubUrl}/${db}`)).get(db)!,
    opdSlug: () => 'dinkominfo',
    onChange: () => () => undefined,
  };
  const cores: Core[] = [];
  try {
    const errors: string[] = [];
    for (const d of pcDirs) cores.push(await createCore({ dataDir: d, owner: 'test', version: 'test', transport: 'http', log: (...a) => errors.push(a.map(String).join(' ')), services: { hubLink } }));
    const missing = (core: Core) => [
      ...[...acks.created].filter(([id, title]) => core.store.posts.get(id)?.title !== title).map(([id]) => `new ${id}`),
      ...[...acks.updated].filter(([id, n]) => (Number(core.store.posts.get(id)?.bodyMd.replace('upd-', '')) || 0) < n).map(([id, n]) => `upd ${id} ${n} has ${core.store.posts.get(id)?.bodyMd}`),
    ];
    for (const [k, core] of cores.entries()) {
      try {
        await until(() => missing(core).length === 0, 'every acknowledged write on every PC', 30_000);
      } catch (err) {
        const engine = core.ctx.services.sync as SyncEngine;
        const ids = [...new Set(missing(core).map((m) => m.split(' ')[1]))];
        for (const id of ids) {
          const where = await Promise.all([
            ...cores.map(async (c, i) => `${pcs[i]}:store=${c.store.posts.get(id)?.title ?? '-'}/replica=${Boolean(await (c.ctx.services.sync as SyncEngine).replica('opd').get(`posts:${id}`).catch(() => null))}/journal=${JSON.stringify(JSON.parse(readFileSync(path.join(pcDirs[i], 'sync', 'journal.json'), 'utf8')).docs[`posts:${id}`] ?? null)}`),
            hubLink.remote('opd-dinkominfo').get(`posts:${id}`).then((d) => `hub=${(d.data as { title: string }).title}`, () => 'hub=-'),
          ]);
          console.log(`missing on ${pcs[k]}: ${id} ${acks.created.get(id)} → ${where.join(' ')}`);
        }
        console.log(engine.status(), engine.refused(), errors.slice(0, 10));
        throw err;
      }
    }
    let conflictsLeft = 0;
    // Every post any PC holds (acknowledged or written just before a kill) reaches every PC.
    const union = () => new Set(cores.flatMap((c) => c.store.posts.all().map((p) => p.id))).size;
    try {
      await until(() => cores.every((c) => c.store.posts.size === union()), 'every post on every PC', 30_000);
    } catch (err) {
      const all = new Set(cores.flatMap((c) => c.store.posts.all().map((p) => p.id)));
      for (const id of all) {
        if (cores.every((c) => c.store.posts.get(id))) continue;
        const where = await Promise.all([
          ...cores.map(async (c, i) => `${pcs[i]}:store=${c.store.posts.get(id)?.title ?? '-'}/replica=${Boolean(await (c.ctx.services.sync as SyncEngine).replica('opd').get(`posts:${id}`).catch(() => null))}`),
          hubLink.remote('opd-dinkominfo').get(`posts:${id}`).then(() => 'hub=yes', () => 'hub=-'),
        ]);
        console.log(`not everywhere: ${id} → ${where.join(' ')}`);
      }
      console.log(cores.map((c) => JSON.stringify((c.ctx.services.sync as SyncEngine).status())), errors.slice(0, 10));
      throw err;
    }
    for (const core of cores) {
      const titles = core.store.posts.all().map((p) => p.title);
      expect(new Set(titles).size, 'no duplicates').toBe(titles.length);
      const engine = core.ctx.services.sync as SyncEngine;
      await engine.idle();
      const all = await engine.replica('opd').allDocs({ include_docs: true, conflicts: true });
      // Each post is edited on one PC only: a version left in conflict is spurious (a kill between two bridge steps written twice).
      const left = all.rows.filter((r) => r.doc?._conflicts?.length).map((r) => r.id);
      conflictsLeft += left.length + engine.conflicts().length;
    }
    const hubPosts = (await hubLink.remote('opd-dinkominfo').allDocs({ startkey: 'posts:', endkey: 'posts:\uffff' })).rows.length;
    expect(hubPosts).toBe(cores[0].store.posts.size);
    console.log(`sync kill storm: ${kills} kills, ${acks.created.size} posts and ${acks.updated.size} edited acknowledged, ${hubPosts} on the hub, ${conflictsLeft} spurious conflicts`);
    expect(conflictsLeft, 'no spurious conflicts').toBe(0);
  } finally {
    for (const c of cores) await c.close();
  }
}, 240_000);
