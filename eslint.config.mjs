import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Never shipped: nothing under src/ imports them. */
const NEVER_SHIPPED = [{ group: ['**/dev/**', '**/test/**'], message: 'dev/ and test/ are never shipped.' }];

/** An import pattern group refusing the folders `names` (relative or not, the folder itself or inside it). */
const layer = (names, message) => ({ group: names.flatMap((n) => [`**/${n}`, `**/${n}/**`]), message });

export default tseslint.config(
  { ignores: ['build/', 'build-*/', 'node_modules/', '.preview/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The domain is pure: no Apps Script service may be reached from it.
    files: ['src/server/domain/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'SpreadsheetApp',
          'DocumentApp',
          'FormApp',
          'CalendarApp',
          'MailApp',
          'DriveApp',
          'PropertiesService',
          'LockService',
          'HtmlService',
          'ScriptApp',
          'Session',
          'Utilities',
        ].map((name) => ({ name, message: 'Pure code: reach Apps Script through src/server/workspace.' })),
      ],
    },
  },
  // Layers: shared/ under both sides, the domain under the adapters, the client apart from the server.
  // (A later block's no-restricted-imports replaces an earlier one's, so each repeats NEVER_SHIPPED.)
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NEVER_SHIPPED }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NEVER_SHIPPED,
            layer(
              ['server', 'client'],
              'src/shared is used by both sides: it imports neither src/server nor src/client.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NEVER_SHIPPED,
            layer(
              ['workspace'],
              'The domain is pure: adapters (src/server/workspace) call it, never the reverse.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NEVER_SHIPPED,
            layer(
              ['server'],
              'The client reaches the server through google.script.run and src/shared/contract only.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Apps Script's V8 has no web or Node globals: these exist in tests but not where the code runs.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'URL',
          'URLSearchParams',
          'TextEncoder',
          'TextDecoder',
          'structuredClone',
          'fetch',
          'setTimeout',
          'setInterval',
          'crypto',
          'Buffer',
          'process',
        ].map((name) => ({
          selector: `Identifier[name='${name}']:not(MemberExpression > Identifier.property)`,
          message: `${name} does not exist in Apps Script.`,
        })),
      ],
    },
  },
  {
    files: ['dev/preview/bridge.js'],
    languageOptions: { globals: { window: 'readonly', fetch: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
);
