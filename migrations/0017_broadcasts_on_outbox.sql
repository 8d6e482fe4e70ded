ALTER TABLE "broadcast_recipients" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "broadcast_recipients" CASCADE;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "bulk_id" integer;--> statement-breakpoint
CREATE INDEX "outbox_bulk_idx" ON "outbox_messages" USING btree ("bulk_id","status") WHERE bulk_id is not null;--> statement-breakpoint
ALTER TABLE "broadcasts" DROP COLUMN "resume_at";--> statement-breakpoint
ALTER TABLE "broadcasts" DROP COLUMN "locked_by";--> statement-breakpoint
ALTER TABLE "broadcasts" DROP COLUMN "locked_until";--> statement-breakpoint
ALTER TABLE "broadcasts" DROP COLUMN "epoch";