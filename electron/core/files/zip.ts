import { zipSync, type Zippable } from 'fflate';
import { runWorkerOnce } from './worker-once';

/**
 * ZIP with checked entry paths (fflate does the format). Every entry name is
 * a relative path with forward slashes, no "..", no drive letter, no leading
 * slash.
 *
 * Reading happens in a worker thread, within limits, and refuses before it
 * inflates anything: too many entries, a declared total above the budget,
 * an entry whose compressed size is larger than its declared size could
 * explain (a lie), duplicate names, symbolic links, names the caller does
 * not expect. While inflating, Node's zlib counts the output and stops an
 * entry the moment it passes its declared size (maxOutputLength); the CRC
 * and the declared type of each entry (e.g. JPEG bytes) are checked.
 *
 * Why zlib and not fflate's streaming Inflate for reading: on a deflate bomb
 * fflate (pure JS, 4 KiB pushes) needed ~1 s to produce 12 MiB, zlib (C)
 * stops the same entry at its declared 16 MiB in under 0.1 s.
 */
const SEGMENT = /^[^<>:"|?*\u0000-\u001f\\/]+$/;

export function isSafeEntryPath(name: string): boolean {
  if (!name || name.length > 240 || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  const parts = name.split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..' && SEGMENT.test(p) && !/[. ]$/.test(p));
}

export type UnsafeZipReason = 'path' | 'too_large' | 'too_many' | 'corrupt' | 'size_lie' | 'duplicate' | 'symlink' | 'unexpected' | 'wrong_type';

export class UnsafeZipError extends Error {
  constructor(
    readonly reason: UnsafeZipReason,
    detail: string,
    /** For `unexpected`: every entry name the archive lists (tells a foreign archive from an altered one). */
    readonly names: string[] = [],
  ) {
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

/** What an entry's bytes must be: `jpeg` (JPEG magic number), `image` (JPEG or PNG), `utf8` (valid UTF-8 text). */
export type EntryType = 'jpeg' | 'image' | 'utf8' | 'any';

export interface ReadZipLimits {
  maxEntries?: number;
  /** Budget for the sum of the declared sizes, checked before inflating. */
  maxTotalBytes?: number;
  /** The only entry names accepted, each with the type its bytes must have. Absent: any safe name. */
  expect?: { name: RegExp; type: EntryType }[];
  timeoutMs?: number;
}

// Inline so the esbuild bundle needs no extra file (as media/heic.ts). The
// central directory is read here because fflate exposes neither the external
// attributes (the symlink bit) nor a way to refuse before inflating.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { crc32, inflateRawSync } = require('node:zlib');
const SEGMENT = /${SEGMENT.source}/;
function safe(name) {
  if (!name || name.length > 240 || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((p) => p !== '' && p !== '.' && p !== '..' && SEGMENT.test(p) && !/[. ]$/.test(p));
}
function fail(reason, detail) { const e = new Error(detail); e.reason = reason; throw e; }
const utf8 = new TextDecoder('utf-8', { fatal: true });
function run() {
  const { maxEntries, maxTotal, expect } = workerData;
  const rules = expect ? expect.map((x) => ({ re: new RegExp(x.source, x.flags), type: x.type })) : null;
  const buf = workerData.data;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o) => dv.getUint16(o, true);
  const u32 = (o) => dv.getUint32(o, true);
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 65535; i--) if (u32(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) fail('corrupt', 'no end of central directory');
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOff = u32(eocd + 16);
  if (count === 0xffff || cdOff === 0xffffffff || cdSize === 0xffffffff) fail('corrupt', 'zip64 is not supported');
  if (cdOff + cdSize > eocd) fail('corrupt', 'central directory out of range');
  if (count > maxEntries) fail('too_many', String(count));
  const entries = [];
  const seen = new Set();
  let unexpected = null;
  const names = [];
  let declared = 0;
  let p = cdOff;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== 0x02014b50) fail('corrupt', 'bad central directory');
    const madeBy = u16(p + 4), flags = u16(p + 8), method = u16(p + 10), crc = u32(p + 16);
    const csize = u32(p + 20), usize = u32(p + 24), nlen = u16(p + 28), xlen = u16(p + 30), clen = u16(p + 32);
    const attrs = u32(p + 38), lho = u32(p + 42);
    let name;
    try { name = utf8.decode(buf.subarray(p + 46, p + 46 + nlen)); } catch { fail('path', 'entry name is not UTF-8'); }
    p += 46 + nlen + xlen + clen;
    const host = madeBy >> 8;
    if (host === 3 && ((attrs >>> 16) & 0o170000) === 0o120000) fail('symlink', name);
    if (host === 0 && (attrs & 0x400)) fail('symlink', name); // MS-DOS/NTFS reparse point
    names.push(name);
    const key = name.normalize('NFC').toLowerCase();
    if (seen.has(key)) fail('duplicate', name);
    seen.add(key);
    if (name.endsWith('/')) { if (usize) fail('corrupt', 'folder with content: ' + name); continue; }
    if (!safe(name)) fail('path', name);
    let type = 'any';
    if (rules) {
      const rule = rules.find((r) => r.re.test(name));
      if (!rule) { unexpected = unexpected || name; continue; }
      type = rule.type;
    }
    if (flags & 1) fail('corrupt', 'encrypted entry ' + name);
    if (method !== 0 && method !== 8) fail('corrupt', 'compression method ' + method + ' in ' + name);
    // Deflate never needs more than 5 bytes per 16 KiB stored block (plus a little) beyond the data itself.
    const most = method === 0 ? usize : usize + Math.ceil(usize / 16383 + 1) * 5 + 16;
    if (csize > most) fail('size_lie', name + ': ' + csize + ' bytes compressed for ' + usize + ' declared');
    declared += usize;
    if (declared > maxTotal) fail('too_large', 'declared ' + declared + ' bytes, budget ' + maxTotal);
    entries.push({ name, method, crc, csize, usize, lho, type });
  }
  if (unexpected) { const e = new Error(unexpected); e.reason = 'unexpected'; e.names = names; throw e; }
  const files = [];
  let lastEnd = 0;
  for (const e of [...entries].sort((a, b) => a.lho - b.lho)) {
    const q = e.lho;
    if (q < lastEnd || q + 30 > cdOff || u32(q) !== 0x04034b50) fail('corrupt', 'bad or overlapping local header for ' + e.name);
    const lnlen = u16(q + 26), lxlen = u16(q + 28);
    let lname;
    try { lname = utf8.decode(buf.subarray(q + 30, q + 30 + lnlen)); } catch { lname = null; }
    // What another tool lists (local headers) must be what is read here (central directory).
    if (lname !== e.name) fail('size_lie', 'local name differs from central directory: ' + e.name);
    const start = q + 30 + lnlen + lxlen;
    const end = start + e.csize;
    if (end > cdOff) fail('corrupt', 'data of ' + e.name + ' out of range');
    lastEnd = end;
    let out;
    if (e.method === 0) {
      out = buf.slice(start, end);
    } else {
      try {
        // The declared size is the limit: zlib stops as soon as the output would pass it.
        out = new Uint8Array(inflateRawSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, e.usize) }));
      } catch (err) {
        if (err && (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)) fail('size_lie', e.name + ' inflates beyond its declared ' + e.usize + ' bytes');
        fail('corrupt', e.name + ': ' + (err && err.message));
      }
    }
    if (out.length !== e.usize) fail('size_lie', e.name + ' inflates to ' + out.length + ' bytes, declared ' + e.usize);
    if ((crc32(out) >>> 0) !== e.crc) fail('corrupt', 'checksum of ' + e.name);
    const jpeg = out[0] === 0xff && out[1] === 0xd8 && out[2] === 0xff;
    const png = out[0] === 0x89 && out[1] === 0x50 && out[2] === 0x4e && out[3] === 0x47 && out[4] === 0x0d && out[5] === 0x0a && out[6] === 0x1a && out[7] === 0x0a;
    if (e.type === 'jpeg' && !jpeg) fail('wrong_type', e.name + ' is not a JPEG');
    if (e.type === 'image' && !jpeg && !png) fail('wrong_type', e.name + ' is not a JPEG or PNG');
    if (e.type === 'utf8') { try { utf8.decode(out); } catch { fail('wrong_type', e.name + ' is not UTF-8 text'); } }
    files.push([e.name, out]);
  }
  return files;
}
try {
  const files = run();
  parentPort.postMessage({ ok: true, files }, files.map((f) => f[1].buffer));
} catch (e) {
  parentPort.postMessage({ ok: false, reason: e && e.reason ? e.reason : 'corrupt', message: String(e && e.message || e), names: (e && e.names) || [] });
}
`;

/**
 * Reads a ZIP off the main thread within the given limits. Rejects with an
 * UnsafeZipError naming the reason; never blocks the event loop.
 */
export function readZip(data: Uint8Array, limits: ReadZipLimits = {}): Promise<Map<string, Uint8Array>> {
  const maxEntries = limits.maxEntries ?? 2000;
  const maxTotal = limits.maxTotalBytes ?? 512 * 1024 * 1024;
  const timeoutMs = limits.timeoutMs ?? 60_000;
  const expect = limits.expect?.map((x) => ({ source: x.name.source, flags: x.name.flags.replace('g', ''), type: x.type }));
  return runWorkerOnce({
    source: WORKER_SOURCE,
    workerData: { data, maxEntries, maxTotal, expect },
    maxOldGenerationSizeMb: 256,
    timeoutMs,
    reply: (msg) => {
      const m = msg as { ok: true; files: [string, Uint8Array][] } | { ok: false; reason: UnsafeZipReason; message: string; names: string[] };
      if (!m.ok) throw new UnsafeZipError(m.reason, m.message, m.names);
      return new Map(m.files);
    },
    failure: (kind, detail) =>
      kind === 'timeout' ? new UnsafeZipError('too_large', `not read within ${detail}`) : new UnsafeZipError('corrupt', kind === 'exit' ? `zip reader stopped (${detail})` : detail),
  });
}
