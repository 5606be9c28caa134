#!/usr/bin/env bash
# Everything the README's test command promises: typecheck, lint, unit and database tests,
# production build, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$1"; }

step "Route types";        npx next typegen
step "Typecheck";          npx tsc --noEmit
step "Lint";               npx eslint . --max-warnings 0
step "Self-check: a failing Vitest test fails the run"; bash scripts/ci-canary.sh vitest
step "Unit and database tests (Vitest, real PostgreSQL)"; npx vitest run
step "Self-contained: reference-reading tests in a copy with nothing beside it"; bash scripts/check-self-contained.sh
step "Production build";   npx next build
step "Self-check: a failing Playwright test fails the run"; bash scripts/ci-canary.sh playwright
step "End-to-end tests (Playwright, Chromium)"; npx playwright test
