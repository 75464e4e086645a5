// One lint setup for every workspace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { moduleBoundaries } from './clearing-service/lint/module-boundaries.mjs';
import { allowedImports } from './clearing-service/lint/allowed-imports.mjs';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'deploy/local/.data/**',
      // fetched by the chart tests (deploy/tools): npm tarballs, helm, generated type checks
      'deploy/.cache/**',
      '.demo/**',
      // Generated from clearing-service/openapi.json (npm run -w operator-console api-types).
      'operator-console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The console runs in the browser; its e2e runner and scripts in Node.
    files: ['operator-console/src/**/*.{ts,tsx}', 'operator-console/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['operator-console/e2e/**/*.{js,mjs,ts}', 'operator-console/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Who may import what across clearing-service's modules: clearing-service/lint/README.md.
    files: ['clearing-service/src/**/*.ts'],
    plugins: { tanlian: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'tanlian/module-boundaries': ['error', { allow: allowedImports }] },
  },
);
