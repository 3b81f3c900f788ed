import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Workspace } from '@shared/domain/workspace';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface Host {
  url: string;
  launchUrl: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts the built HTTP host (`dist/electron/web.cjs`) over a data folder. */
export async function startHost(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Host> {
  const child = spawn(process.execPath, [path.join(root, 'dist/electron/web.cjs'), '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...extraEnv },
  });
  let out = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 15_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /REDAKSI_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
  const token = /#token=(.+)$/.exec(launchUrl)![1];
  return { url: launchUrl.replace(/#.*$/, ''), launchUrl, token, dataDir, process: child };
}

/** One API call to a running host, as the page makes it (for seeding and checking what the UI did). */
export async function hostCall<T = unknown>(host: { url: string; token: string }, method: string, input: unknown): Promise<T> {
  const r = await fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** Sari (writer, signed in) and Budi (editor) on the host's team; `setupDone` also marks the first-run guide as finished. */
export async function seedWriterAndEditor(host: { url: string; token: string }, opts: { setupDone?: boolean } = {}) {
  const ws = await hostCall<Workspace>(host, 'settings.get', {});
  const next = await hostCall<Workspace>(host, 'settings.update', {
    baseRev: ws.rev,
    team: [
      { name: 'Sari Penulis', role: 'penulis' },
      { name: 'Budi Editor', role: 'editor' },
    ],
    ...(opts.setupDone ? { setup: { status: 'done', step: 'firstPost', confirmed: [] } } : {}),
  });
  const [writer, editor] = next.team;
  await hostCall(host, 'session.signIn', { memberId: writer.id });
  return { writer, editor };
}

export async function stopHost(h: Host): Promise<void> {
  if (h.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    h.process.once('exit', () => resolve());
    h.process.kill('SIGTERM');
  });
}

export const test = base.extend<{ dataDir: string; host: Host }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const h = await startHost(dataDir);
    await use(h);
    await stopHost(h);
  },
});

export { expect };
