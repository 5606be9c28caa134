-- Room on every page of jira_tickets for a second version of each row: a re-normalization after a mapping save
-- rewrites every ticket of a connection, and only columns no index covers (standard_status, standard_priority,
-- mapping_version), so with free space on the page PostgreSQL updates each row in place (a HOT update) without
-- touching the table's eight indexes. Measured in scripts/bench/sync.ts. drizzle-kit cannot emit storage
-- parameters; applied by db/migrate.ts after the generated migrations, on every start (idempotent).
ALTER TABLE jira_tickets SET (fillfactor = 50);
