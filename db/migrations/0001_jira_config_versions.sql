CREATE TABLE "jira_config_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"project_filter" jsonb NOT NULL,
	"status_mapping" jsonb NOT NULL,
	"priority_mapping" jsonb NOT NULL,
	"project_overrides" jsonb NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jira_metadata_cache" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"projects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"statuses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priorities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fetched_at" timestamp with time zone,
	"stats" jsonb,
	"refreshing_since" timestamp with time zone,
	"last_error" jsonb
);
--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "project_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "config_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_config_versions" ADD CONSTRAINT "jira_config_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_config_versions" ADD CONSTRAINT "jira_config_versions_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_config_versions" ADD CONSTRAINT "jira_config_versions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_metadata_cache" ADD CONSTRAINT "jira_metadata_cache_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_metadata_cache" ADD CONSTRAINT "jira_metadata_cache_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jira_config_versions_connection_version_uq" ON "jira_config_versions" USING btree ("connection_id","version");--> statement-breakpoint
CREATE INDEX "jira_config_versions_org_idx" ON "jira_config_versions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "jira_metadata_cache_org_idx" ON "jira_metadata_cache" USING btree ("organization_id");