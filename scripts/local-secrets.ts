import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface LocalSecrets {
  AUTH_SECRET: string;
  PORTICO_ENCRYPTION_KEY: string;
}

/**
 * The embedded default generates its session secret and token-encryption key once, into the
 * git-ignored data folder (mode 0600), so tokens stay decryptable across restarts.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const keyId = randomBytes(4).toString('hex');
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(33).toString('base64'),
    PORTICO_ENCRYPTION_KEY: `${keyId}:${randomBytes(32).toString('base64')}`,
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
