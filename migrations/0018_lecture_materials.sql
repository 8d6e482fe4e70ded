CREATE TABLE "lecture_materials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lecture_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"file_id" text NOT NULL,
	"file_unique_id" text NOT NULL,
	"file_name" text,
	"added_by" bigint,
	"added_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "lecture_materials_kind" CHECK ("lecture_materials"."kind" in ('document', 'photo'))
);
--> statement-breakpoint
ALTER TABLE "lecture_materials" ADD CONSTRAINT "lecture_materials_lecture_id_lectures_id_fk" FOREIGN KEY ("lecture_id") REFERENCES "public"."lectures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_materials" ADD CONSTRAINT "lecture_materials_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lecture_materials_file_idx" ON "lecture_materials" USING btree ("lecture_id","file_unique_id");