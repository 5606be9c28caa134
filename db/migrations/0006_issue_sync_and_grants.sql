CREATE TABLE "jira_status_counts" (
	"connection_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"status_id" text NOT NULL,
	"count" integer NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jira_status_counts_connection_id_scope_status_id_pk" PRIMARY KEY("connection_id","scope","status_id")
);
--> statement-breakpoint
CREATE TABLE "jira_sync_backfill_segments" (
	"connection_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"segment" integer NOT NULL,
	"jql" text NOT NULL,
	"next_page_token" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "jira_sync_backfill_segments_connection_id_segment_pk" PRIMARY KEY("connection_id","segment")
);
--> statement-breakpoint
CREATE TABLE "jira_sync_states" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"phase" text DEFAULT 'backfill' NOT NULL,
	"backfill_jql" text,
	"backfill_next_page_token" text,
	"backfill_done" integer DEFAULT 0 NOT NULL,
	"backfill_total_estimate" integer,
	"backfill_started_at" timestamp with time zone,
	"backfill_completed_at" timestamp with time zone,
	"synced_project_filter" jsonb,
	"incremental_cursor" timestamp with time zone,
	"jira_time_zone" text,
	"last_run_started_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"last_error_kind" text,
	"last_error_message" text,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jira_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"key" text NOT NULL,
	"project_id" text NOT NULL,
	"project_key" text NOT NULL,
	"title" text NOT NULL,
	"status_id" text NOT NULL,
	"status_name" text NOT NULL,
	"status_category" text NOT NULL,
	"priority_id" text,
	"priority_name" text,
	"issue_type_id" text NOT NULL,
	"issue_type_name" text NOT NULL,
	"standard_status" text DEFAULT 'UNKNOWN' NOT NULL,
	"standard_priority" text DEFAULT 'UNKNOWN' NOT NULL,
	"mapping_version" integer NOT NULL,
	"assignee_account_id" text,
	"assignee_name" text,
	"reporter_account_id" text,
	"reporter_name" text,
	"vendor_attributes" jsonb NOT NULL,
	"jira_created_at" timestamp with time zone NOT NULL,
	"jira_updated_at" timestamp with time zone NOT NULL,
	"in_scope" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone,
	"first_synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scheduler_heartbeats" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "scheduler_heartbeats" CASCADE;--> statement-breakpoint
DROP INDEX "jira_grants_account_uq";--> statement-breakpoint
ALTER TABLE "jira_connections" ALTER COLUMN "refresh_interval_secs" SET DEFAULT 900;--> statement-breakpoint
ALTER TABLE "jira_grants" ADD COLUMN "cloud_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_metadata_cache" ADD COLUMN "other_statuses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_status_counts" ADD CONSTRAINT "jira_status_counts_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_status_counts" ADD CONSTRAINT "jira_status_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_sync_backfill_segments" ADD CONSTRAINT "jira_sync_backfill_segments_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_sync_backfill_segments" ADD CONSTRAINT "jira_sync_backfill_segments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_sync_states" ADD CONSTRAINT "jira_sync_states_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_sync_states" ADD CONSTRAINT "jira_sync_states_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_tickets" ADD CONSTRAINT "jira_tickets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_tickets" ADD CONSTRAINT "jira_tickets_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jira_status_counts_org_idx" ON "jira_status_counts" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jira_tickets_connection_external_uq" ON "jira_tickets" USING btree ("connection_id","external_id");--> statement-breakpoint
CREATE INDEX "jira_tickets_org_updated_idx" ON "jira_tickets" USING btree ("organization_id","jira_updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "jira_tickets_connection_status_idx" ON "jira_tickets" USING btree ("connection_id","status_id");--> statement-breakpoint
CREATE INDEX "jira_tickets_connection_priority_idx" ON "jira_tickets" USING btree ("connection_id","priority_id");--> statement-breakpoint
CREATE INDEX "jira_tickets_connection_project_idx" ON "jira_tickets" USING btree ("connection_id","project_key");--> statement-breakpoint
CREATE INDEX "jira_tickets_org_key_idx" ON "jira_tickets" USING btree ("organization_id","key");--> statement-breakpoint
CREATE INDEX "jira_tickets_title_trgm_idx" ON "jira_tickets" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "jira_tickets_key_trgm_idx" ON "jira_tickets" USING gin ("key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "jira_tickets_current_status_idx" ON "jira_tickets" USING btree ("organization_id","standard_status","jira_updated_at" DESC NULLS LAST,"id") WHERE "jira_tickets"."deleted_at" is null and "jira_tickets"."in_scope";--> statement-breakpoint
CREATE INDEX "jira_tickets_current_priority_idx" ON "jira_tickets" USING btree ("organization_id","standard_priority","jira_updated_at" DESC NULLS LAST,"id") WHERE "jira_tickets"."deleted_at" is null and "jira_tickets"."in_scope";--> statement-breakpoint
CREATE INDEX "jira_grants_account_idx" ON "jira_grants" USING btree ("organization_id","client_id","atlassian_account_id");