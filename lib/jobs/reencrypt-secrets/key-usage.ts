import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import type { Keyring } from '@/lib/crypto';
import { SEALED_COLUMNS, type SealedColumn } from './sealed-columns';

/**
 * How many sealed values each key id holds: the "is the rotation done?" figure. An old key may be
 * removed once `underOldKeys` is 0; `underRemovedKeys` counts values whose key is already gone
 * (their connections show token_unreadable until reconnected).
 */
export interface KeyUsage {
  activeKeyId: string;
  underActiveKey: number;
  underOldKeys: number;
  underRemovedKeys: number;
  /** table.column → key id → values. Key ids are public (they are in every ciphertext). */
  byColumn: Record<string, Record<string, number>>;
}

export async function countValuesByKey(
  db: Database,
  keyring: Keyring,
  columns: readonly SealedColumn[] = SEALED_COLUMNS,
): Promise<KeyUsage> {
  const usage: KeyUsage = {
    activeKeyId: keyring.activeKeyId,
    underActiveKey: 0,
    underOldKeys: 0,
    underRemovedKeys: 0,
    byColumn: {},
  };
  for (const target of columns) {
    const rows = (await db.execute(sql`
      select split_part(${target.column}, '.', 2) as key_id, count(*)::int as total
      from ${target.table}
      where ${target.column} is not null and ${target.column} <> ''
      group by 1`)) as unknown as { key_id: string; total: number }[];
    usage.byColumn[target.name] = Object.fromEntries(rows.map((row) => [row.key_id, row.total]));
    for (const { key_id: keyId, total: values } of rows) {
      if (keyId === keyring.activeKeyId) usage.underActiveKey += values;
      else if (keyring.keys.has(keyId)) usage.underOldKeys += values;
      else usage.underRemovedKeys += values;
    }
  }
  return usage;
}
