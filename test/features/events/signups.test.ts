import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, eventSignups, type SignupStatus } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createEvent, seatsOf, type NewEvent } from "../../../src/features/events/service.js";
import { acceptOffer, cancelSignup, expireOffers, signUp } from "../../../src/features/events/signups.js";
import { openEventsFor } from "../../../src/features/events/listing.js";
import { createTeam, setLeader } from "../../../src/features/volunteers/teams.js";
import { createRehearsal } from "../../helpers/events.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-06-01T02:00:00Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);
const VOLUNTEERS = Array.from({ length: 200 }, (_, i) => 20_000 + i);
const RESIDENT = 29_999;

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const id of [...VOLUNTEERS, RESIDENT]) await recordUser(database.db, { id, firstName: `V${id}`, languageCode: "zh-hans" }, T0);
  for (const id of VOLUNTEERS) await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

const rehearsal = (seats: number | null, extra: Partial<NewEvent> = {}) =>
  createRehearsal(database.db, { communityId: home, startsAt: hours(48), at: T0 }, seats, extra);

const statusOf = async (signupId: number): Promise<SignupStatus | undefined> =>
  (await database.db.select({ status: eventSignups.status }).from(eventSignups).where(eq(eventSignups.id, signupId)))[0]?.status;

describe("capacity", () => {
  it("200 volunteers pressing at once for 10 seats: exactly 10 confirmed, the rest waitlisted in arrival order", async () => {
    const { eventId, slotId } = await rehearsal(10);
    const results = await Promise.all(VOLUNTEERS.map((userId) => signUp(database.db, { slotId, userId, at: T0 })));
    const confirmed = results.filter((r) => r.ok && r.status === "confirmed");
    const waiting = results.filter((r): r is Extract<typeof r, { ok: true }> => r.ok && r.status === "waitlisted");
    expect(confirmed).toHaveLength(10);
    expect(waiting).toHaveLength(190);
    // Positions 1…190, each once, in the order the sign-ups were written.
    expect(waiting.map((w) => w.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    const byArrival = [...waiting].sort((a, b) => a.signupId - b.signupId);
    expect(byArrival.map((w) => w.position)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    expect(await seatsOf(database.db, eventId)).toEqual([{ slotId, name: "鼓手", capacity: 10, taken: 10, waiting: 190 }]);
  });
});

describe("refusals change nothing", () => {
  it("twice, after the deadline, a cancelled event, a resident at a volunteers' duty", async () => {
    const { eventId, slotId } = await rehearsal(5, { signupDeadline: hours(24) });
    expect(await signUp(database.db, { slotId, userId: VOLUNTEERS[0]!, at: T0 })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await signUp(database.db, { slotId, userId: VOLUNTEERS[0]!, at: T0 })).toEqual({ ok: false, reason: "already-signed-up" });
    expect(await signUp(database.db, { slotId, userId: VOLUNTEERS[1]!, at: hours(24) })).toEqual({ ok: false, reason: "deadline-passed" });
    expect(await signUp(database.db, { slotId, userId: RESIDENT, at: T0 })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await signUp(database.db, { slotId: 999_999, userId: RESIDENT, at: T0 })).toEqual({ ok: false, reason: "not-found" });
    expect((await seatsOf(database.db, eventId))[0]).toMatchObject({ taken: 1, waiting: 0 });
    const open = await rehearsal(null, { audience: "everyone" });
    expect(await signUp(database.db, { slotId: open.slotId, userId: RESIDENT, at: T0 })).toMatchObject({ ok: true, status: "confirmed" });
  });

  it("a bad event is refused before anything is saved", async () => {
    const base = { communityId: home, kind: "cleanup" as const, title: "清洁日", startsAt: hours(10), endsAt: hours(12), createdBy: null, slots: [] };
    expect(await createEvent(database.db, { ...base, endsAt: hours(9) }, T0)).toEqual({ ok: false, reason: "ends-before-start" });
    expect(await createEvent(database.db, { ...base, title: "  " }, T0)).toEqual({ ok: false, reason: "no-title" });
    expect(await createEvent(database.db, { ...base, slots: [{ name: "引导", capacity: 0 }] }, T0)).toEqual({ ok: false, reason: "bad-capacity" });
    expect(await createEvent(database.db, { ...base, signupDeadline: hours(11) }, T0)).toEqual({ ok: false, reason: "deadline-after-start" });
    expect(await database.db.$count(events, eq(events.kind, "cleanup"))).toBe(0);
  });

  it("each event gets its own check-in code, easy to read out", async () => {
    const codes = [];
    for (let i = 0; i < 30; i++) {
      const { eventId } = await rehearsal(null);
      codes.push((await database.db.select({ code: events.checkInCode }).from(events).where(eq(events.id, eventId)))[0]!.code);
    }
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

it("a team's event is for its members: others are refused, the leader and members may join", async () => {
  const team = await createTeam(database.db, { communityId: home, name: "腰鼓队", createdBy: VOLUNTEERS[40]!, at: T0 });
  if (!team.ok) throw new Error("setup");
  expect(await setLeader(database.db, { teamId: team.teamId, communityId: home, userId: VOLUNTEERS[41]! })).toEqual({ ok: true });
  const { slotId } = await rehearsal(10, { audience: "team", teamId: team.teamId });
  expect(await signUp(database.db, { slotId, userId: VOLUNTEERS[42]!, at: T0 })).toEqual({ ok: false, reason: "not-allowed" });
  expect(await signUp(database.db, { slotId, userId: VOLUNTEERS[41]!, at: T0 })).toMatchObject({ ok: true, status: "confirmed" });
  expect((await openEventsFor(database.db, { userId: VOLUNTEERS[42]!, communityId: home, at: T0, limit: 100 })).map((o) => o.event.audience)).not.toContain(
    "team",
  );
  expect(
    (await openEventsFor(database.db, { userId: VOLUNTEERS[41]!, communityId: home, at: T0, limit: 100 })).some((o) => o.event.teamId === team.teamId),
  ).toBe(true);
});

describe("the waitlist moves", () => {
  it("a cancelled seat is offered to the first in line, who takes it; someone else's sign-up cannot be cancelled", async () => {
    const { eventId, slotId } = await rehearsal(1);
    const [a, b, c] = [VOLUNTEERS[10]!, VOLUNTEERS[11]!, VOLUNTEERS[12]!];
    const first = await signUp(database.db, { slotId, userId: a, at: T0 });
    const second = await signUp(database.db, { slotId, userId: b, at: T0 });
    const third = await signUp(database.db, { slotId, userId: c, at: T0 });
    if (!first.ok || !second.ok || !third.ok) throw new Error("setup");
    expect(await cancelSignup(database.db, { signupId: first.signupId, userId: b, at: hours(1) })).toEqual({ ok: false, reason: "not-yours" });
    const told: unknown[] = [];
    const cancelled = await cancelSignup(database.db, { signupId: first.signupId, userId: a, at: hours(1) }, { offerHours: 12 }, async (_tx, news) => {
      told.push(...news);
    });
    expect(cancelled).toEqual({
      ok: true,
      news: [
        { kind: "cancelled", signupId: first.signupId, userId: a, eventId },
        { kind: "offered", signupId: second.signupId, userId: b, eventId, offeredUntil: hours(13) },
      ],
    });
    expect(told).toHaveLength(2);
    expect(await statusOf(second.signupId)).toBe("offered");
    expect((await seatsOf(database.db, eventId))[0]).toMatchObject({ taken: 1, waiting: 1 });
    expect(await acceptOffer(database.db, { signupId: second.signupId, userId: b, at: hours(2) })).toEqual({ ok: true, eventId });
    expect(await statusOf(second.signupId)).toBe("confirmed");
    expect(await acceptOffer(database.db, { signupId: second.signupId, userId: b, at: hours(2) })).toEqual({ ok: false, reason: "illegal-move" });
    // Cancelled is final: they may sign up again, at the back of the line.
    expect(await signUp(database.db, { slotId, userId: a, at: hours(3) })).toMatchObject({ ok: true, status: "waitlisted", position: 2 });
  });

  it("an offer not taken in time lapses and passes to the next; the window shrinks when the event is near", async () => {
    const { slotId } = await rehearsal(1);
    const [a, b, c] = [VOLUNTEERS[20]!, VOLUNTEERS[21]!, VOLUNTEERS[22]!];
    const ids = [];
    for (const userId of [a, b, c]) {
      const r = await signUp(database.db, { slotId, userId, at: T0 });
      if (!r.ok) throw new Error("setup");
      ids.push(r.signupId);
    }
    // 40 h before the start the offer stands 12 h; at 46 h, half the 2 h left.
    await cancelSignup(database.db, { signupId: ids[0]!, userId: a, at: hours(8) });
    expect(await expireOffers(database.db, hours(19.9))).toEqual([]);
    expect(await acceptOffer(database.db, { signupId: ids[1]!, userId: b, at: hours(20.1) })).toEqual({ ok: false, reason: "offer-expired" });
    const passed = await expireOffers(database.db, hours(46));
    expect(passed).toMatchObject([{ signupId: ids[2], userId: c, offeredUntil: hours(47) }]);
    expect(await statusOf(ids[1]!)).toBe("cancelled");
    // Two sweeps at once (two instances) lapse it once.
    const [one, two] = await Promise.all([expireOffers(database.db, hours(47.5)), expireOffers(database.db, hours(47.5))]);
    expect(one.length + two.length).toBe(0); // nobody left in line
    expect(await statusOf(ids[2]!)).toBe("cancelled");
    const live = await database.db
      .select()
      .from(eventSignups)
      .where(and(eq(eventSignups.slotId, slotId)))
      .orderBy(asc(eventSignups.id));
    expect(live.map((s) => s.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });
});
