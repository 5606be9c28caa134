import 'server-only';
import { getDb } from '@/db/client';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { log } from '@/lib/observability/request-context';
import { countValuesByKey } from './key-usage';
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

let timer: NodeJS.Timeout | undefined;

/**
 * Started once per server process (instrumentation.ts): once at start, so a key prepended to
 * PORTICO_ENCRYPTION_KEY is applied by the restart that brought it, then hourly for what a locked
 * row or a crash left behind. Several processes may run it at once (rows are claimed skip-locked).
 */
export function scheduleReencryption(intervalMs = 60 * 60 * 1000): void {
  if (timer) return;
  const run = () => {
    runReencryption().catch((error: unknown) => log().error({ err: error }, 'reencrypt-secrets failed'));
  };
  setTimeout(run, 0).unref();
  timer = setInterval(run, intervalMs);
  timer.unref();
}
