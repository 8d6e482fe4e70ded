import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventSignups, lectureRegistrations, lectures } from "../../../src/db/schema/index.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { addWalkIn, checkInAtDoor } from "../../../src/features/lectures/door.js";
import { createLecture, ensureCode, registerForLecture, type NewLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const START = new Date("2026-05-05T06:00:00Z");
const PEOPLE = Array.from({ length: 60 }, (_, i) => 54_000 + i);

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const id of PEOPLE) await recordUser(database.db, { id, firstName: `P${id}`, languageCode: "zh-hans" }, T0);
});
afterAll(() => database.close());

const lecture = (title: string, seats: number | null, extra: Partial<NewLecture> = {}): NewLecture => ({
  communityId: home,
  title,
  topicId: null,
  speaker: "王律师",
  startsAt: START,
  endsAt: new Date(START.getTime() + 2 * 3600_000),
  place: "二中",
  seats,
  registrationRequired: true,
  duty: [],
  createdBy: null,
  ...extra,
});

it("60 registering at once for 10 seats: 10 seats, 50 waiting in arrival order, 60 different codes of 4 unambiguous characters", async () => {
  const created = await createLecture(database.db, lecture("法律讲座", 10), T0);
  if (!created.ok) throw new Error(created.reason);
  const results = await Promise.all(PEOPLE.map((userId) => registerForLecture(database.db, { lectureId: created.lectureId, userId, at: T0 })));
  expect(results.every((r) => r.ok)).toBe(true);
  const ok = results.filter((r) => r.ok);
  expect(ok.filter((r) => r.status === "confirmed")).toHaveLength(10);
  expect(
    ok
      .filter((r) => r.status === "waitlisted")
      .map((r) => r.position)
      .sort((a, b) => a! - b!),
  ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  const codes = await database.db.select().from(lectureRegistrations).where(eq(lectureRegistrations.lectureId, created.lectureId));
  expect(new Set(codes.map((c) => c.code)).size).toBe(60);
  expect(codes.every((c) => /^[A-HJ-NP-Z2-9]{4}$/.test(c.code) && !/[01IOL]/.test(c.code))).toBe(true);
  // A code is drawn once: asking again gives the same.
  const first = codes[0]!;
  expect(await ensureCode(database.db, { signupId: first.signupId, lectureId: created.lectureId, at: T0 })).toBe(first.code);
});

it("the door answers every case: checked in, again, waiting, unknown, another lecture's code, outside the window; walk-ins count", async () => {
  const a = await createLecture(
    database.db,
    lecture("交通安全讲座", 1, { startsAt: new Date(START.getTime() + 86400_000), endsAt: new Date(START.getTime() + 90000_000) }),
    T0,
  );
  const b = await createLecture(
    database.db,
    lecture("健康讲座", null, { startsAt: new Date(START.getTime() + 86400_000), endsAt: new Date(START.getTime() + 90000_000) }),
    T0,
  );
  if (!a.ok || !b.ok) throw new Error("setup");
  const seat = await registerForLecture(database.db, { lectureId: a.lectureId, userId: PEOPLE[0]!, at: T0 });
  const wait = await registerForLecture(database.db, { lectureId: a.lectureId, userId: PEOPLE[1]!, at: T0 });
  const other = await registerForLecture(database.db, { lectureId: b.lectureId, userId: PEOPLE[2]!, at: T0 });
  if (!seat.ok || !wait.ok || !other.ok) throw new Error("setup");
  const [aLecture] = await database.db.select().from(lectures).where(eq(lectures.id, a.lectureId));
  const at = new Date(START.getTime() + 86400_000 + 60_000);
  // The other lecture's code, unless it happens to be one of this lecture's too (then it is theirs here).
  const otherCode = [seat.code, wait.code].includes(other.code) ? undefined : other.code;

  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: seat.code, at: T0 })).toEqual({ kind: "closed" });
  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: ` ${seat.code.toLowerCase()} `, at })).toEqual({
    kind: "checked-in",
    name: `P${PEOPLE[0]}`,
  });
  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: seat.code, at })).toEqual({ kind: "already", name: `P${PEOPLE[0]}` });
  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: wait.code, at })).toEqual({ kind: "waitlisted", name: `P${PEOPLE[1]}` });
  if (otherCode)
    expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: otherCode, at })).toEqual({ kind: "another-lecture", title: "健康讲座" });
  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: "ZZZZZZZZ", at })).toEqual({ kind: "not-registered" });
  expect(await checkInAtDoor(database.db, { lectureId: a.lectureId, code: seat.code, at: new Date(aLecture!.createdAt.getTime() + 30 * 86400_000) })).toEqual({
    kind: "closed",
  });
  const [signup] = await database.db.select().from(eventSignups).where(eq(eventSignups.id, seat.signupId));
  expect(signup).toMatchObject({ status: "attended", checkedInAt: at });
  expect(await addWalkIn(database.db, a.lectureId)).toBe(1);
  expect(await addWalkIn(database.db, a.lectureId)).toBe(2);
});

it("an open lecture takes no registration", async () => {
  const open = await createLecture(database.db, lecture("文明公约讲座", null, { registrationRequired: false }), T0);
  if (!open.ok) throw new Error("setup");
  expect(await registerForLecture(database.db, { lectureId: open.lectureId, userId: PEOPLE[5]!, at: T0 })).toEqual({ ok: false, reason: "no-registration" });
});
