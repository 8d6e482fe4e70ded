import { eq } from "drizzle-orm";
import { createEvent as icsEvent } from "ics";
import type { Database } from "../../db/client.js";
import { events } from "../../db/schema/index.js";

/**
 * An event as an iCalendar file (RFC 5545, written by the ics library) for the person's own
 * calendar app: times in UTC, so every app shows them in its own zone; one stable UID per event,
 * so importing it again after a change updates the entry rather than adding another.
 */
export async function calendarFile(db: Database, eventId: number): Promise<{ filename: string; content: string } | undefined> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) return undefined;
  const { error, value } = icsEvent({
    uid: `event-${event.id}@community-bot`,
    productId: "community-bot",
    title: event.title,
    ...(event.place ? { location: event.place } : {}),
    ...(event.description ? { description: event.description } : {}),
    ...(event.latitude !== null && event.longitude !== null ? { geo: { lat: event.latitude, lon: event.longitude } } : {}),
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
  });
  if (error || !value) return undefined;
  return { filename: `event-${event.id}.ics`, content: value };
}
