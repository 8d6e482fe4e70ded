import { afterAll, beforeAll, expect, it } from "vitest";
import { recordUser } from "../../../src/features/accounts/service.js";
import { computeDailyFigures, computeStats, renderDailyReport } from "../../../src/features/evaluation/feature.js";
import { renderStats } from "../../../src/features/evaluation/stats-view.js";
import { addWalkIn, checkInAtDoor } from "../../../src/features/lectures/door.js";
import { saveRating } from "../../../src/features/lectures/feedback.js";
import { createLecture, registerForLecture } from "../../../src/features/lectures/service.js";
import { createI18n } from "../../../src/i18n.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const i18n = createI18n();
const T0 = new Date("2026-04-20T02:00:00Z");
// 25 April, 14:00–16:00 in Shanghai: the legal lecture at No. 2 Middle School.
const START = new Date("2026-04-25T06:00:00Z");
const PEOPLE = [56_001, 56_002, 56_003, 56_004];

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const id of PEOPLE) await recordUser(database.db, { id, firstName: `P${id}`, languageCode: "zh-hans" }, T0);
});
afterAll(() => database.close());

it("the day's lectures in the daily record and /stats, against figures worked out by hand, in both languages", async () => {
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "法律和交通安全讲座",
      topicId: null,
      speaker: "王律师",
      startsAt: START,
      endsAt: new Date(START.getTime() + 2 * 3600_000),
      place: "二中",
      seats: 3,
      registrationRequired: true,
      duty: [],
      createdBy: null,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  // 3 seats, 4 people: three registered, one waiting (neither registered nor a no-show).
  const codes: string[] = [];
  for (const userId of PEOPLE) {
    const r = await registerForLecture(database.db, { lectureId: created.lectureId, userId, at: T0 });
    if (r.ok) codes.push(r.code);
  }
  const at = new Date(START.getTime() + 5 * 60_000);
  // Two came, one did not; three walk-ins; ratings 5 and 4 (average 4.5).
  expect((await checkInAtDoor(database.db, { lectureId: created.lectureId, code: codes[0]!, at })).kind).toBe("checked-in");
  expect((await checkInAtDoor(database.db, { lectureId: created.lectureId, code: codes[1]!, at })).kind).toBe("checked-in");
  for (let i = 0; i < 3; i++) await addWalkIn(database.db, created.lectureId);
  expect(await saveRating(database.db, { lectureId: created.lectureId, userId: PEOPLE[0]!, rating: 5, at })).toBe(true);
  expect(await saveRating(database.db, { lectureId: created.lectureId, userId: PEOPLE[1]!, rating: 4, at })).toBe(true);
  expect(await saveRating(database.db, { lectureId: created.lectureId, userId: PEOPLE[2]!, rating: 5, at })).toBe(false); // did not come

  const day = await computeDailyFigures(database.db, home, "2026-04-25");
  expect(day.lectures).toEqual({ lectures: 1, registered: 3, attended: 2, walkIns: 3, noShows: 1, ratings: 2, average: 4.5 });
  expect(renderDailyReport(day, "zh-CN", (key, vars) => i18n.t("zh-CN", key, vars))).toContain(
    "讲座：1 场；报名 3 人，到场 2 人，现场直接来 3 人，未到 1 人（共 5 人参加）；评分 4.5",
  );
  expect(renderDailyReport(day, "en", (key, vars) => i18n.t("en", key, vars))).toContain(
    "Lectures: 1; 3 registered, 2 came, 3 walk-ins, 1 did not come (5 people in all); rating 4.5",
  );
  // The day before has none: no line.
  const before = await computeDailyFigures(database.db, home, "2026-04-24");
  expect(renderDailyReport(before, "en", (key, vars) => i18n.t("en", key, vars))).not.toContain("Lectures:");

  const stats = await computeStats(database.db, home, { from: "2026-04-01", to: "2026-06-30" }, new Date("2026-07-01T00:00:00Z"));
  expect(stats.lectures).toMatchObject({ lectures: 1, attended: 2, walkIns: 3 });
  expect(renderStats(stats, "en", (key, vars) => i18n.t("en", key, vars))).toContain("(5 people in all)");
});
