import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, report } from './stats';

const LIBRARIES = ['sharp', 'sanitize-html', 'opentype.js', 'exifr', 'pdfkit', 'write-excel-file'];

/**
 * Libraries loaded on first use instead of at start (electron/core/files/lazy-libs.ts, issue 22): what that
 * first use costs the person who triggers it, each in a fresh process (median of 3), and the memory it adds.
 */
export function lazyLibsBench(): void {
  const child = path.join(import.meta.dirname, 'lazy-libs-child.ts');
  for (const lib of LIBRARIES) {
    const runs = [0, 1, 2].map(() => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', child, lib], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${lib}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; rssMB: number };
    });
    const key = lib.replace(/[^a-z]+/g, '_');
    report(`lazy_lib_${key}_first_use`, median(runs.map((r) => r.ms)), 'ms');
    report(`lazy_lib_${key}_first_use_cpu`, median(runs.map((r) => r.cpuMs)), 'ms');
    report(`lazy_lib_${key}_rss_added`, median(runs.map((r) => r.rssMB)), 'MB');
  }
}
