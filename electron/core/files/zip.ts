import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * ZIP with checked entry paths (fflate does the format). Every entry name is
 * a relative path with forward slashes, no "..", no drive letter, no leading
 * slash; reading refuses archives that are too large when unpacked.
 */
const SEGMENT = /^[^<>:"|?*\u0000-\u001f\\/]+$/;

export function isSafeEntryPath(name: string): boolean {
  if (!name || name.length > 240 || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  const parts = name.split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..' && SEGMENT.test(p) && !/[. ]$/.test(p));
}

export class UnsafeZipError extends Error {
  constructor(readonly reason: 'path' | 'too_large' | 'too_many' | 'corrupt', detail: string) {
    super(`unsafe or damaged zip (${reason}): ${detail}`);
    this.name = 'UnsafeZipError';
  }
}

export function createZip(entries: Record<string, Uint8Array | string>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (!isSafeEntryPath(name)) throw new UnsafeZipError('path', name);
    tree[name] = [typeof data === 'string' ? new TextEncoder().encode(data) : data, { level: 6 }];
  }
  return zipSync(tree);
}

export interface ReadZipLimits {
  maxEntries?: number;
  maxTotalBytes?: number;
}

export function readZip(data: Uint8Array, limits: ReadZipLimits = {}): Map<string, Uint8Array> {
  const maxEntries = limits.maxEntries ?? 2000;
  const maxTotal = limits.maxTotalBytes ?? 512 * 1024 * 1024;
  let count = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter(f) {
        if (f.name.endsWith('/')) return false; // folders carry nothing
        if (!isSafeEntryPath(f.name)) throw new UnsafeZipError('path', f.name);
        if (++count > maxEntries) throw new UnsafeZipError('too_many', String(count));
        total += f.originalSize;
        if (total > maxTotal) throw new UnsafeZipError('too_large', String(total));
        return true;
      },
    });
  } catch (err) {
    if (err instanceof UnsafeZipError) throw err;
    throw new UnsafeZipError('corrupt', (err as Error).message);
  }
  return new Map(Object.entries(files));
}
