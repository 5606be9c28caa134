import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Atlassian's public reference data, copied verbatim into the repository (sandbox/reference/README.md). */
export const REFERENCE_DIR = path.join(REPO_ROOT, 'sandbox', 'reference');

export function openApiPath(): string {
  return path.join(REFERENCE_DIR, 'jira-platform-openapi.json');
}

export function recordedPath(fileName: string): string {
  return path.join(REFERENCE_DIR, 'recorded', fileName);
}
