import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The shared reference folder cloned beside the repo; PORTICO_SHARED_DIR overrides it. */
export function sharedDir(): string {
  return process.env.PORTICO_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
}

export function openApiPath(): string {
  return path.join(sharedDir(), 'reference', 'jira-platform-openapi.json');
}
