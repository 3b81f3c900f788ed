import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { LibraryLoadError, exifrLib, lazyLibrary, opentypeLib, sanitizeHtmlLib, sharpLib } from '@core/files/lazy-libs';
import { toWireError } from '@core/api/dispatch';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Libraries that only some features need: none may be imported statically by the code that runs at start. */
const LAZY = ['sharp', 'sanitize-html', 'opentype.js', 'exifr', 'pdfkit', 'write-excel-file/node'];

describe('libraries loaded on first use (issue 22: memory after open)', () => {
  it('the API, its handlers and the store import none of them at start; they are reached only by import()', async () => {
    const r = await build({
      entryPoints: [path.join(root, 'electron/core/web-main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      outdir: path.join(root, 'node_modules/.cache/lazy-libs-test'),
      logLevel: 'silent',
    });
    const imports = Object.values(r.metafile.outputs).flatMap((o) => o.imports);
    const kinds = (lib: string) => new Set(imports.filter((i) => i.path === lib).map((i) => i.kind));
    for (const lib of LAZY) {
      expect([...kinds(lib)], lib).not.toContain('import-statement');
      expect([...kinds(lib)], lib).not.toContain('require-call');
    }
    // The check itself can fail: the libraries are there, as dynamic imports.
    expect([...kinds('sharp')]).toEqual(['dynamic-import']);
    expect([...kinds('sanitize-html')]).toEqual(['dynamic-import']);
  });

  it('each loader gives the working library, the same one every time', async () => {
    const sharp = await sharpLib();
    expect(sharp).toBe(await sharpLib());
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await sharp(png).metadata()).format).toBe('png');
    // The in-memory operation cache is off wherever sharp is first loaded from.
    expect(sharp.cache().memory.max).toBe(0);
    expect((await sanitizeHtmlLib())('<p onclick="x()">a</p>')).toBe('<p>a</p>');
    expect(typeof (await opentypeLib()).parse).toBe('function');
    expect(typeof (await exifrLib()).parse).toBe('function');
  });

  it('loads once when several requests need the library at the same time', async () => {
    let loads = 0;
    const lib = lazyLibrary('probe', async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true };
    });
    const [a, b, c] = await Promise.all([lib(), lib(), lib()]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('a library that cannot be loaded fails the request with a typed error naming it, and the next request tries again', async () => {
    let attempt = 0;
    const lib = lazyLibrary('sharp', async () => {
      attempt++;
      if (attempt === 1) throw new Error("Could not load the \"sharp\" module using the linux-x64 runtime");
      return 'loaded';
    });
    const err = await lib().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LibraryLoadError);
    expect(err).toBeInstanceOf(ApiError);
    // What crosses the API boundary: the code and the reason the UI words ("reinstall Redaksi"), with the library named.
    const wire = toWireError(err, () => undefined).toWire();
    expect(wire.code).toBe('internal');
    expect(wire.params).toEqual({ reason: 'library_missing', library: 'sharp' });
    expect(wire.message).toContain('linux-x64');
    expect(await lib()).toBe('loaded');
    expect(attempt).toBe(2);
  });
});
