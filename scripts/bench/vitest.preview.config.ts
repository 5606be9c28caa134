import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

// The preview benchmark reuses the test harness (embedded PostgreSQL, in-process sandbox) but is
// not part of the test suite: it prints call counts and asserts nothing.
export default defineConfig({ ...base, test: { ...base.test, include: ['scripts/bench/preview-calls.bench.ts'] } });
