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
ALTER TABLE "jira_metadata_cache" ADD COLUMN "other_statuses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jira_status_counts" ADD CONSTRAINT "jira_status_counts_connection_id_jira_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jira_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jira_status_counts" ADD CONSTRAINT "jira_status_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jira_status_counts_org_idx" ON "jira_status_counts" USING btree ("organization_id");