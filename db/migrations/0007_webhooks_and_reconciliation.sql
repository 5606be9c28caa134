CREATE TABLE "jira_reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"actor_user_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"in_jira" integer,
	"in_portico" integer,
	"missing" integer,
	"extra" integer,
	"examples" jsonb,
	"error_kind" text,
	"error_message" text
);
--> statement-breakpoint
CREATE TABLE "jira_webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_identifier" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"webhook_event" text NOT NULL,
	"issue_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	"payload" jsonb
);
--> statement-breakpoint
CREATE TABLE "jira_webhook_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"cloud_id" text NOT NULL,
	"jira_webhook_id" bigint NOT NULL,
	"events" text[] NOT NULL,
	"jql_filter" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jira_webhook_states" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'not_registered' NOT NULL,
	"status_reason" text,
	"last_attempt_at" timestamp with time zone,
	"last_delivery_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jira_reconciliation_runs" ADD CONSTRAINT "jira_reconciliation_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_reconciliation_runs" ADD CONSTRAINT "jira_reconciliation_runs_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_deliveries" ADD CONSTRAINT "jira_webhook_deliveries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_deliveries" ADD CONSTRAINT "jira_webhook_deliveries_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_registrations" ADD CONSTRAINT "jira_webhook_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_registrations" ADD CONSTRAINT "jira_webhook_registrations_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_states" ADD CONSTRAINT "jira_webhook_states_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_webhook_states" ADD CONSTRAINT "jira_webhook_states_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jira_reconciliation_runs_connection_started_idx" ON "jira_reconciliation_runs" USING btree ("connection_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "jira_webhook_deliveries_identifier_uq" ON "jira_webhook_deliveries" USING btree ("connection_id","delivery_identifier");--> statement-breakpoint
CREATE INDEX "jira_webhook_deliveries_connection_received_idx" ON "jira_webhook_deliveries" USING btree ("connection_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "jira_webhook_registrations_site_webhook_uq" ON "jira_webhook_registrations" USING btree ("cloud_id","jira_webhook_id");--> statement-breakpoint
CREATE INDEX "jira_webhook_registrations_connection_idx" ON "jira_webhook_registrations" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "jira_webhook_registrations_expires_idx" ON "jira_webhook_registrations" USING btree ("expires_at");