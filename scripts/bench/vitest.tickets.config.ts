import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

// The tickets benchmark reuses the test harness (embedded PostgreSQL, migrated template) but is not part of the
// test suite: it prints figures and asserts nothing about time.
export default defineConfig({ ...base, test: { ...base.test, include: ['scripts/bench/tickets.bench.ts'] } });
