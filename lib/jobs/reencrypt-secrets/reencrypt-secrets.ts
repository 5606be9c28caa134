import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { decryptSecret, DecryptionError, encryptSecret, type Keyring } from '@/lib/crypto';
import { SEALED_COLUMNS, type SealedColumn } from './sealed-columns';

/*
 * Key rotation, step 2 of 3 (README › Security › Key rotation): re-seal every value under the keyring's
 * first key, so the old keys can be removed from PORTICO_ENCRYPTION_KEY.
 *
 * - Batched: one transaction per `batchSize` rows of one column; a value is rewritten only together
 *   with its commit, so a process killed mid-batch loses that batch's work, never a value.
 * - Restart-safe and idempotent: it selects only values not under the active key, so a rerun (or
 *   a second run after a crash) picks up exactly what is left and a finished run finds nothing.
 * - Concurrent: rows are claimed with `for update skip locked`, so several instances can run it at
 *   once, and a token refresh holding a grant's row is passed over (the next run gets it).
 * - A value no configured key opens (its key was already removed, or it was altered) is counted,
 *   left untouched and reported to its owner (grants: the connections show token_unreadable); it
 *   never stops the batch. The keyset cursor moves past it, so it is not retried within the run.
 */

export const REENCRYPT_BATCH_SIZE = 100;

export interface ReencryptBatch {
  column: string;
  /** 1-based, counted over the whole run. */
  number: number;
  reencrypted: number;
  unreadable: number;
}

export interface ReencryptReport {
  activeKeyId: string;
  batches: number;
  reencrypted: number;
  unreadable: number;
  byColumn: Record<string, { reencrypted: number; unreadable: number }>;
}

export interface ReencryptOptions {
  db: Database;
  keyring: Keyring;
  batchSize?: number;
  columns?: readonly SealedColumn[];
  /** Runs inside each batch's transaction, after its writes, before its commit: throwing aborts that batch. */
  beforeCommit?: (batch: ReencryptBatch) => void | Promise<void>;
}

type Row = { key: string; value: string } & Record<string, unknown>;

export async function reencryptSecrets(options: ReencryptOptions): Promise<ReencryptReport> {
  const { db, keyring, batchSize = REENCRYPT_BATCH_SIZE, columns = SEALED_COLUMNS } = options;
  const report: ReencryptReport = {
    activeKeyId: keyring.activeKeyId,
    batches: 0,
    reencrypted: 0,
    unreadable: 0,
    byColumn: {},
  };
  for (const target of columns) {
    const totals = { reencrypted: 0, unreadable: 0 };
    report.byColumn[target.name] = totals;
    let after: string | undefined;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const extras = Object.entries(target.extra ?? {}).map(
          ([alias, column]) => sql`, ${column} as ${sql.identifier(alias)}`,
        );
        const rows = (await tx.execute(sql`
          select ${target.key}::text as key, ${target.column} as value ${sql.join(extras)}
          from ${target.table}
          where ${target.column} is not null and ${target.column} <> ''
            and split_part(${target.column}, '.', 2) <> ${keyring.activeKeyId}
            ${after === undefined ? sql`` : sql`and ${target.key} > ${after}::${sql.raw(target.keyType)}`}
          order by ${target.key}
          limit ${batchSize}
          for update skip locked`)) as unknown as Row[];
        const outcome: ReencryptBatch = {
          column: target.name,
          number: report.batches + 1,
          reencrypted: 0,
          unreadable: 0,
        };
        const resealed: SQL[] = [];
        for (const row of rows) {
          const aad = target.aad(row.key);
          try {
            resealed.push(sql`(${row.key}, ${encryptSecret(keyring, decryptSecret(keyring, row.value, aad), aad)})`);
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
            outcome.unreadable += 1;
            await target.onUnreadable?.(tx, row.key, row);
          }
        }
        if (resealed.length > 0) {
          await tx.execute(sql`
            update ${target.table} set ${sql.identifier(target.column.name)} = resealed.value
            from (values ${sql.join(resealed, sql`, `)}) as resealed(key, value)
            where ${target.key} = resealed.key::${sql.raw(target.keyType)}`);
        }
        outcome.reencrypted = resealed.length;
        if (rows.length > 0) await options.beforeCommit?.(outcome);
        return { outcome, count: rows.length, lastKey: rows.at(-1)?.key };
      });
      if (batch.count === 0) break;
      report.batches += 1;
      totals.reencrypted += batch.outcome.reencrypted;
      totals.unreadable += batch.outcome.unreadable;
      if (batch.count < batchSize) break;
      after = batch.lastKey;
    }
    report.reencrypted += totals.reencrypted;
    report.unreadable += totals.unreadable;
  }
  return report;
}
