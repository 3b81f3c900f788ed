import { existsSync } from 'node:fs';
import path from 'node:path';

let cached: string | null = null;

/**
 * The bundled assets folder (fonts, dictionaries). Found by walking up from
 * this module: dist/electron/*.cjs in the built app and inside app.asar when
 * packaged, electron/core/ under vitest; the working folder for ESM scripts
 * (benchmarks). REDAKSI_ASSETS_DIR overrides it.
 */
export function assetsDir(): string {
  if (cached) return cached;
  if (process.env.REDAKSI_ASSETS_DIR) return (cached = path.resolve(process.env.REDAKSI_ASSETS_DIR));
  const starts = [typeof __dirname === 'string' ? __dirname : null, process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'assets');
      if (existsSync(path.join(candidate, 'fonts'))) return (cached = candidate);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('The assets folder (fonts, dictionaries) was not found next to the app.');
}

export function assetPath(...segments: string[]): string {
  return path.join(assetsDir(), ...segments);
}

/** Open Sans for printed PDFs: it covers every Indonesian letter and typographic quote. */
export function pdfFonts(): { regular: string; bold: string } | null {
  try {
    const regular = assetPath('fonts', 'open-sans', 'OpenSans-Regular.ttf');
    const bold = assetPath('fonts', 'open-sans', 'OpenSans-Bold.ttf');
    return existsSync(regular) && existsSync(bold) ? { regular, bold } : null;
  } catch {
    return null;
  }
}
