CREATE TABLE "bot_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"bot_id" bigint NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runtime_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "payload" jsonb;--> statement-breakpoint
CREATE INDEX "processed_updates_open_idx" ON "processed_updates" USING btree ("bot_id","update_id") WHERE status in ('received', 'processing', 'failed');