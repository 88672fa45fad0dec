// `npm run lint`. General rules for the whole tree, and a guard that keeps utils/core pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import hallPass, { FORBIDDEN_PACKAGES } from './lint/core-boundary.js';

const PURE = 'utils/core must stay pure (no browser, Dexie, Preact or Node): pass what it needs in from the glue.';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a value left out on purpose (for example a field dropped from a copy).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The pure core: the same code runs in the extension, the CLI, the benchmarks and the hub.
    files: ['utils/core/**/*.{ts,tsx,js,mjs}'],
    plugins: { 'hall-pass': hallPass },
    rules: {
      'hall-pass/core-boundary': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FORBIDDEN_PACKAGES.flatMap((p) => [p, `${p}/*`]), message: PURE },
            { group: ['node:*'], message: PURE },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'window', 'document', 'indexedDB', 'localStorage'].map((name) => ({
          name,
          message: PURE,
        })),
      ],
    },
  },
);
