CREATE INDEX "reports_deadline_all_idx" ON "reports" USING btree ("community_id","deadline_at","id");--> statement-breakpoint
CREATE INDEX "reports_area_created_idx" ON "reports" USING btree ("community_id","area_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_assignee_created_idx" ON "reports" USING btree ("community_id","assignee_id","created_at");