import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule (GUIDE §1), checked on every import in the tree:
 * shared/ is pure (no Node, DOM libraries, Electron, electron/ or renderer/);
 * renderer/ never reaches electron/ or Electron; electron/core/ runs under
 * plain Node (the HTTP host), so only electron/main and electron/preload may
 * import Electron.
 */
const root = path.resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

const NODE_BUILTINS = /^(node:|fs$|fs\/|path$|os$|child_process$|crypto$|http$|https$|net$|url$|stream$|worker_threads$|util$|buffer$|events$|zlib$)/;

/** The tsconfig.json "paths" aliases, resolved like the compiler does. */
const ALIASES: Record<string, string> = { '@shared': 'shared', '@core': 'electron/core', '@ui': 'renderer' };

/** The repository path an import points at, or null for a package. */
export function targetOf(file: string, spec: string): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec === a || spec.startsWith(a + '/'));
  if (alias) return ALIASES[alias] + spec.slice(alias.length);
  if (!spec.startsWith('.')) return null;
  return path.relative(root, path.resolve(root, path.dirname(file), spec)).split(path.sep).join('/');
}

function layerOf(file: string, spec: string): string | null {
  return targetOf(file, spec)?.split('/')[0] ?? null;
}

function violations(dir: string, rule: (spec: string, file: string) => string | null): string[] {
  const out: string[] = [];
  for (const f of files(dir)) for (const spec of importsOf(f)) {
    const why = rule(spec, f);
    if (why) out.push(`${f}: imports "${spec}" (${why})`);
  }
  return out;
}

export const rules = {
  shared: (spec: string, file: string) => {
    if (NODE_BUILTINS.test(spec)) return 'Node API in shared/';
    if (spec === 'electron' || spec.startsWith('electron/')) return 'Electron in shared/';
    if (/^react(-dom)?(\/|$)/.test(spec)) return 'DOM library in shared/';
    const layer = layerOf(file, spec);
    if (layer && layer !== 'shared') return `reaches ${layer}/ from shared/`;
    return null;
  },
  renderer: (spec: string, file: string) => {
    if (spec === 'electron' || spec.startsWith('electron/')) return 'Electron in renderer/';
    if (NODE_BUILTINS.test(spec)) return 'Node API in renderer/';
    const layer = layerOf(file, spec);
    if (layer && layer !== 'renderer' && layer !== 'shared') return `reaches ${layer}/ from renderer/`;
    return null;
  },
  electronCore: (spec: string, file: string) => {
    if (spec === 'electron') return 'Electron in electron/core (must run under plain Node)';
    const layer = layerOf(file, spec);
    if (layer === 'renderer') return 'reaches renderer/';
    return null;
  },
};

describe('layering', () => {
  it('shared/ is pure', () => expect(violations('shared', rules.shared)).toEqual([]));
  it('renderer/ never imports electron/ or Node', () => expect(violations('renderer', rules.renderer)).toEqual([]));
  it('electron/core runs without Electron', () => expect(violations('electron/core', rules.electronCore)).toEqual([]));

  it('the checks catch each kind of wrong import', () => {
    expect(rules.shared('node:fs', 'shared/a.ts')).toMatch(/Node/);
    expect(rules.shared('fs', 'shared/a.ts')).toMatch(/Node/);
    expect(rules.shared('electron', 'shared/a.ts')).toMatch(/Electron/);
    expect(rules.shared('react-dom/client', 'shared/a.ts')).toMatch(/DOM/);
    expect(rules.shared('../../electron/core/store/store', 'shared/domain/a.ts')).toMatch(/electron/);
    expect(rules.shared('../../renderer/api/client', 'shared/api/a.ts')).toMatch(/renderer/);
    expect(rules.shared('./common', 'shared/domain/a.ts')).toBeNull();
    expect(rules.renderer('../../electron/core/http-host', 'renderer/app/a.tsx')).toMatch(/electron/);
    expect(rules.renderer('electron', 'renderer/a.ts')).toMatch(/Electron/);
    expect(rules.renderer('../../shared/api/contract', 'renderer/api/a.ts')).toBeNull();
    expect(rules.renderer('@core/http-host', 'renderer/app/a.tsx')).toMatch(/electron/);
    expect(rules.renderer('@shared/api/contract', 'renderer/app/a.tsx')).toBeNull();
    expect(rules.shared('@ui/api/client', 'shared/api/a.ts')).toMatch(/renderer/);
    expect(rules.electronCore('@ui/api/client', 'electron/core/a.ts')).toMatch(/renderer/);
    expect(rules.electronCore('electron', 'electron/core/a.ts')).toMatch(/Electron/);
    expect(importsOf('renderer/main.tsx')).toContain('react-dom/client');
  });
});

describe('dependency direction inside the core', () => {
  const featureFiles = files('electron/core').filter((f) => {
    const parts = f.split(path.sep);
    return parts.length > 3 && parts[2] !== 'api';
  });

  it('no feature module of the core imports the API layer', () => {
    const bad = featureFiles.flatMap((f) =>
      importsOf(f)
        .filter((spec) => targetOf(f, spec)?.split('/').slice(0, 3).join('/') === 'electron/core/api')
        .map((spec) => `${f} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('the lint rule fails on a deliberate core/<feature> → core/api import', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    const probe = (file: string, code: string) => eslint.lintText(code, { filePath: path.join(root, file) }).then(([r]) => r.messages.map((m) => m.ruleId));
    expect(await probe('electron/core/posts/probe.ts', "import type { HandlerContext } from '../api/context';\nexport type X = HandlerContext;\n")).toContain('no-restricted-imports');
    expect(await probe('electron/core/posts/probe.ts', "import type { HandlerContext } from '@core/api/context';\nexport type X = HandlerContext;\n")).toContain('no-restricted-imports');
    expect(await probe('electron/core/posts/probe.ts', "import type { HandlerContext } from '@core/deps';\nexport type X = HandlerContext;\n")).toEqual([]);
    expect(await probe('electron/core/api/handlers/probe.ts', "import type { HandlerContext } from '../context';\nexport type X = HandlerContext;\n")).toEqual([]);
  });
});
