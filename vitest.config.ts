import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// CI's self-check (scripts/ci-canary.sh) runs the one test that must fail, through this same config.
const canaryOnly = process.env.PORTICO_CI_CANARY === '1';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside Next's bundler; tests run server code directly.
      'server-only': fileURLToPath(new URL('./tests/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: canaryOnly ? ['tests/ci-canary/**/*.test.ts'] : ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**', ...(canaryOnly ? [] : ['tests/ci-canary/**'])],
    globalSetup: ['./tests/global-setup.ts'],
    // Timeouts only catch hangs; nothing here asserts speed. Database tests that did a few seconds of
    // work took over 20 s on a loaded 2-core machine, so the limit leaves room for that.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
