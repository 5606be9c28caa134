import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * rate-limiter-flexible's store (RateLimiterDrizzle): one row per limited key, shared by every Portico
 * instance so N instances allow the limit once, not N times. The column names are the library's.
 * Keys carry a prefix per limiter (`sign_in_account:`, `api_key:`, …); expired rows are swept by the prune-expired-rows job.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: timestamp('expire', { withTimezone: true }),
});
