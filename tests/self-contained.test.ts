// `npm test` must pass on a plain clone: no source file may reach outside the repository for its data.
// scripts/check-self-contained.sh proves the same by running the reference-reading tests in a copy
// with nothing beside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiPath, recordedPath } from '@/sandbox/paths';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const skipped = new Set(['node_modules', '.next', '.data', '.git', 'test-results', 'playwright-report', 'blob-report', 'artifacts']);
// The copied reference data quotes its own provenance; it is data, not a reader.
const skippedPaths = new Set(['sandbox/reference']);
const sourceFile = /\.(ts|tsx|mts|mjs|cjs|js|sh|json)$/;
// Built from parts so this file does not match itself.
const outsideReference = new RegExp(['\\.\\./', 'shared', '|', 'PORTICO_', 'SHARED_DIR', '|', 'shared/', 'reference'].join(''));

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const relative = path.relative(repoRoot, full);
    if (skipped.has(name) || skippedPaths.has(relative)) continue;
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (sourceFile.test(name) && name !== 'package-lock.json') yield relative;
  }
}

describe('the repository is self-contained', () => {
  it('no source, test or script refers to a shared folder outside the repository', () => {
    const offenders = [...sourceFiles(repoRoot)].filter((file) => outsideReference.test(readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('reads the OpenAPI document and the recorded responses from inside the repository', () => {
    for (const file of [openApiPath(), recordedPath('myself.recorded.json')]) {
      expect(path.relative(repoRoot, file).startsWith('..')).toBe(false);
      expect(statSync(file).isFile()).toBe(true);
    }
  });
});
