CREATE TABLE "broadcast_recipients" (
	"broadcast_id" integer NOT NULL,
	"user_id" bigint NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"message_id" integer,
	"reason" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "broadcast_recipients_broadcast_id_user_id_pk" PRIMARY KEY("broadcast_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"created_by" bigint,
	"audience" text NOT NULL,
	"audience_ref" integer,
	"kind" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"entities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_file_id" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"resume_at" timestamp with time zone,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"epoch" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"progress_chat_id" bigint,
	"progress_message_id" integer,
	"progress_locale" text,
	"client_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cancelled_by" bigint,
	CONSTRAINT "broadcasts_client_key_unique" UNIQUE("client_key")
);
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_recipients_open_idx" ON "broadcast_recipients" USING btree ("broadcast_id","user_id") WHERE state in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "broadcast_recipients_state_idx" ON "broadcast_recipients" USING btree ("broadcast_id","state");--> statement-breakpoint
CREATE INDEX "broadcasts_community_idx" ON "broadcasts" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "broadcasts_due_idx" ON "broadcasts" USING btree ("status","run_at");