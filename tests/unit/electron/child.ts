import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Runs a child-process fixture and hands it each line it prints (with the
 * child, so the test can kill it when it chooses). Resolves once the child
 * dies by SIGKILL; any other exit rejects with the end of what it printed
 * on stderr.
 */
export function runUntilKilled(script: string, args: string[], onLine: (line: string, child: ChildProcess) => void, opts: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        onLine(line, child);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`${path(script)} exited ${code} ${signal}: ${stderr.slice(-2000)}`))));
  });
}

/** Runs a child-process fixture that ends itself; what it printed (stdout and stderr) and the signal it died of. */
export function runToExit(script: string, args: string[]): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (_code, signal) => resolve({ out, signal }));
  });
}

const path = (script: string) => script.split(/[\\/]/).pop();

/**
 * Runs a writer fixture that prints "ready" and then "ack <id> <rev>" for each
 * acknowledged write, kills it with SIGKILL `afterMs` after "ready", and
 * returns the highest rev acknowledged for each id.
 */
export async function acksUntilKilled(script: string, dir: string, seed: number, afterMs: number): Promise<Map<string, number>> {
  const acked = new Map<string, number>();
  await runUntilKilled(script, [dir, String(seed)], (line, child) => {
    if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs);
    const m = /^ack (\S+) (\d+)$/.exec(line);
    if (m) acked.set(m[1], Math.max(acked.get(m[1]) ?? 0, Number(m[2])));
  });
  return acked;
}
