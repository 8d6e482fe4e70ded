import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, users, volunteerProfiles, type Event, type SignupStatus } from "../../db/schema/index.js";
import { servedMinutes } from "./attendance.js";
import { findEvent } from "./roster-service.js";

export interface SheetRow {
  slot: string;
  /** As staff see people: first and last name, and the phone a volunteer gave. */
  name: string;
  phone: string | null;
  status: SignupStatus;
  /** Place in line while waitlisted. */
  position: number | null;
  signedUpAt: Date;
  checkedInAt: Date | null;
  /** Minutes counted for someone who came (credited, or from the times); null otherwise. */
  minutes: number | null;
  credited: boolean;
}

/**
 * An event's roster and attendance sheet: everyone signed up (cancelled sign-ups left out),
 * slot by slot in the slots' order, then in the order they signed up.
 */
export async function attendanceSheet(db: Database, eventId: number, communityId: number): Promise<{ event: Event; rows: SheetRow[] } | undefined> {
  const event = await findEvent(db, eventId, communityId);
  if (!event) return undefined;
  const rows = await queryRows<{
    slot: string;
    first_name: string | null;
    last_name: string | null;
    phone: string | null;
    status: SignupStatus;
    position: number | null;
    created_at: Date | string;
    checked_in_at: Date | string | null;
    minutes: number | null;
    credited: boolean;
  }>(
    db,
    sql`select sl.name as slot, u.first_name, u.last_name, v.phone, s.status, s.created_at, s.checked_in_at,
               case when s.status = 'waitlisted'
                    then (row_number() over (partition by s.slot_id, s.status = 'waitlisted' order by s.id))::int end as position,
               case when s.status = 'attended' then round(${servedMinutes})::int end as minutes,
               s.credited_minutes is not null as credited
        from ${eventSignups} s join ${events} e on e.id = s.event_id join ${eventSlots} sl on sl.id = s.slot_id
        join ${users} u on u.id = s.user_id left join ${volunteerProfiles} v on v.user_id = s.user_id
        where s.event_id = ${eventId} and s.status <> 'cancelled'
        order by sl.position, sl.id, s.id`,
  );
  return {
    event,
    rows: rows.map((r) => ({
      slot: r.slot,
      name: [r.first_name, r.last_name].filter(Boolean).join(" "),
      phone: r.phone,
      status: r.status,
      position: r.position === null ? null : Number(r.position),
      signedUpAt: new Date(r.created_at),
      checkedInAt: r.checked_in_at === null ? null : new Date(r.checked_in_at),
      minutes: r.minutes === null ? null : Number(r.minutes),
      credited: r.credited,
    })),
  };
}
