import { and, asc, desc, eq, gt, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, teams, type Event } from "../../db/schema/index.js";

export interface EventLine {
  event: Event;
  /** The team an event is for (team-only events), by name. */
  teamName: string | null;
  /** All slots' seats together; null when any slot takes as many as come. */
  capacity: number | null;
  /** Seats held (confirmed, offered, came or marked absent), people waiting, who came, who did not. */
  taken: number;
  waiting: number;
  attended: number;
  noShows: number;
}

/** Events of one page of a staff listing. */
export const EVENT_PAGE_SIZE = 30;

const count = (statuses: string) =>
  sql<number>`(select count(*)::int from ${eventSignups} s where s.event_id = ${events.id} and s.status in (${sql.raw(statuses)}))`.mapWith(Number);

/**
 * The community's events for staff, lectures' audiences left out (lectures have their own
 * list; their door duty stays): coming ones (not over yet) soonest first, or past ones latest
 * first, team-only and cancelled ones included, with their seats and sign-ups. `page` counts from 0.
 */
export async function staffEventList(
  db: Database,
  input: { communityId: number; at: Date; when: "coming" | "past"; page?: number; size?: number },
): Promise<{ lines: EventLine[]; more: boolean }> {
  const size = input.size ?? EVENT_PAGE_SIZE;
  const coming = input.when === "coming";
  const where: SQL[] = [
    eq(events.communityId, input.communityId),
    ne(events.kind, "lecture"),
    coming ? gt(events.endsAt, input.at) : lte(events.endsAt, input.at),
  ];
  const rows = await db
    .select({
      event: events,
      teamName: teams.name,
      capacity: sql<
        number | null
      >`(select case when bool_or(sl.capacity is null) then null else sum(sl.capacity)::int end from ${eventSlots} sl where sl.event_id = ${events.id})`,
      taken: count("'confirmed', 'offered', 'attended', 'no_show'"),
      waiting: count("'waitlisted'"),
      attended: count("'attended'"),
      noShows: count("'no_show'"),
    })
    .from(events)
    .leftJoin(teams, eq(teams.id, events.teamId))
    .where(and(...where))
    .orderBy(...(coming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(size + 1)
    .offset((input.page ?? 0) * size);
  return {
    lines: rows.slice(0, size).map((r) => ({ ...r, capacity: r.capacity === null ? null : Number(r.capacity) })),
    more: rows.length > size,
  };
}
