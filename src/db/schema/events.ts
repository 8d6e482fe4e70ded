import { sql } from "drizzle-orm";
import { bigint, bigserial, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { users } from "./users.js";

/**
 * The events core, one for volunteer duties (drum-team rehearsals, lecture duty, clean-up days)
 * and for lectures' audiences: an event with times and a place, role slots with seats, and
 * people's sign-ups to a slot.
 */
export const eventKinds = ["rehearsal", "performance", "lecture_duty", "cleanup", "lecture", "other"] as const;
export type EventKind = (typeof eventKinds)[number];

/** Who may sign up: every volunteer, one team's members, or everyone (a lecture's audience). */
export const eventAudiences = ["volunteers", "team", "everyone"] as const;

export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    kind: text("kind", { enum: eventKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    place: text("place"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** No sign-ups after this (the start when absent). */
    signupDeadline: timestamp("signup_deadline", { withTimezone: true }),
    audience: text("audience", { enum: eventAudiences }).notNull().default("volunteers"),
    teamId: bigint("team_id", { mode: "number" }),
    /** Weekly rehearsals share a series: each occurrence is its own event. */
    seriesId: bigint("series_id", { mode: "number" }),
    status: text("status", { enum: ["scheduled", "cancelled"] })
      .notNull()
      .default("scheduled"),
    /** What the organiser shows at the door (typed, or in a check-in link's QR code). */
    checkInCode: text("check_in_code").notNull(),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("events_community_start_idx").on(t.communityId, t.startsAt), uniqueIndex("events_check_in_code_idx").on(t.checkInCode)],
);

/** A role at an event with its seats (签到 2, 引导 3, 鼓手 12); no capacity: as many as come. */
export const eventSlots = pgTable(
  "event_slots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    capacity: integer("capacity"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("event_slots_event_idx").on(t.eventId)],
);

/** See src/features/events/signup-lifecycle.ts for how a sign-up moves between these. */
export const signupStatuses = ["confirmed", "waitlisted", "offered", "cancelled", "attended", "no_show"] as const;
export type SignupStatus = (typeof signupStatuses)[number];

export const eventSignups = pgTable(
  "event_signups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    slotId: bigint("slot_id", { mode: "number" })
      .notNull()
      .references(() => eventSlots.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: signupStatuses }).notNull(),
    /** A waitlisted person offered a freed seat must take it before this. */
    offeredUntil: timestamp("offered_until", { withTimezone: true }),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    /** Minutes credited when staff adjusted them (with a reason, audited); null: from the times. */
    creditedMinutes: integer("credited_minutes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One live sign-up per person per event; a cancelled one may be followed by a new one.
    uniqueIndex("event_signups_live_idx").on(t.eventId, t.userId).where(sql`status in ('confirmed', 'waitlisted', 'offered', 'attended', 'no_show')`),
    index("event_signups_slot_idx").on(t.slotId, t.status, t.id),
    index("event_signups_offer_idx").on(t.offeredUntil).where(sql`status = 'offered'`),
  ],
);

export type Event = typeof events.$inferSelect;
export type EventSlot = typeof eventSlots.$inferSelect;
export type EventSignup = typeof eventSignups.$inferSelect;
