ALTER TYPE "public"."jira_connection_status" ADD VALUE 'pending_authorization';--> statement-breakpoint
CREATE TABLE "jira_oauth_apps" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_ciphertext" text NOT NULL,
	"last_verification_result" text,
	"last_verified_at" timestamp with time zone,
	"confirmed_steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jira_api_usage" (
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"throttled" integer DEFAULT 0 NOT NULL,
	"upstream_failures" integer DEFAULT 0 NOT NULL,
	"scope_mismatches" integer DEFAULT 0 NOT NULL,
	"last_throttled_at" timestamp with time zone,
	"last_rate_limit_reason" text,
	"last_rate_limit_reset" text,
	"last_retry_after_secs" integer,
	"last_scope_mismatch_at" timestamp with time zone,
	"last_scope_mismatch_operation" text,
	CONSTRAINT "jira_api_usage_connection_id_hour_pk" PRIMARY KEY("connection_id","hour")
);
--> statement-breakpoint
CREATE TABLE "jira_diagnostic_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"triggered_by_user_id" uuid,
	"outcome" text NOT NULL,
	"results" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "jira_authorize_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"created_by_api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "jira_connections" ALTER COLUMN "cloud_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ALTER COLUMN "site_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ALTER COLUMN "site_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "created_via" text DEFAULT 'console' NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "refresh_interval_secs" integer DEFAULT 21600 NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "timeout_secs" integer DEFAULT 1800 NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "requested_mappings" jsonb;--> statement-breakpoint
ALTER TABLE "jira_connections" ADD COLUMN "unresolved_names" jsonb;--> statement-breakpoint
ALTER TABLE "jira_oauth_states" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "jira_pending_authorizations" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "jira_oauth_apps" ADD CONSTRAINT "jira_oauth_apps_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_oauth_apps" ADD CONSTRAINT "jira_oauth_apps_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_api_usage" ADD CONSTRAINT "jira_api_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_api_usage" ADD CONSTRAINT "jira_api_usage_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_diagnostic_runs" ADD CONSTRAINT "jira_diagnostic_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_diagnostic_runs" ADD CONSTRAINT "jira_diagnostic_runs_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_diagnostic_runs" ADD CONSTRAINT "jira_diagnostic_runs_triggered_by_user_id_users_id_fk" FOREIGN KEY ("triggered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_authorize_links" ADD CONSTRAINT "jira_authorize_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_authorize_links" ADD CONSTRAINT "jira_authorize_links_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_authorize_links" ADD CONSTRAINT "jira_authorize_links_created_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("created_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jira_diagnostic_runs_connection_idx" ON "jira_diagnostic_runs" USING btree ("organization_id","connection_id","started_at");--> statement-breakpoint
CREATE INDEX "api_keys_org_idx" ON "api_keys" USING btree ("organization_id");