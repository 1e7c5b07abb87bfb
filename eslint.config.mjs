// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// MiniSearch is the reference the compact term index is checked against (tests, evals, benchmarks);
// shipped code must not pull it (or its adapter) into the bundle (#11: ~18 KB of 108 KB minified).
const MINISEARCH_IS_A_REFERENCE = {
  group: ['minisearch', '**/miniSearchIndex'],
  message: 'MiniSearch is a test/bench reference only: shipped code uses CompactTermIndex (see PaperSearchOptions.termIndex).',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'samples/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // src/core runs in Node, a worker thread, the CLI and (later) a browser worker: no editor API,
    // no Node built-ins (files, workers and paths come through small interfaces; src/node/ has the
    // Node side), and no build-only code (scripts/). src/ui is editor-independent presentation:
    // the same rules, so its logic is unit-tested in plain Node.
    files: ['src/core/**/*.ts', 'src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core and src/ui must not depend on vscode.' }],
        patterns: [
          { group: ['**/scripts/**', '**/scripts'], message: 'run-time code must not import build-only code (scripts/).' },
          { group: ['**/vscode/**', '**/extension'], message: 'src/core and src/ui must not import the VS Code adapters.' },
          { group: ['**/node/**', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'worker_threads', 'crypto', 'url', 'perf_hooks', 'node:*'],
            message: 'no Node built-ins in src/core or src/ui: take them through an interface (see src/node/).' },
          MINISEARCH_IS_A_REFERENCE,
        ],
      }],
    },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/node/**/*.ts', 'src/cli/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [MINISEARCH_IS_A_REFERENCE] }] },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { globals: { acquireVsCodeApi: 'readonly', document: 'readonly', Element: 'readonly', window: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', window: 'readonly', document: 'readonly', NodeFilter: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
