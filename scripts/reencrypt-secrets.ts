/**
 * Re-encrypts every sealed value under the first key of PORTICO_ENCRYPTION_KEY, then reports how
 * many values each key still holds. The server does the same at start and hourly; run this to see
 * when an old key may be removed (README › Security › Key rotation).
 *
 *   npm run reencrypt               re-encrypt, then report
 *   npm run reencrypt -- --status   report only
 *
 * Exit code: 0 when no value is left under an old key, 2 when some are (rerun, or wait for the
 * server's hourly run), 1 on error. Prints counts and key ids only (key ids are public).
 *
 * DATABASE_URL and PORTICO_ENCRYPTION_KEY come from the environment; with the embedded default
 * (a running `npm start`) they are read from PORTICO_DATA_DIR (default .data), like the server does.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/connect';
import { createKeyring } from '../lib/crypto/keyring';
import { countValuesByKey } from '../lib/jobs/reencrypt-secrets/key-usage';
import { reencryptSecrets } from '../lib/jobs/reencrypt-secrets/reencrypt-secrets';

const { values } = parseArgs({ options: { status: { type: 'boolean', default: false } } });
const dataDir = path.resolve(process.env.PORTICO_DATA_DIR ?? '.data');

function fromDataDir(file: string): string | undefined {
  const full = path.join(dataDir, file);
  return existsSync(full) ? readFileSync(full, 'utf8').trim() : undefined;
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL ?? fromDataDir('database-url');
  const localSecrets = fromDataDir('secrets.json');
  const keySpec =
    process.env.PORTICO_ENCRYPTION_KEY ??
    (localSecrets
      ? (JSON.parse(localSecrets) as { PORTICO_ENCRYPTION_KEY?: string }).PORTICO_ENCRYPTION_KEY
      : undefined);
  if (!databaseUrl || !keySpec) {
    console.error(
      'Set DATABASE_URL and PORTICO_ENCRYPTION_KEY (or start the embedded default with `npm start` first).',
    );
    return 1;
  }
  const keyring = createKeyring(keySpec);
  const db = createDatabase(databaseUrl, { max: 2 });
  try {
    if (!values.status) {
      const report = await reencryptSecrets({ db, keyring });
      console.log(
        `Re-encrypted ${report.reencrypted} values under key ${keyring.activeKeyId} in ${report.batches} batches; ` +
          `${report.unreadable} could not be read.`,
      );
    }
    const usage = await countValuesByKey(db, keyring);
    for (const [column, byKey] of Object.entries(usage.byColumn)) {
      const keys = Object.entries(byKey).map(([keyId, count]) => `${keyId}: ${count}`);
      console.log(`  ${column}  ${keys.length ? keys.join(', ') : 'empty'}`);
    }
    console.log(
      `Under the active key ${usage.activeKeyId}: ${usage.underActiveKey}; under old keys: ${usage.underOldKeys}; ` +
        `under removed keys (unreadable): ${usage.underRemovedKeys}.`,
    );
    if (usage.underRemovedKeys > 0) {
      console.log(
        'Unreadable values stay until their connections are reconnected (or their OAuth app secret re-entered).',
      );
    }
    if (usage.underOldKeys > 0) {
      console.log('Not done: some values are still under old keys. Run again (rows in use are skipped and retried).');
      return 2;
    }
    console.log(`Done: the keys other than ${usage.activeKeyId} may be removed from PORTICO_ENCRYPTION_KEY.`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The database error itself, never drizzle's wrapper: its message quotes the query's parameters (ciphertexts).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    console.error('Re-encryption failed:', cause instanceof Error ? cause.message : 'unknown error');
    process.exit(1);
  },
);
