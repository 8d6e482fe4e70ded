import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportsPerDay, resolveHoursPerWeek } from "../../../src/features/evaluation/series.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { addRating, addReport, categoryId } from "../evaluation/fixture.js";
import { Browser, buildWorld, INSPECTOR, STAFF, type World } from "./fixture.js";

// Evaluation figures on the dashboard: the /stats figures of a period as charts drawn on the
// server (SVG), from the evaluation services; for staff and admins.

let database: TestDatabase;
let world: World;
let staff: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  const garbage = await categoryId(database.db, world.home, "dirty-spot");
  const toilet = await categoryId(database.db, world.home, "public-toilet");
  const home = world.home;
  // Shanghai is UTC+8: 2026-04-02 01:00 UTC is 09:00 on the 2nd there; 2026-04-02 20:00 UTC is already the 3rd.
  await addReport(database.db, {
    communityId: home,
    categoryId: garbage,
    createdAt: "2026-04-02T01:00:00Z",
    deadlineAt: "2026-04-03T01:00:00Z",
    assigneeId: INSPECTOR,
    steps: [
      ["assigned", "2026-04-02T02:00:00Z"],
      ["resolved", "2026-04-02T11:00:00Z"],
    ],
  });
  const rated = await addReport(database.db, {
    communityId: home,
    categoryId: garbage,
    createdAt: "2026-04-02T02:00:00Z",
    deadlineAt: "2026-04-03T02:00:00Z",
    assigneeId: INSPECTOR,
    steps: [
      ["assigned", "2026-04-02T03:00:00Z"],
      ["resolved", "2026-04-03T08:00:00Z"],
      ["closed", "2026-04-03T09:00:00Z"],
    ],
  });
  await addRating(database.db, rated, 4, "2026-04-03T09:00:00Z");
  await addReport(database.db, { communityId: home, categoryId: toilet, createdAt: "2026-04-02T03:00:00Z" });
  await addReport(database.db, { communityId: home, categoryId: toilet, createdAt: "2026-04-02T20:00:00Z" });
  staff = new Browser(world);
  await staff.signIn(STAFF, world.home, world.h.clock);
});
afterAll(() => database.close());

const april = { fromUtc: "2026-03-31T16:00:00.000Z", toUtc: "2026-04-30T16:00:00.000Z", timezone: "Asia/Shanghai" };

describe("the series", () => {
  it("counts reports per local day and kind", async () => {
    const rows = await reportsPerDay(database.db, world.home, april);
    expect(rows.map((r) => [r.day, r.reports])).toEqual([
      ["2026-04-02", 2],
      ["2026-04-02", 1],
      ["2026-04-03", 1],
    ]);
  });

  it("gives the median and 90th percentile hours to deal with, per week filed", async () => {
    // Resolved after 10 h and 30 h, both filed in the week of Monday 2026-03-30.
    expect(await resolveHoursPerWeek(database.db, world.home, april)).toEqual([{ week: "2026-03-30", resolved: 2, medianHours: 20, p90Hours: 28 }]);
  });
});

describe("the series across a daylight-saving change", () => {
  // Berlin leaves summer time on 2026-10-25 at 01:00 UTC: that local day lasts 25 hours.
  const berlin = { fromUtc: "2026-10-23T22:00:00.000Z", toUtc: "2026-10-26T23:00:00.000Z", timezone: "Europe/Berlin" };

  beforeAll(async () => {
    const garbage = await categoryId(database.db, world.home, "dirty-spot");
    const filed = async (createdAt: string, resolvedAt?: string) =>
      addReport(database.db, { communityId: world.home, categoryId: garbage, createdAt, ...(resolvedAt ? { steps: [["resolved", resolvedAt]] } : {}) });
    await filed("2026-10-24T21:30:00Z"); // 23:30 on the 24th (summer time)
    await filed("2026-10-24T22:30:00Z", "2026-10-25T02:30:00Z"); // 00:30 on the 25th, dealt with in 4 h
    await filed("2026-10-25T22:30:00Z"); // 23:30 on the 25th (winter time): still the 25th
    await filed("2026-10-25T23:30:00Z", "2026-10-26T01:30:00Z"); // 00:30 on the 26th, a Monday, dealt with in 2 h
  });

  it("counts each report on its local day, the 25-hour day included", async () => {
    const rows = await reportsPerDay(database.db, world.home, berlin);
    expect(rows.map((r) => [r.day, r.reports])).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 2],
      ["2026-10-26", 1],
    ]);
  });

  it("puts each into the local week it was filed in, the first week starting before the period", async () => {
    expect(await resolveHoursPerWeek(database.db, world.home, berlin)).toEqual([
      { week: "2026-10-19", resolved: 1, medianHours: 4, p90Hours: 4 },
      { week: "2026-10-26", resolved: 1, medianHours: 2, p90Hours: 2 },
    ]);
  });
});

describe("the figures page", () => {
  it("draws a period's charts for staff, with the headline figures and the CSV of the same period", async () => {
    const page = await staff.get("/dashboard/figures?from=2026-04-01&to=2026-04-30");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<strong>4<\/strong>reports filed/);
    expect(page.text).toMatch(/<strong>2<\/strong>dealt with</);
    expect(page.text).toMatch(/<strong>4<\/strong>average stars \(1 ratings\)/);
    expect(page.text).toMatch(/<title>04-02 · 🗑️ Dirty spot or garbage pile: 2<\/title>/);
    expect(page.text).toMatch(/<title>04-03 · 🚻 Public toilet: 1<\/title>/);
    expect(page.text).toMatch(/<title>03-30 · median: 20<\/title>/);
    // The garbage pile resolved after 10 h met its 24 h; the one resolved after 30 h did not.
    expect(page.text).toContain("50% (1/2)");
    expect(page.text).toContain('href="/dashboard/stats.csv?from=2026-04-01&to=2026-04-30"');
    expect(page.text).toMatch(/<td>Zhang<\/td><td>2<\/td><td>2<\/td>/);
    // Drawn on the server: nothing fetched from elsewhere, no script draws it.
    expect(page.text).not.toMatch(/<img|<canvas/);
    expect(page.text).toContain("Figures</a>");
  });

  it("shows this month with a note when the period cannot be read", async () => {
    const page = await staff.get("/dashboard/figures?from=2026-04-30&to=2026-04-01");
    expect(page.status).toBe(400);
    expect(page.text).toContain("The first date is after the last one");
    expect(page.text).toContain('value="2026-05-01"');
  });

  it("is for staff and admins: an inspector is refused and sees no link to it", async () => {
    const inspector = new Browser(world);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    expect((await inspector.get("/dashboard/figures")).status).toBe(403);
    expect((await inspector.get("/dashboard/reports")).text).not.toContain("/dashboard/figures");
  });
});
