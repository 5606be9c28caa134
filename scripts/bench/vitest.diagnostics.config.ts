import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

// The diagnostics benchmark reuses the test harness (embedded PostgreSQL, in-process sandbox) but
// is not part of the test suite: it prints figures and asserts nothing about time.
export default defineConfig({ ...base, test: { ...base.test, include: ['scripts/bench/diagnostics.bench.ts'] } });
