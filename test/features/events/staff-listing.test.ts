import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { cancelEvent } from "../../../src/features/events/organiser-service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { staffEventList } from "../../../src/features/events/staff-listing.js";
import { createLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

// The staff's list of events (the dashboard's): coming and past, seats and waiting lists counted
// in SQL, lectures' audiences left out, cancelled ones kept, a page at a time.

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-04-01T02:00:00Z");
const NOW = new Date("2026-05-01T02:00:00Z");
const ids: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  home = (await seedDefaultCommunity(db)).id;
  for (const id of [81_001, 81_002, 81_003]) {
    await recordUser(db, { id, firstName: `V${id}`, languageCode: "en" }, T0);
    await grantRole(db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  }
  // Three past rehearsals (10, 11, 12 April) and two coming (5 May, and 1 May 09:00–11:00, under way at NOW).
  for (const day of ["2026-04-10", "2026-04-11", "2026-04-12", "2026-05-05"]) {
    ids.push((await createRehearsal(db, { communityId: home, startsAt: new Date(`${day}T01:00:00Z`), at: T0 }, 1)).eventId);
  }
  const underway = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-01T01:00:00Z"), at: T0 }, null);
  ids.push(underway.eventId);
  const full = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-06T01:00:00Z"), at: T0 }, 1);
  ids.push(full.eventId);
  for (const user of [81_001, 81_002, 81_003]) await signUp(db, { slotId: full.slotId, userId: user, at: T0 });
  await signUp(db, { slotId: underway.slotId, userId: 81_001, at: T0 });
  await cancelEvent(db, { eventId: ids[2]!, communityId: home, at: T0 });
  const lecture = await createLecture(
    db,
    {
      communityId: home,
      title: "Law",
      topicId: null,
      speaker: "Ms Li",
      startsAt: new Date("2026-05-07T01:00:00Z"),
      endsAt: new Date("2026-05-07T02:00:00Z"),
      place: "Hall",
      seats: 50,
      registrationRequired: true,
      duty: [{ name: "签到", capacity: 2 }],
      createdBy: null,
    },
    T0,
  );
  if (!lecture.ok) throw new Error(lecture.reason);
  ids.push(lecture.dutyEventId!);
});
afterAll(() => database.close());

it("lists coming events soonest first with their seats and waiting list; a lecture's duty but not its audience", async () => {
  const { lines, more } = await staffEventList(database.db, { communityId: home, at: NOW, when: "coming" });
  expect(more).toBe(false);
  expect(lines.map((l) => [l.event.id, l.capacity, l.taken, l.waiting])).toEqual([
    [ids[4], null, 1, 0],
    [ids[3], 1, 0, 0],
    [ids[5], 1, 1, 2],
    [ids[6], 2, 0, 0],
  ]);
  expect(lines.map((l) => l.event.kind)).not.toContain("lecture");
});

it("lists past events latest first, cancelled ones too, a page at a time", async () => {
  const first = await staffEventList(database.db, { communityId: home, at: NOW, when: "past", size: 2 });
  expect(first.lines.map((l) => l.event.id)).toEqual([ids[2], ids[1]]);
  expect(first.lines[0]!.event.status).toBe("cancelled");
  expect(first.more).toBe(true);
  const second = await staffEventList(database.db, { communityId: home, at: NOW, when: "past", size: 2, page: 1 });
  expect(second.lines.map((l) => l.event.id)).toEqual([ids[0]]);
  expect(second.more).toBe(false);
  expect((await staffEventList(database.db, { communityId: home + 1000, at: NOW, when: "past" })).lines).toEqual([]);
});
