CREATE TABLE "lecture_feedback" (
	"lecture_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lecture_feedback_lecture_id_user_id_pk" PRIMARY KEY("lecture_id","user_id"),
	CONSTRAINT "lecture_feedback_rating_range" CHECK ("lecture_feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "lecture_interests" (
	"lecture_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lecture_interests_lecture_id_user_id_pk" PRIMARY KEY("lecture_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lecture_preferences" (
	"user_id" bigint NOT NULL,
	"community_id" integer NOT NULL,
	"all_topics" boolean DEFAULT false NOT NULL,
	"asked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lecture_preferences_user_id_community_id_pk" PRIMARY KEY("user_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "lecture_registrations" (
	"signup_id" bigint PRIMARY KEY NOT NULL,
	"lecture_id" bigint NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lecture_subscriptions" (
	"user_id" bigint NOT NULL,
	"topic_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lecture_subscriptions_user_id_topic_id_pk" PRIMARY KEY("user_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "lecture_topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lectures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"community_id" integer NOT NULL,
	"topic_id" integer,
	"speaker" text NOT NULL,
	"poster_file_id" text,
	"registration_required" boolean DEFAULT true NOT NULL,
	"duty_event_id" bigint,
	"walk_ins" integer DEFAULT 0 NOT NULL,
	"announced_at" timestamp with time zone,
	"feedback_asked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lecture_feedback" ADD CONSTRAINT "lecture_feedback_lecture_id_lectures_id_fk" FOREIGN KEY ("lecture_id") REFERENCES "public"."lectures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_feedback" ADD CONSTRAINT "lecture_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_interests" ADD CONSTRAINT "lecture_interests_lecture_id_lectures_id_fk" FOREIGN KEY ("lecture_id") REFERENCES "public"."lectures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_interests" ADD CONSTRAINT "lecture_interests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_preferences" ADD CONSTRAINT "lecture_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_preferences" ADD CONSTRAINT "lecture_preferences_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_registrations" ADD CONSTRAINT "lecture_registrations_signup_id_event_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."event_signups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_registrations" ADD CONSTRAINT "lecture_registrations_lecture_id_lectures_id_fk" FOREIGN KEY ("lecture_id") REFERENCES "public"."lectures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_subscriptions" ADD CONSTRAINT "lecture_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_subscriptions" ADD CONSTRAINT "lecture_subscriptions_topic_id_lecture_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."lecture_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_topics" ADD CONSTRAINT "lecture_topics_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lectures" ADD CONSTRAINT "lectures_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lectures" ADD CONSTRAINT "lectures_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lectures" ADD CONSTRAINT "lectures_topic_id_lecture_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."lecture_topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lectures" ADD CONSTRAINT "lectures_duty_event_id_events_id_fk" FOREIGN KEY ("duty_event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lecture_preferences_all_idx" ON "lecture_preferences" USING btree ("community_id") WHERE all_topics;--> statement-breakpoint
CREATE UNIQUE INDEX "lecture_registrations_code_idx" ON "lecture_registrations" USING btree ("lecture_id","code");--> statement-breakpoint
CREATE INDEX "lecture_subscriptions_topic_idx" ON "lecture_subscriptions" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lecture_topics_live_name_idx" ON "lecture_topics" USING btree ("community_id","name_zh") WHERE removed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "lectures_event_idx" ON "lectures" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "lectures_community_idx" ON "lectures" USING btree ("community_id");