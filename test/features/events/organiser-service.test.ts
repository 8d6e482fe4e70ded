import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, eventSignups, outboxMessages, type SignupStatus } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { reminderKey, signupMessages } from "../../../src/features/events/messages.js";
import { organiserMessages } from "../../../src/features/events/organiser-messages.js";
import { cancelEvent, changeCapacity, rescheduleEvent } from "../../../src/features/events/organiser-service.js";
import { eventsToOrganise, markAttendance, rosterOf } from "../../../src/features/events/roster-service.js";
import { createEvent, seatsOf, type NewEvent } from "../../../src/features/events/service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createRehearsal } from "../../helpers/events.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";
import { ensureCommunity } from "../../../src/features/accounts/service.js";

let database: TestDatabase;
let home: number;
let other: number;
const T0 = new Date("2026-06-01T02:00:00Z"); // Monday 1 June, 10:00 in Shanghai
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);
const PEOPLE = Array.from({ length: 8 }, (_, i) => 51_000 + i);

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  other = (await ensureCommunity(database.db, { slug: "other", name: "Other", timezone: "Asia/Shanghai" })).id;
  for (const id of PEOPLE) {
    await recordUser(database.db, { id, firstName: `V${id}`, languageCode: "en" }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  }
});
afterAll(() => database.close());

const tellSignups = signupMessages(() => T0);
const tell = organiserMessages(() => T0);

const event = (seats: number | null, extra: Partial<NewEvent> = {}) =>
  createRehearsal(database.db, { communityId: home, startsAt: hours(48), at: T0 }, seats, extra);

async function join(slotId: number, people: readonly number[]): Promise<number[]> {
  const ids = [];
  for (const userId of people) {
    const r = await signUp(database.db, { slotId, userId, at: T0 }, tellSignups);
    if (!r.ok) throw new Error(r.reason);
    ids.push(r.signupId);
  }
  return ids;
}

const statuses = async (ids: number[]): Promise<SignupStatus[]> =>
  (await database.db.select({ status: eventSignups.status }).from(eventSignups).where(inArray(eventSignups.id, ids)).orderBy(asc(eventSignups.id))).map(
    (s) => s.status,
  );
const pending = (userId: number) =>
  database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.status, "pending")))
    .orderBy(asc(outboxMessages.id));

describe("a weekly series", () => {
  it("is one event a week at the same local time, each with its own code, named after the first", async () => {
    const created = await createEvent(
      database.db,
      {
        communityId: home,
        kind: "rehearsal",
        title: "排练",
        startsAt: hours(30),
        endsAt: hours(32),
        signupDeadline: hours(6),
        createdBy: null,
        slots: [],
        series: { weeks: 3, timezone: "Asia/Shanghai" },
      },
      T0,
    );
    if (!created.ok) throw new Error(created.reason);
    const saved = await database.db.select().from(events).where(inArray(events.id, created.eventIds)).orderBy(asc(events.startsAt));
    expect(saved.map((e) => [e.startsAt, e.endsAt, e.signupDeadline, e.seriesId])).toEqual(
      [0, 1, 2].map((week) => [hours(30 + 168 * week), hours(32 + 168 * week), hours(6 + 168 * week), created.eventId]),
    );
    expect(new Set(saved.map((e) => e.checkInCode)).size).toBe(3);
    for (const weeks of [0, 53, 1.5]) {
      expect(
        await createEvent(
          database.db,
          {
            communityId: home,
            kind: "rehearsal",
            title: "x",
            startsAt: hours(30),
            endsAt: hours(32),
            createdBy: null,
            slots: [],
            series: { weeks, timezone: "Asia/Shanghai" },
          },
          T0,
        ),
      ).toEqual({
        ok: false,
        reason: "bad-series",
      });
    }
  });
});

describe("the organiser marks people", () => {
  it("present and absent through the state machine, from check-in time on; a waitlisted person cannot be marked", async () => {
    const { eventId, slotId } = await event(2);
    const [a, b, c] = await join(slotId, PEOPLE.slice(0, 3));
    expect(await markAttendance(database.db, { signupId: a!, communityId: home, present: true, at: hours(47) })).toEqual({ ok: false, reason: "too-early" });
    const at = hours(47.6);
    expect(await markAttendance(database.db, { signupId: a!, communityId: home, present: true, at })).toEqual({
      ok: true,
      eventId,
      status: "attended",
      changed: true,
    });
    expect(await markAttendance(database.db, { signupId: a!, communityId: home, present: true, at })).toEqual({
      ok: true,
      eventId,
      status: "attended",
      changed: false,
    });
    expect(await markAttendance(database.db, { signupId: b!, communityId: home, present: false, at })).toMatchObject({ ok: true, status: "no_show" });
    expect(await markAttendance(database.db, { signupId: b!, communityId: home, present: true, at: hours(51) })).toMatchObject({
      ok: true,
      status: "attended",
    });
    expect(await markAttendance(database.db, { signupId: c!, communityId: home, present: true, at })).toEqual({ ok: false, reason: "illegal-move" });
    expect(await markAttendance(database.db, { signupId: a!, communityId: other, present: false, at })).toEqual({ ok: false, reason: "not-found" });
    expect(await statuses([a!, b!, c!])).toEqual(["attended", "attended", "waitlisted"]);
    const roster = await rosterOf(database.db, eventId, home);
    expect(roster!.slots[0]!.people.map((p) => [p.name, p.status, p.position])).toEqual([
      [`V${PEOPLE[0]}`, "attended", null],
      [`V${PEOPLE[1]}`, "attended", null],
      [`V${PEOPLE[2]}`, "waitlisted", 1],
    ]);
    expect(await rosterOf(database.db, eventId, other)).toBeUndefined();
  });
});

describe("seats", () => {
  it("cannot go below the people holding one (refused with their number, nothing changes); more seats are offered to the waitlist in order", async () => {
    const { eventId, slotId } = await event(2);
    const ids = await join(slotId, PEOPLE.slice(0, 5));
    expect(await changeCapacity(database.db, { slotId, communityId: home, capacity: 1, at: T0 }, undefined, tellSignups)).toEqual({
      ok: false,
      reason: "below-taken",
      taken: 2,
    });
    expect((await seatsOf(database.db, eventId))[0]).toMatchObject({ capacity: 2, taken: 2, waiting: 3 });
    expect(await changeCapacity(database.db, { slotId, communityId: other, capacity: 9, at: T0 })).toEqual({ ok: false, reason: "not-found" });
    expect(await changeCapacity(database.db, { slotId, communityId: home, capacity: 4, at: T0 }, undefined, tellSignups)).toEqual({
      ok: true,
      eventId,
      offered: 2,
    });
    expect(await statuses(ids)).toEqual(["confirmed", "confirmed", "offered", "offered", "waitlisted"]);
    expect((await pending(PEOPLE[2]!)).map((m) => (m.payload as { key: string }).key)).toEqual(["events-offer"]);
    expect(await changeCapacity(database.db, { slotId, communityId: home, capacity: null, at: T0 }, undefined, tellSignups)).toEqual({
      ok: true,
      eventId,
      offered: 1,
    });
    expect(await statuses(ids)).toEqual(["confirmed", "confirmed", "offered", "offered", "offered"]);
    expect(await changeCapacity(database.db, { slotId, communityId: home, capacity: 2, at: T0 })).toEqual({ ok: false, reason: "below-taken", taken: 5 });
    expect(await changeCapacity(database.db, { slotId, communityId: home, capacity: 9, at: hours(50) })).toEqual({ ok: false, reason: "over" });
  });
});

describe("a new time", () => {
  it("moves the reminders (and their text), drops one whose time has passed, writes one that was too late before, and tells everyone signed up", async () => {
    const { eventId, slotId } = await event(1, { startsAt: hours(20), endsAt: hours(22) });
    const [first, waiting] = await join(slotId, PEOPLE.slice(0, 2));
    // Signed up 20 h before: only the 2-hour reminder was written.
    const reminders = async () =>
      (await pending(PEOPLE[0]!))
        .filter((m) => m.dedupeKey?.startsWith(`reminder/${first}/`))
        .map((m) => [m.dedupeKey, m.runAt, (m.payload as { vars: { time: string } }).vars.time]);
    expect(await reminders()).toEqual([[reminderKey(first!, 2), hours(18), "2026-06-02 06:00"]]);

    expect(await rescheduleEvent(database.db, { eventId, communityId: home, startsAt: hours(-1), at: T0 }, tell)).toEqual({ ok: false, reason: "past" });
    expect(await rescheduleEvent(database.db, { eventId, communityId: home, startsAt: hours(20), at: T0 }, tell)).toEqual({ ok: false, reason: "unchanged" });
    expect(await rescheduleEvent(database.db, { eventId, communityId: other, startsAt: hours(40), at: T0 }, tell)).toEqual({ ok: false, reason: "not-found" });
    expect(await rescheduleEvent(database.db, { eventId, communityId: home, startsAt: hours(40), at: T0 }, tell)).toEqual({
      ok: true,
      startsAt: hours(40),
      endsAt: hours(42),
      told: 2,
      events: 1,
    });
    expect(await reminders()).toEqual([
      [reminderKey(first!, 2), hours(38), "2026-06-03 02:00"],
      [reminderKey(first!, 24), hours(16), "2026-06-03 02:00"],
    ]);
    for (const userId of PEOPLE.slice(0, 2)) {
      expect((await pending(userId)).find((m) => (m.payload as { key: string }).key === "events-moved-notice")?.payload).toEqual({
        key: "events-moved-notice",
        vars: { title: "腰鼓队排练", time: "2026-06-03 02:00", place: "—", end: "04:00", was: "2026-06-02 06:00" },
      });
    }
    // Nearer again: the 24-hour reminder's time has passed, so it goes; the 2-hour one moves.
    expect(await rescheduleEvent(database.db, { eventId, communityId: home, startsAt: hours(10), at: T0 }, tell)).toMatchObject({ ok: true, told: 2 });
    expect(await reminders()).toEqual([[reminderKey(first!, 2), hours(8), "2026-06-01 20:00"]]);
    expect(await statuses([first!, waiting!])).toEqual(["confirmed", "waitlisted"]);
    expect(await rescheduleEvent(database.db, { eventId, communityId: home, startsAt: hours(30), at: hours(10) }, tell)).toEqual({
      ok: false,
      reason: "started",
    });
  });
});

describe("cancelling an event", () => {
  it("cancels every sign-up still on through the state machine, drops their reminders and tells each person once", async () => {
    const { eventId, slotId } = await event(1);
    const ids = await join(slotId, PEOPLE.slice(0, 3));
    await changeCapacity(database.db, { slotId, communityId: home, capacity: 2, at: T0 }, undefined, tellSignups); // the second is offered a seat
    expect(await statuses(ids)).toEqual(["confirmed", "offered", "waitlisted"]);
    expect(await cancelEvent(database.db, { eventId, communityId: other, at: T0 }, tell)).toEqual({ ok: false, reason: "not-found" });
    expect(await cancelEvent(database.db, { eventId, communityId: home, at: T0 }, tell)).toEqual({ ok: true, told: 3 });
    expect(await statuses(ids)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const reminders = ids.flatMap((id) => [reminderKey(id, 24), reminderKey(id, 2)]);
    const written = await database.db.select().from(outboxMessages).where(inArray(outboxMessages.dedupeKey, reminders));
    expect(written.map((m) => m.status)).toEqual(["cancelled", "cancelled"]); // the confirmed seat's two
    for (const userId of PEOPLE.slice(0, 3)) {
      const notices = (await pending(userId)).filter((m) => m.dedupeKey === `event-cancelled/${eventId}/${userId}`);
      expect(notices.map((m) => m.payload)).toEqual([{ key: "events-cancelled-notice", vars: { title: "腰鼓队排练", time: "2026-06-03 10:00", place: "—" } }]);
    }
    expect(await cancelEvent(database.db, { eventId, communityId: home, at: T0 }, tell)).toEqual({ ok: false, reason: "already-cancelled" });
    expect(await signUp(database.db, { slotId, userId: PEOPLE[5]!, at: T0 })).toEqual({ ok: false, reason: "event-cancelled" });
    expect((await eventsToOrganise(database.db, { communityId: home, at: T0, timezone: "Asia/Shanghai" })).map((e) => e.id)).not.toContain(eventId);
  });

  it("an event that is over cannot be cancelled; people already checked in stay checked in", async () => {
    const { eventId, slotId } = await event(3);
    const [a, b] = await join(slotId, PEOPLE.slice(0, 2));
    await markAttendance(database.db, { signupId: a!, communityId: home, present: true, at: hours(48) });
    expect(await cancelEvent(database.db, { eventId, communityId: home, at: hours(50) }, tell)).toEqual({ ok: false, reason: "over" });
    expect(await cancelEvent(database.db, { eventId, communityId: home, at: hours(49) }, tell)).toEqual({ ok: true, told: 1 });
    expect(await statuses([a!, b!])).toEqual(["attended", "cancelled"]);
  });
});

describe("seats changed while people press", () => {
  it("never leaves more people holding a seat than the slot has", async () => {
    const crowd = Array.from({ length: 40 }, (_, i) => 52_000 + i);
    for (const id of crowd) {
      await recordUser(database.db, { id, firstName: `C${id}`, languageCode: "en" }, T0);
      await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
    }
    for (let round = 0; round < 5; round++) {
      const { eventId, slotId } = await event(30);
      const presses = crowd.map((userId) => signUp(database.db, { slotId, userId, at: T0 }));
      // Lowered to 3 while the first presses land; refused (with the count) once more hold a seat.
      await new Promise((resolve) => setTimeout(resolve, round * 2));
      const lowered = await changeCapacity(database.db, { slotId, communityId: home, capacity: 3, at: T0 });
      await Promise.all(presses);
      const [seats] = await seatsOf(database.db, eventId);
      expect(seats!.taken).toBeLessThanOrEqual(seats!.capacity!);
      expect(seats!.taken + seats!.waiting).toBe(crowd.length);
      if (lowered.ok) expect(seats!.capacity).toBe(3);
      else expect(lowered).toMatchObject({ reason: "below-taken" });
    }
  });
});
