CREATE TABLE "outbox_chat_pace" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"user_id" bigint,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text,
	"topic" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_pace" (
	"bot_id" bigint PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox_messages" USING btree ("priority","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_chat_open_idx" ON "outbox_messages" USING btree ("chat_id","id") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_sending_idx" ON "outbox_messages" USING btree ("lease_until") WHERE status = 'sending';--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_idx" ON "outbox_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_topic_idx" ON "outbox_messages" USING btree ("topic") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_finished_idx" ON "outbox_messages" USING btree ("sent_at");