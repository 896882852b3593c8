// Lint rules, including the folder dependency rules of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'stream'];

export default tseslint.config(
  {
    // .vue files need vue-eslint-parser, which is not installed: vue-tsc type-checks them instead.
    ignores: [
      'node_modules/**',
      'dist/**',
      'engine/api/generated/**',
      'lab/**',
      'test-results/**',
      'renderer/**/*.vue',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'vue', 'pinia', '**/main/**', '**/renderer/**'],
              message: 'engine/ knows nothing of the host or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['engine/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, '../*', '!./*'], message: 'engine/protocol holds types and framing only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**', 'vue', 'pinia'], message: 'main/ never imports the UI.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron', '**/main/**'], message: 'renderer/ runs in a browser sandbox.' },
            { regex: 'engine/(?!protocol/)', message: 'renderer/ may import only engine/protocol.' },
          ],
        },
      ],
    },
  },
  {
    // Tool configuration files must export a default.
    files: ['eslint.config.js', 'vitest.config.ts', 'vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
