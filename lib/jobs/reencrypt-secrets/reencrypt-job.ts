import 'server-only';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { log } from '@/lib/observability/request-context';
import { countValuesByKey } from './key-usage';
import { defineJob } from '../define-job';
import { reencryptSecrets } from './reencrypt-secrets';

/** One run with the app's database and keyring, logged with counts and key ids only (never values). */
export async function runReencryption(): Promise<void> {
  const db = getDb();
  const keyring = appKeyring();
  const report = await reencryptSecrets({ db, keyring });
  const usage = await countValuesByKey(db, keyring);
  if (report.reencrypted > 0 || report.unreadable > 0 || usage.underOldKeys > 0 || usage.underRemovedKeys > 0) {
    log().info(
      {
        reencrypted: report.reencrypted,
        activeKeyId: keyring.activeKeyId,
        underOldKeys: usage.underOldKeys,
        unreadable: usage.underRemovedKeys,
      },
      'reencrypt-secrets: values re-encrypted under the active key; unreadable ones have a removed key or were altered',
    );
  }
}

/**
 * Enqueued by every worker at start, so a key prepended to PORTICO_ENCRYPTION_KEY is applied by the restart
 * that brought it, and hourly for what a locked row or a crash left behind. Rows are claimed skip-locked.
 */
export const reencryptSecretsJob = defineJob({
  name: 'reencrypt-secrets',
  title: 'Re-encrypt secrets under the active key',
  schema: z.object({}),
  policy: 'stately',
  expireInSecs: 30 * 60,
  handler: runReencryption,
});
