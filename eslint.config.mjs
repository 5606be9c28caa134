import nextVitals from 'eslint-config-next/core-web-vitals';
import tseslint from 'typescript-eslint';

// Modules that hold secrets or touch I/O: a client component importing one would ship
// server code (and possibly secrets) to the browser.
const serverOnlyModules = ['@/db/*', '@/db/**', '@/lib/crypto/*', '@/lib/auth/*', '@/lib/config/env', '**/token-store*'];

export default tseslint.config(
  {
    ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'tests/**/*.ts', '**/test-support.ts', '**/*.testing.ts'],
    rules: {
      // expect.any() and parsed JSON bodies under assertion are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Playwright fixtures call `use`, which is not React's hook.
      'react-hooks/rules-of-hooks': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['components/**/*.tsx', 'app/**/*-form.tsx', 'app/**/*-client.tsx', 'app/**/role-select.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: serverOnlyModules, message: 'Client code must not import server-only modules (database, auth, crypto, tokens).' }] },
      ],
    },
  },
  {
    // Imports point one way, app → components → lib → db: lib and db serve every page and worker, so they never
    // reach up into React components or routes (tests may drive a route from lib's folders).
    files: ['lib/**/*.ts', 'lib/**/*.tsx', 'db/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/components/*', '@/components/**', '@/app/*', '@/app/**'], message: 'lib/ and db/ must not import from components/ or app/: imports point app → components → lib → db.' }] },
      ],
    },
  },
);
