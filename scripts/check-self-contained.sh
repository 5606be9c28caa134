#!/usr/bin/env bash
# Proves `npm test` needs nothing outside the repository: copies the working tree (tracked and
# new files, as a clone would have them) into an empty temporary folder, so no shared folder
# sits beside it, and runs there the tests that read Atlassian's reference data.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
chmod 755 "$scratch"  # the embedded PostgreSQL runs as its own user and must reach .data/
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/portico"
mkdir "$copy"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$copy"
# Dependencies are installed, not cloned: share them rather than install again.
ln -s "$PWD/node_modules" "$copy/node_modules"

cd "$copy"
ls .. | grep -qv '^portico$' && { echo "self-contained check: the copy has neighbours" >&2; exit 1; }
npx vitest run --config sandbox/vitest.config.ts sandbox
npx vitest run tests/self-contained.test.ts lib/integrations/jira/client lib/integrations/jira/metadata/fetch-metadata.test.ts
echo "Self-contained: the reference-reading tests pass in a copy with nothing beside it."
