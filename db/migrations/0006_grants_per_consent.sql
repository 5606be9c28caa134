DROP INDEX "jira_grants_account_uq";--> statement-breakpoint
ALTER TABLE "jira_grants" ADD COLUMN "cloud_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "jira_grants_account_idx" ON "jira_grants" USING btree ("organization_id","client_id","atlassian_account_id");