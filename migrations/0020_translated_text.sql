-- Translated text in one shape: locale → text in one jsonb column instead of a column per language.
-- The new columns are added nullable, filled from the old ones, then made NOT NULL, so existing rows keep their names.
DROP INDEX "lecture_topics_live_name_idx";--> statement-breakpoint
ALTER TABLE "report_categories" ADD COLUMN "name" jsonb;--> statement-breakpoint
ALTER TABLE "response_templates" ADD COLUMN "text" jsonb;--> statement-breakpoint
ALTER TABLE "lecture_topics" ADD COLUMN "name" jsonb;--> statement-breakpoint
UPDATE "report_categories" SET "name" = jsonb_build_object('zh-CN', "name_zh", 'en', "name_en");--> statement-breakpoint
UPDATE "response_templates" SET "text" = jsonb_build_object('zh-CN', "text_zh", 'en', "text_en");--> statement-breakpoint
UPDATE "lecture_topics" SET "name" = jsonb_build_object('zh-CN', "name_zh", 'en', "name_en");--> statement-breakpoint
-- Stored daily reports copied each category's names in as nameZh/nameEn: give them the same shape, in the same order.
UPDATE "daily_records" SET "figures" = jsonb_set("figures", '{byCategory}', coalesce((
  SELECT jsonb_agg((c.value - 'nameZh' - 'nameEn') || jsonb_build_object('name', jsonb_build_object('zh-CN', c.value->'nameZh', 'en', c.value->'nameEn')) ORDER BY c.position)
  FROM jsonb_array_elements("figures"->'byCategory') WITH ORDINALITY AS c(value, position)
), '[]'::jsonb))
WHERE jsonb_typeof("figures"->'byCategory') = 'array';--> statement-breakpoint
ALTER TABLE "report_categories" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "response_templates" ALTER COLUMN "text" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "lecture_topics" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lecture_topics_live_name_idx" ON "lecture_topics" USING btree ("community_id",("name"->>'zh-CN')) WHERE removed_at is null;--> statement-breakpoint
ALTER TABLE "report_categories" DROP COLUMN "name_zh";--> statement-breakpoint
ALTER TABLE "report_categories" DROP COLUMN "name_en";--> statement-breakpoint
ALTER TABLE "response_templates" DROP COLUMN "text_zh";--> statement-breakpoint
ALTER TABLE "response_templates" DROP COLUMN "text_en";--> statement-breakpoint
ALTER TABLE "lecture_topics" DROP COLUMN "name_zh";--> statement-breakpoint
ALTER TABLE "lecture_topics" DROP COLUMN "name_en";
