import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { i18nLiterals } from './eslint/i18n-literals.js';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'util', 'zlib'];

/**
 * Layering (GUIDE §1): shared/ is pure; renderer/ never reaches electron/;
 * electron/core runs under plain Node. tests/unit/layering.test.ts checks the
 * same rules in `npm test`.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
      // File-name and path checks match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node APIs.' },
            { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
            { group: ['react', 'react-dom', 'react-dom/*'], message: 'shared/ is pure: no DOM libraries.' },
            { group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer', '@core', '@core/*', '@ui', '@ui/*'], message: 'shared/ may not import electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer talks to the main process only through the api client.' },
            { group: ['**/electron/**', '@core', '@core/*'], message: 'renderer/ may not import electron/.' },
            { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node APIs.' },
          ],
        },
      ],
    },
  },
  // UI text only through the catalogue (issue 20); covers every folder under renderer/, new ones included.
  ...i18nLiterals(['renderer/**/*.tsx', 'renderer/**/*.ts']),
  {
    files: ['electron/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core must run under plain Node (the HTTP host); use electron/main.' }],
          patterns: [{ group: ['**/renderer/**', '@ui', '@ui/*'], message: 'electron/ may not import renderer/.' }],
        },
      ],
    },
  },
  {
    // Dependency direction (GUIDE §7): a feature module of the core depends on ../deps, never on the API layer above it.
    files: ['electron/core/*/**/*.ts'],
    ignores: ['electron/core/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core must run under plain Node (the HTTP host); use electron/main.' }],
          patterns: [
            { group: ['**/renderer/**', '@ui', '@ui/*'], message: 'electron/ may not import renderer/.' },
            { group: ['../api', '../api/*', '../../api', '../../api/*', '**/core/api/**', '@core/api', '@core/api/*'], message: 'Feature code depends on ../deps, never on the API layer (core/<feature> ↛ core/api).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,mjs}', 'tests/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  // Plain CommonJS helpers run by node in their own process (bench hubs).
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
