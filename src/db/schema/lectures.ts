import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { eventSignups, events } from "./events.js";
import { users } from "./users.js";
import type { Translated } from "../../translated.js";

/**
 * Lectures at the citizens' school (市民学校), built on the events core: a lecture is an event
 * (audience everyone, one audience slot with the seats, if any) plus the row here with what only
 * a lecture has. Its lecture-duty helpers sign up for a duty event of the core linked from it.
 */

/** What lectures are about (法律, 交通安全…), kept by admins in both languages. */
export const lectureTopics = pgTable(
  "lecture_topics",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    /** Locale → name (see pickTranslation); one live topic per Chinese name. */
    name: jsonb("name").$type<Translated>().notNull(),
    position: integer("position").notNull().default(0),
    /** Removed topics stay for the lectures that had them; nobody subscribes to them any more. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("lecture_topics_live_name_idx").on(t.communityId, sql`(${t.name}->>'zh-CN')`).where(sql`removed_at is null`)],
);

/** A resident subscribed to one topic's announcements. */
export const lectureSubscriptions = pgTable(
  "lecture_subscriptions",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => lectureTopics.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index("lecture_subscriptions_topic_idx").on(t.topicId)],
);

/**
 * A resident's choice about lecture announcements in a community: every lecture, and whether
 * they were asked once after /start (opt-in only: nobody gets announcements without saying so).
 */
export const lecturePreferences = pgTable(
  "lecture_preferences",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    allTopics: boolean("all_topics").notNull().default(false),
    askedAt: timestamp("asked_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.communityId] }), index("lecture_preferences_all_idx").on(t.communityId).where(sql`all_topics`)],
);

export const lectures = pgTable(
  "lectures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The core's event: times, place, the audience slot with its seats, sign-ups, reminders. */
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    topicId: integer("topic_id").references(() => lectureTopics.id, { onDelete: "set null" }),
    speaker: text("speaker").notNull(),
    /** Telegram's file id of the poster photo. */
    posterFileId: text("poster_file_id"),
    /** Open lectures need no registration: people come, helpers count them as walk-ins. */
    registrationRequired: boolean("registration_required").notNull().default(true),
    /** The core's lecture-duty event for the volunteers who help at the door. */
    dutyEventId: bigint("duty_event_id", { mode: "number" }).references(() => events.id, { onDelete: "set null" }),
    /** People let in without a registration, counted by the helpers at the door. */
    walkIns: integer("walk_ins").notNull().default(0),
    announcedAt: timestamp("announced_at", { withTimezone: true }),
    feedbackAskedAt: timestamp("feedback_asked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("lectures_event_idx").on(t.eventId), index("lectures_community_idx").on(t.communityId)],
);

/** A registration's code, shown at the door: short, unambiguous, unique within its lecture. */
export const lectureRegistrations = pgTable(
  "lecture_registrations",
  {
    signupId: bigint("signup_id", { mode: "number" })
      .primaryKey()
      .references(() => eventSignups.id, { onDelete: "cascade" }),
    lectureId: bigint("lecture_id", { mode: "number" })
      .notNull()
      .references(() => lectures.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("lecture_registrations_code_idx").on(t.lectureId, t.code)],
);

/** "Interested" pressed under an announcement: counted for staff, nothing promised. */
export const lectureInterests = pgTable(
  "lecture_interests",
  {
    lectureId: bigint("lecture_id", { mode: "number" })
      .notNull()
      .references(() => lectures.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lectureId, t.userId] })],
);

/** An attendee's rating (1–5) and comment after the lecture. */
export const lectureFeedback = pgTable(
  "lecture_feedback",
  {
    lectureId: bigint("lecture_id", { mode: "number" })
      .notNull()
      .references(() => lectures.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lectureId, t.userId] }), check("lecture_feedback_rating_range", sql`${t.rating} between 1 and 5`)],
);

export type LectureTopic = typeof lectureTopics.$inferSelect;
export type Lecture = typeof lectures.$inferSelect;
