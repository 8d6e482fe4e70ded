import { and, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups } from "../../db/schema/index.js";
import { metersBetween, type GeoPoint } from "../reports/geo.js";
import { CHECK_IN_OPENS_MS } from "./attendance.js";
import { nextSignupStatus } from "./signup-lifecycle.js";

/** How near the event's place a shared location checks in, when the deployment does not say. */
export const DEFAULT_CHECK_IN_RADIUS_METERS = 200;

/** Sign-ups a location may check in (or find already in): a seat held, not a waitlist place. */
const seated = ["confirmed", "no_show", "attended"] as const;

export type LocationCheckIn =
  | { ok: true; eventId: number; title: string; alreadyIn: boolean; meters: number }
  /** Not near enough: how far, and how near they must be. */
  | { ok: false; reason: "too-far"; title: string; meters: number; radius: number }
  /** Their event today is not in its check-in window: when it opens, or that it is over. */
  | { ok: false; reason: "too-early"; title: string; opensAt: Date }
  | { ok: false; reason: "over"; title: string }
  /** Their event has no location on record: only the code will do. */
  | { ok: false; reason: "no-place"; title: string }
  /** No seat at any event within a day of now: the location is not about check-in at all. */
  | { ok: false; reason: "none" };

/**
 * A volunteer shares where they are: if they hold a seat at an event whose check-in window is
 * open (30 minutes before the start to the end) and they are within `radius` metres of its
 * place, they are checked in through the sign-up state machine, as with the code. Too far, too
 * early, over, or an event without a location, are told as such; a person with no event within
 * a day gets "none", so the location can mean something else to the rest of the bot.
 */
export async function checkInByLocation(db: Database, input: { userId: number; at: Date; position: GeoPoint; radiusMeters: number }): Promise<LocationCheckIn> {
  const dayMs = 24 * 3600_000;
  const mine = await db
    .select({ signup: eventSignups, event: events })
    .from(eventSignups)
    .innerJoin(events, eq(events.id, eventSignups.eventId))
    .where(
      and(
        eq(eventSignups.userId, input.userId),
        inArray(eventSignups.status, [...seated]),
        ne(events.status, "cancelled"),
        lte(events.startsAt, new Date(input.at.getTime() + dayMs)),
        gte(events.endsAt, new Date(input.at.getTime() - dayMs)),
      ),
    );
  if (mine.length === 0) return { ok: false, reason: "none" };
  const opensAt = (e: { startsAt: Date }) => new Date(e.startsAt.getTime() - CHECK_IN_OPENS_MS);
  const open = mine.filter((m) => opensAt(m.event) <= input.at && input.at <= m.event.endsAt);
  if (open.length === 0) {
    // The one nearest in time: the next to open, else the last to end.
    const coming = mine.filter((m) => opensAt(m.event) > input.at).sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime())[0];
    if (coming) return { ok: false, reason: "too-early", title: coming.event.title, opensAt: opensAt(coming.event) };
    const last = mine.sort((a, b) => b.event.endsAt.getTime() - a.event.endsAt.getTime())[0]!;
    return { ok: false, reason: "over", title: last.event.title };
  }
  const placed = open.filter((m) => m.event.latitude !== null && m.event.longitude !== null);
  if (placed.length === 0) return { ok: false, reason: "no-place", title: open[0]!.event.title };
  const nearest = placed
    .map((m) => ({ ...m, meters: metersBetween(input.position, { latitude: m.event.latitude!, longitude: m.event.longitude! }) }))
    .sort((a, b) => a.meters - b.meters)[0]!;
  const meters = Math.round(nearest.meters);
  if (nearest.meters > input.radiusMeters) return { ok: false, reason: "too-far", title: nearest.event.title, meters, radius: input.radiusMeters };
  return db.transaction(async (tx) => {
    const [signup] = await tx.select().from(eventSignups).where(eq(eventSignups.id, nearest.signup.id)).for("update");
    if (!signup || !(seated as readonly string[]).includes(signup.status)) return { ok: false, reason: "none" } as const;
    if (signup.status === "attended") return { ok: true, eventId: nearest.event.id, title: nearest.event.title, alreadyIn: true, meters } as const;
    const status = nextSignupStatus(signup.status, "checkIn");
    await tx.update(eventSignups).set({ status, checkedInAt: input.at, updatedAt: input.at }).where(eq(eventSignups.id, signup.id));
    return { ok: true, eventId: nearest.event.id, title: nearest.event.title, alreadyIn: false, meters } as const;
  });
}
