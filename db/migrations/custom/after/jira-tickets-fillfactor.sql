-- Room on every page of jira_tickets for a second version of each row: a re-normalization after a mapping save
-- rewrites every ticket of a connection. A row whose standard values stay the same (only mapping_version moves,
-- which no index covers) is then updated in place (a HOT update) without touching the table's ten indexes. A row
-- whose standard status or priority changes is not: the current-view indexes (jira_tickets_current_status_idx,
-- jira_tickets_current_priority_idx) cover them, so it gets new entries in every index, the two trigram GINs
-- included. Measured with EXPLAIN (ANALYZE, BUFFERS, WAL) at 100,000 rows: all HOT when only the version moves;
-- 66 % non-HOT (and about three times the time) when most rows' values change. drizzle-kit cannot emit storage
-- parameters; applied by db/migrate.ts after the generated migrations, on every start (idempotent).
ALTER TABLE jira_tickets SET (fillfactor = 50);
