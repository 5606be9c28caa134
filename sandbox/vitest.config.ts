import { defineConfig } from 'vitest/config';

// Standalone config: the sandbox needs no database and none of the app's global setup.
export default defineConfig({
  test: {
    include: ['sandbox/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
