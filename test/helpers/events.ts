import type { Database } from "../../src/db/client.js";
import { createEvent, type NewEvent } from "../../src/features/events/service.js";

/** A drum-team rehearsal of one slot (鼓手) with these seats, `startsAt` to two hours later. */
export async function createRehearsal(
  db: Database,
  base: { communityId: number; startsAt: Date; at: Date },
  seats: number | null,
  extra: Partial<NewEvent> = {},
): Promise<{ eventId: number; slotId: number }> {
  const created = await createEvent(
    db,
    {
      communityId: base.communityId,
      kind: "rehearsal",
      title: "腰鼓队排练",
      startsAt: base.startsAt,
      endsAt: new Date(base.startsAt.getTime() + 2 * 3600_000),
      createdBy: null,
      slots: [{ name: "鼓手", capacity: seats }],
      ...extra,
    },
    base.at,
  );
  if (!created.ok) throw new Error(created.reason);
  return { eventId: created.eventId, slotId: created.slotIds[0]! };
}
