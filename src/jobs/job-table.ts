import { boolean, integer, jsonb, pgSchema, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { JOB_SCHEMA } from "./connection.js";

/**
 * pg-boss's job table, for reading jobs with drizzle (tests, a look at the queue). pg-boss owns,
 * writes and migrates it (its SQL surface is documented); kept out of src/db/schema so drizzle-kit
 * does not try to create it. Only the columns we read.
 */
export const jobs = pgSchema(JOB_SCHEMA).table("job", {
  id: uuid("id").notNull(),
  name: text("name").notNull(),
  data: jsonb("data"),
  /** created, retry, active, completed, cancelled, failed */
  state: text("state").notNull(),
  retryCount: integer("retry_count").notNull(),
  retryLimit: integer("retry_limit").notNull(),
  singletonKey: text("singleton_key"),
  startAfter: timestamp("start_after", { withTimezone: true }).notNull(),
  startedOn: timestamp("started_on", { withTimezone: true }),
  completedOn: timestamp("completed_on", { withTimezone: true }),
  heartbeatOn: timestamp("heartbeat_on", { withTimezone: true }),
  heartbeatSeconds: integer("heartbeat_seconds"),
  expireSeconds: integer("expire_seconds").notNull(),
  deletionSeconds: integer("deletion_seconds").notNull(),
  createdOn: timestamp("created_on", { withTimezone: true }).notNull(),
  output: jsonb("output"),
  blocked: boolean("blocked").notNull(),
});

export type Job = typeof jobs.$inferSelect;
