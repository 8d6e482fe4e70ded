CREATE INDEX "report_events_created_idx" ON "report_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "report_events_reopened_idx" ON "report_events" USING btree ("created_at","report_id") WHERE to_status = 'reopened';--> statement-breakpoint
CREATE INDEX "report_ratings_created_idx" ON "report_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("community_id","created_at","category_id","area_id","status","assignee_id","resolved_by","resolved_at","deadline_at","id");--> statement-breakpoint
CREATE INDEX "reports_open_created_idx" ON "reports" USING btree ("community_id","created_at","id") WHERE status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened');--> statement-breakpoint
CREATE INDEX "reports_open_deadline_idx" ON "reports" USING btree ("community_id","deadline_at","id") WHERE status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened');--> statement-breakpoint
CREATE INDEX "reports_patrol_idx" ON "reports" USING btree ("patrol_id") WHERE patrol_id is not null;