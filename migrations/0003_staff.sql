CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer,
	"actor_id" bigint,
	"action" text NOT NULL,
	"subject" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"token" text PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_by" bigint,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_cards" (
	"report_id" integer NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" integer NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "report_cards_report_chat" UNIQUE("report_id","chat_id")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "staff_group_chat_id" bigint;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "auto_assign" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cards" ADD CONSTRAINT "report_cards_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_community_at_idx" ON "audit_log" USING btree ("community_id","at");--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_staff_group_chat_id_unique" UNIQUE("staff_group_chat_id");