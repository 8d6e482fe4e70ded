import { like } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { outboxMessages } from "../../../src/db/schema/index.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { markAttendance } from "../../../src/features/events/roster-service.js";
import { askAttendeesForFeedback } from "../../../src/features/lectures/feedback-job.js";
import { createLecture, registerForLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

/*
 * The rating question after a lecture: organisers often tick "present" on the roster after the
 * lecture is over. Before, the job took each lecture once, a minute after its end, so whoever
 * was ticked later was never asked.
 */

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const START = new Date("2026-05-05T06:00:00Z");
const END = new Date(START.getTime() + 2 * 3600_000);
const [EARLY, LATE, ABSENT, OTHER] = [56_001, 56_002, 56_003, 56_004];
const minutes = (n: number) => new Date(END.getTime() + n * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const id of [EARLY, LATE, ABSENT, OTHER]) await recordUser(database.db, { id, firstName: `P${id}`, languageCode: "en" }, T0);
});
afterAll(() => database.close());

async function lectureWith(people: number[], startsAt = START) {
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "Tenancy law",
      topicId: null,
      speaker: "Lawyer Wang",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      place: "School No. 2",
      seats: null,
      registrationRequired: true,
      duty: [],
      createdBy: null,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const signups = new Map<number, number>();
  for (const userId of people) {
    const registered = await registerForLecture(database.db, { lectureId: created.lectureId, userId, at: T0 });
    if (!registered.ok) throw new Error(registered.reason);
    signups.set(userId, registered.signupId);
  }
  return { lectureId: created.lectureId, signups };
}

const present = (signupId: number, at: Date) => markAttendance(database.db, { signupId, communityId: home, present: true, at });
const questions = (lectureId: number) =>
  database.db
    .select({ chatId: outboxMessages.chatId })
    .from(outboxMessages)
    .where(like(outboxMessages.dedupeKey, `lecture-feedback/${lectureId}/%`));

it("asks whoever is checked in once the lecture is over, including people ticked on the roster later, each once", async () => {
  const { lectureId, signups } = await lectureWith([EARLY, LATE, ABSENT]);
  await present(signups.get(EARLY)!, new Date(START.getTime() + 10 * 60_000));
  expect(await askAttendeesForFeedback(database.db, new Date(START.getTime() + 30 * 60_000))).toBe(0); // not over yet

  expect(await askAttendeesForFeedback(database.db, minutes(1))).toBe(1);
  expect((await questions(lectureId)).map((q) => q.chatId)).toEqual([EARLY]);

  // Two hours after the end the organiser ticks LATE present: the next run asks LATE only.
  await present(signups.get(LATE)!, minutes(120));
  expect(await askAttendeesForFeedback(database.db, minutes(121))).toBe(1);
  expect(await askAttendeesForFeedback(database.db, minutes(122))).toBe(0);
  expect((await questions(lectureId)).map((q) => q.chatId).sort()).toEqual([EARLY, LATE]);
  // Nobody is asked who did not come.
  expect((await questions(lectureId)).some((q) => q.chatId === ABSENT)).toBe(false);
});

it("two instances running the job at once write each question once", async () => {
  const startsAt = new Date(START.getTime() + 86_400_000);
  const { lectureId, signups } = await lectureWith([EARLY, LATE], startsAt);
  for (const signupId of signups.values()) await present(signupId, startsAt);
  const end = new Date(startsAt.getTime() + 2 * 3600_000 + 60_000);
  await Promise.all([askAttendeesForFeedback(database.db, end), askAttendeesForFeedback(database.db, end)]);
  expect(await questions(lectureId)).toHaveLength(2);
});

it("a lecture over more than a day ago is not asked about any more", async () => {
  const startsAt = new Date(START.getTime() + 2 * 86_400_000);
  const { lectureId, signups } = await lectureWith([OTHER], startsAt);
  await present(signups.get(OTHER)!, startsAt);
  const end = new Date(startsAt.getTime() + 2 * 3600_000);
  expect(await askAttendeesForFeedback(database.db, new Date(end.getTime() + 25 * 3600_000))).toBe(0);
  expect(await questions(lectureId)).toHaveLength(0);
});
