-- Extensions the generated migrations rely on; drizzle-kit cannot emit CREATE EXTENSION.
-- Applied by db/migrate.ts before the drizzle migrations, every time (idempotent).
-- pg_trgm: trigram GIN indexes for the Tickets page's search by key or summary (jira_tickets).
-- A trusted extension since PostgreSQL 13: the database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
