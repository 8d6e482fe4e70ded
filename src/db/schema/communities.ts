import { bigint, boolean, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { DEFAULT_TIMEZONE } from "../../time.js";

/**
 * A residential community (社区). One deployment may serve several (a street office runs one
 * bot for all its communities); every resident, staff member and record belongs to one.
 */
export const communities = pgTable("communities", {
  id: serial("id").primaryKey(),
  /** Stable handle used by config and seed files; the default community is "default". */
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** IANA zone; daily reports, deadlines and quiet hours are computed in it. */
  timezone: text("timezone").notNull().default(DEFAULT_TIMEZONE),
  /** The Telegram group where staff see and act on new reports (/bindgroup). */
  staffGroupChatId: bigint("staff_group_chat_id", { mode: "number" }).unique(),
  /** New reports in an area go straight to the area's responsible inspector. */
  autoAssign: boolean("auto_assign").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Community = typeof communities.$inferSelect;
