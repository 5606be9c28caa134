CREATE TABLE "jira_connection_checks" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"connection_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jira_grants" ADD COLUMN "keep_alive_attempted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jira_metadata_cache" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jira_connection_checks" ADD CONSTRAINT "jira_connection_checks_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_connection_checks" ADD CONSTRAINT "jira_connection_checks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_metadata_cache" DROP COLUMN "refreshing_since";