import { sql } from "drizzle-orm";
import { bigint, bigserial, check, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { lectures } from "./lectures.js";
import { users } from "./users.js";

/**
 * What staff forward to the bot after a lecture (the slides as a PDF, photos of the day): kept
 * by Telegram's file id, sent on to the attendees (and, when staff choose, the topic's
 * subscribers), and listed under the past lecture in /lectures.
 */
export const lectureMaterials = pgTable(
  "lecture_materials",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    lectureId: bigint("lecture_id", { mode: "number" })
      .notNull()
      .references(() => lectures.id, { onDelete: "cascade" }),
    /** A document (PDF, slides) or a photo, as Telegram sends them again by file id. */
    kind: text("kind").$type<"document" | "photo">().notNull(),
    fileId: text("file_id").notNull(),
    /** Telegram's unique id of the file: the same file forwarded twice is kept once. */
    fileUniqueId: text("file_unique_id").notNull(),
    fileName: text("file_name"),
    addedBy: bigint("added_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
    /** When it went out to the attendees (null: kept, not sent yet). */
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("lecture_materials_file_idx").on(t.lectureId, t.fileUniqueId), check("lecture_materials_kind", sql`${t.kind} in ('document', 'photo')`)],
);

export type LectureMaterial = typeof lectureMaterials.$inferSelect;
