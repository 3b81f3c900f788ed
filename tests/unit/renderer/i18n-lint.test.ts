import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Lints a snippet as if it were a new file in a folder nobody has listed anywhere. */
async function flagged(code: string, file = 'renderer/features/brand-new-area/Sample.tsx'): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r.messages.filter((m) => m.ruleId === 'i18next/no-literal-string' || m.ruleId === 'no-restricted-syntax').map((m) => code.split('\n')[m.line - 1].trim());
}

const HEAD = `import { useI18n } from '../../i18n/i18n';\ndeclare const toast: (m: string, kind?: string) => void;\n`;

describe('no hard-coded UI text in renderer/ (eslint.config.js → eslint/i18n-literals.js)', () => {
  it('flags literal text, spoken attributes and messages in any folder under renderer/', async () => {
    const code = `${HEAD}export function A({ n }: { n: number }) {
  const { t } = useI18n();
  return (
    <div>
      <h2>Koneksi kanal</h2>
      <button aria-label="Tutup">×</button>
      <input placeholder={n > 1 ? 'Cari berita' : t('common.search')} />
      <img alt={\`Logo \${n}\`} src="x.png" />
      <button title="Sinkron sekarang" onClick={() => toast('Tersimpan')}>{t('common.save')}</button>
      <button onClick={() => window.confirm(\`Hapus \${n} berkas?\`)}>{t('common.remove')}</button>
    </div>
  );
}
`;
    expect(await flagged(code)).toEqual([
      '<h2>Koneksi kanal</h2>',
      '<button aria-label="Tutup">×</button>',
      "<input placeholder={n > 1 ? 'Cari berita' : t('common.search')} />",
      '<img alt={`Logo ${n}`} src="x.png" />',
      "<button title=\"Sinkron sekarang\" onClick={() => toast('Tersimpan')}>{t('common.save')}</button>",
      "<button title=\"Sinkron sekarang\" onClick={() => toast('Tersimpan')}>{t('common.save')}</button>",
      '<button onClick={() => window.confirm(`Hapus ${n} berkas?`)}>{t(\'common.remove\')}</button>',
    ]);
  });

  it('leaves code that only looks like text alone: keys, classes, values, symbols, kinds', async () => {
    const code = `${HEAD}export function B({ ok, s }: { ok: boolean; s: 'a' | 'b' }) {
  const { t } = useI18n();
  const side = ok ? 'mine' : 'theirs';
  return (
    <section className="sync-panel" aria-labelledby="sync-h" data-testid="sync">
      <h2 id="sync-h">{t('common.save')}</h2>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> <span>“{s}” → {side}</span>
      <span className="brand-mark">R</span>
      <input type="url" placeholder="https://" value={s} onChange={() => toast(t('common.save'), 'error')} />
      <select value="none" aria-label={t('common.search')}><option value="none">{t('common.all')}</option></select>
    </section>
  );
}
`;
    expect(await flagged(code)).toEqual([]);
  });
});
