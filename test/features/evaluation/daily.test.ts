import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyRecords, reportEvents, reports } from "../../../src/db/schema/index.js";
import { ensureCommunity } from "../../../src/features/accounts/service.js";
import { seedDefaultCategories } from "../../../src/features/reports/categories.js";
import { computeDailyFigures, recordDay, storedDay } from "../../../src/features/evaluation/daily.js";
import { renderDailyReport } from "../../../src/features/evaluation/daily-view.js";
import { addDays, dayIn, isDay, startOfMonth, startOfQuarter, startOfWeek } from "../../../src/features/evaluation/days.js";
import { createI18n } from "../../../src/i18n.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";
import { addArea, addMember, addPatrol, addRating, addReport, at, categoryId } from "./fixture.js";

/*
 * The day under test is 2026-05-10 in Asia/Shanghai (UTC+8): from 2026-05-09T16:00Z to
 * 2026-05-10T16:00Z. Every instant below is UTC; the comment gives the local time. The right
 * answers are worked out by hand next to each report.
 */
const DAY = "2026-05-10";
const i18n = createI18n();

let database: TestDatabase;
let home: number;
let other: number;
let dirty: number; // category "dirty-spot" (A)
let toilet: number; // category "public-toilet" (B)
let north: number;
let south: number;
const ids: Record<string, number> = {};
const LI = 3101;
const ZHAO = 3102;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  home = (await seedDefaultCommunity(db)).id;
  dirty = await categoryId(db, home, "dirty-spot");
  toilet = await categoryId(db, home, "public-toilet");
  north = await addArea(db, home, "北区");
  south = await addArea(db, home, "南区");
  await addMember(db, home, LI, "Li", "inspector");
  await addMember(db, home, ZHAO, "Zhao", "inspector");

  // R1: filed the day before (5/9 23:59:59); resolved on the day (11:00); closed at 5/11 00:00
  // sharp, which is the next day. Deadline 5/10 23:59:59, resolved before: not overdue.
  ids.r1 = await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: north,
    createdAt: "2026-05-09T15:59:59Z",
    deadlineAt: "2026-05-10T15:59:59Z",
    steps: [
      ["accepted", "2026-05-09T16:30:00Z"],
      ["resolved", "2026-05-10T03:00:00Z"],
      ["closed", "2026-05-10T16:00:00Z"],
    ],
  });
  // R2: filed at 5/10 00:00:00 sharp (new); still new at the end, deadline 12:00 passed: overdue.
  ids.r2 = await addReport(db, { communityId: home, categoryId: dirty, areaId: north, createdAt: "2026-05-09T16:00:00Z", deadlineAt: "2026-05-10T04:00:00Z" });
  // R3: filed at 5/10 23:59:59 (new); deadline the next day: not overdue.
  ids.r3 = await addReport(db, { communityId: home, categoryId: toilet, areaId: south, createdAt: "2026-05-10T15:59:59Z", deadlineAt: "2026-05-11T03:59:59Z" });
  // R4: filed at 5/11 00:00 — the next day: counts for nothing.
  ids.r4 = await addReport(db, { communityId: home, categoryId: toilet, areaId: south, createdAt: "2026-05-10T16:00:00Z", deadlineAt: "2026-05-11T04:00:00Z" });
  // R5: no area; resolved on 5/9, reopened on the day (10:00), resolved and closed again on 5/11.
  // Now closed, but at the end of the day it was reopened with its deadline long passed: overdue.
  ids.r5 = await addReport(db, {
    communityId: home,
    categoryId: toilet,
    areaId: null,
    createdAt: "2026-05-08T02:00:00Z",
    deadlineAt: "2026-05-08T14:00:00Z",
    steps: [
      ["accepted", "2026-05-08T03:00:00Z"],
      ["resolved", "2026-05-09T01:00:00Z"],
      ["reopened", "2026-05-10T02:00:00Z"],
      ["resolved", "2026-05-11T01:00:00Z"],
      ["closed", "2026-05-11T02:00:00Z"],
    ],
  });
  // R6: filed 5/9; resolved (18:00) and closed (20:00) on the day, after its deadline (5/10 04:00).
  ids.r6 = await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: south,
    createdAt: "2026-05-09T10:00:00Z",
    deadlineAt: "2026-05-09T20:00:00Z",
    steps: [
      ["accepted", "2026-05-09T11:00:00Z"],
      ["resolved", "2026-05-10T10:00:00Z"],
      ["closed", "2026-05-10T12:00:00Z"],
    ],
  });
  // R7: rejected on 5/9, reopened on 5/11 01:00: open now with its deadline passed, but rejected
  // (finished) at the end of the day: not overdue.
  ids.r7 = await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: north,
    createdAt: "2026-05-09T10:00:00Z",
    deadlineAt: "2026-05-10T10:00:00Z",
    steps: [
      ["rejected", "2026-05-09T12:00:00Z"],
      ["reopened", "2026-05-10T17:00:00Z"],
    ],
  });
  // Patrols: P0 by Zhao 00:30–02:00 (90 min); P1 by Li 09:00–11:30 (150 min); P2 started on 5/9
  // 23:00 (the day before); P3 by Li from 23:00, still going on at midnight (60 min).
  const p0 = await addPatrol(db, home, ZHAO, "2026-05-09T16:30:00Z", "2026-05-09T18:00:00Z");
  ids.p1 = await addPatrol(db, home, LI, "2026-05-10T01:00:00Z", "2026-05-10T03:30:00Z");
  await addPatrol(db, home, LI, "2026-05-09T15:00:00Z", "2026-05-09T15:30:00Z");
  ids.p3 = await addPatrol(db, home, LI, "2026-05-10T15:00:00Z", null);
  // R8: found on patrol P0 at 01:00 (new); resolved 04:00, reopened 06:00, resolved 09:00: one
  // resolved report and one reopened report, however often.
  ids.r8 = await addReport(db, {
    communityId: home,
    categoryId: toilet,
    areaId: north,
    createdAt: "2026-05-09T17:00:00Z",
    deadlineAt: "2026-05-10T05:00:00Z",
    patrolId: p0,
    steps: [
      ["resolved", "2026-05-09T20:00:00Z"],
      ["reopened", "2026-05-09T22:00:00Z"],
      ["resolved", "2026-05-10T01:00:00Z"],
    ],
  });
  // Ratings: two on the day (R6 at 21:00, 4 stars; R5 at 23:59:59.999, 5 stars), one at the next
  // midnight and one the day before.
  await addRating(db, ids.r6, 4, "2026-05-10T13:00:00Z");
  await addRating(db, ids.r5, 5, "2026-05-10T15:59:59.999Z");
  await addRating(db, ids.r1, 1, "2026-05-10T16:00:00Z");
  await addRating(db, ids.r7, 2, "2026-05-09T15:59:59Z");

  // Another community's report, filed, resolved and rated on the day: never counted here.
  other = (await ensureCommunity(db, { slug: "other", name: "Other", timezone: "Asia/Shanghai" })).id;
  await seedDefaultCategories(db, other, (locale, key) => i18n.t(locale, key));
  const elsewhere = await addReport(db, {
    communityId: other,
    categoryId: await categoryId(db, other, "dirty-spot"),
    createdAt: "2026-05-10T02:00:00Z",
    deadlineAt: "2026-05-10T03:00:00Z",
    steps: [
      ["resolved", "2026-05-10T04:00:00Z"],
      ["closed", "2026-05-10T05:00:00Z"],
      ["reopened", "2026-05-10T06:00:00Z"],
    ],
  });
  await addRating(db, elsewhere, 1, "2026-05-10T05:30:00Z");
});
afterAll(() => database.close());

const counts = (n: number, resolved: number, closed: number, reopened: number, overdue: number) => ({ new: n, resolved, closed, reopened, overdue });

describe("computeDailyFigures", () => {
  it("counts the day in the community's time zone, from each report's history", async () => {
    const figures = await computeDailyFigures(database.db, home, DAY);
    expect(figures).toMatchObject({
      version: 1,
      communityId: home,
      communityName: "幸福社区",
      day: DAY,
      timezone: "Asia/Shanghai",
      from: "2026-05-09T16:00:00.000Z",
      to: "2026-05-10T16:00:00.000Z",
      asOf: "2026-05-10T16:00:00.000Z",
      // new: R2, R3, R8 · resolved: R1, R6, R8 · closed: R6 · reopened: R5, R8 · overdue: R2, R5
      totals: counts(3, 3, 1, 2, 2),
    });
    expect(figures.byCategory).toEqual([
      // dirty spot: R1 resolved, R2 new and overdue, R6 resolved and closed
      { id: dirty, icon: "🗑️", name: { "zh-CN": "卫生死角 / 垃圾堆", en: "Dirty spot or garbage pile" }, ...counts(1, 2, 1, 0, 1) },
      // toilet: R3 new, R5 reopened and overdue, R8 new, resolved and reopened
      { id: toilet, icon: "🚻", name: { "zh-CN": "公共厕所", en: "Public toilet" }, ...counts(2, 1, 0, 2, 1) },
    ]);
    expect(figures.byArea).toEqual([
      // sorted by name: 北区 (R1, R2, R8), 南区 (R3, R6), then no area (R5)
      { id: north, name: "北区", ...counts(2, 2, 0, 1, 1) },
      { id: south, name: "南区", ...counts(1, 1, 1, 0, 0) },
      { id: null, name: null, ...counts(0, 0, 0, 1, 1) },
    ]);
    expect(figures.patrols).toEqual([
      {
        id: expect.any(Number),
        inspectorId: ZHAO,
        inspectorName: "Zhao",
        startedAt: "2026-05-09T16:30:00.000Z",
        endedAt: "2026-05-09T18:00:00.000Z",
        minutes: 90,
        findings: 1,
      },
      {
        id: ids.p1,
        inspectorId: LI,
        inspectorName: "Li",
        startedAt: "2026-05-10T01:00:00.000Z",
        endedAt: "2026-05-10T03:30:00.000Z",
        minutes: 150,
        findings: 0,
      },
      { id: ids.p3, inspectorId: LI, inspectorName: "Li", startedAt: "2026-05-10T15:00:00.000Z", endedAt: null, minutes: 60, findings: 0 },
    ]);
    expect(figures.patrolTotals).toEqual({ count: 3, minutes: 300, findings: 1 });
    expect(figures.satisfaction).toEqual({ ratings: 2, average: 4.5 });
  });

  it("cuts a day that is not over at asOf: counts up to then, overdue as of then", async () => {
    // 12:30 local. new: R2 (00:00), R8 (01:00) · resolved: R8 (09:00), R1 (11:00) · closed: none
    // reopened: R8 (06:00), R5 (10:00) · overdue at 12:30: R2 (due 12:00, new), R5 (reopened),
    // R6 (due 5/10 04:00, only accepted then); R7 and R8 are due later, R1 at 23:59:59.
    const figures = await computeDailyFigures(database.db, home, DAY, { asOf: at("2026-05-10T04:30:00Z") });
    expect(figures.asOf).toBe("2026-05-10T04:30:00.000Z");
    expect(figures.totals).toEqual(counts(2, 2, 0, 2, 3));
    expect(figures.patrols.map((p) => [p.inspectorName, p.minutes, p.endedAt !== null])).toEqual([
      ["Zhao", 90, true],
      ["Li", 150, true],
    ]);
    expect(figures.satisfaction).toEqual({ ratings: 0, average: null });
  });

  it("gives the other community only its own report, and an empty day zeros", async () => {
    const elsewhere = await computeDailyFigures(database.db, other, DAY);
    expect(elsewhere.totals).toEqual(counts(1, 1, 1, 1, 1));
    expect(elsewhere.satisfaction).toEqual({ ratings: 1, average: 1 });
    const quiet = await computeDailyFigures(database.db, home, "2026-04-01");
    expect(quiet).toMatchObject({ totals: counts(0, 0, 0, 0, 0), byCategory: [], byArea: [], patrols: [], satisfaction: { ratings: 0, average: null } });
  });

  it("is JSON-safe: what is stored reads back the same", async () => {
    const figures = await computeDailyFigures(database.db, home, DAY);
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe("recordDay (日记录)", () => {
  it("stores the day once; later changes to reports do not change the record", async () => {
    const first = await recordDay(database.db, home, DAY, at("2026-05-11T01:00:00Z"));
    expect(first.created).toBe(true);
    expect(first.figures).toEqual(await computeDailyFigures(database.db, home, DAY));

    // Afterwards R2 is resolved "on the day" after all, and a report is back-dated into it.
    await database.db
      .update(reports)
      .set({ status: "resolved", resolvedAt: at("2026-05-10T08:00:00Z") })
      .where(eq(reports.id, ids.r2!));
    await database.db.insert(reportEvents).values({ reportId: ids.r2!, fromStatus: "new", toStatus: "resolved", createdAt: at("2026-05-10T08:00:00Z") });
    await addReport(database.db, {
      communityId: home,
      categoryId: dirty,
      areaId: south,
      createdAt: "2026-05-10T09:00:00Z",
      deadlineAt: "2026-05-11T09:00:00Z",
    });
    const now = await computeDailyFigures(database.db, home, DAY);
    expect(now.totals).toEqual(counts(4, 4, 1, 2, 1));

    const again = await recordDay(database.db, home, DAY, at("2026-05-12T01:00:00Z"));
    expect(again).toEqual({ figures: first.figures, created: false });
    expect(await storedDay(database.db, home, DAY)).toEqual(first.figures);
    const rows = await database.db.select().from(dailyRecords).where(eq(dailyRecords.communityId, home));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ day: DAY, createdAt: at("2026-05-11T01:00:00Z") });
  });

  it("two instances recording at once store one record and both return it", async () => {
    const day = "2026-05-09";
    const [a, b] = await Promise.all([
      recordDay(database.db, home, day, at("2026-05-10T10:00:00Z")),
      recordDay(database.db, home, day, at("2026-05-10T10:00:01Z")),
    ]);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(a.figures).toEqual(b.figures);
  });
});

describe("renderDailyReport", () => {
  it("writes the report in Chinese and in English, every count in place", async () => {
    const figures = (await storedDay(database.db, home, DAY))!;
    const zh = renderDailyReport(figures, "zh-CN", (key, vars) => i18n.t("zh-CN", key, vars));
    expect(zh.split("\n")).toEqual([
      "📋 幸福社区 日汇报 · 2026-05-10",
      "（全天）",
      "",
      "上报：新增 3 · 已处理 3 · 已结案 1 · 重新打开 2 · 超期未办 2",
      "",
      "按类别：",
      "• 🗑️ 卫生死角 / 垃圾堆：新增 1 · 处理 2 · 结案 1 · 重开 0 · 超期 1",
      "• 🚻 公共厕所：新增 2 · 处理 1 · 结案 0 · 重开 2 · 超期 1",
      "",
      "按网格：",
      "• 北区：新增 2 · 处理 2 · 结案 0 · 重开 1 · 超期 1",
      "• 南区：新增 1 · 处理 1 · 结案 1 · 重开 0 · 超期 0",
      "• 未划入网格：新增 0 · 处理 0 · 结案 0 · 重开 1 · 超期 1",
      "",
      "巡查：3 次，共 300 分钟，发现问题 1 个",
      "• Zhao 00:30–02:00（90 分钟），发现 1 个",
      "• Li 09:00–11:30（150 分钟），发现 0 个",
      "• Li 23:00–进行中（60 分钟），发现 0 个",
      "居民满意度：2 条评价，平均 4.5 星",
    ]);
    const en = renderDailyReport(figures, "en", (key, vars) => i18n.t("en", key, vars));
    expect(en).toContain("📋 幸福社区 daily report · 2026-05-10\n(whole day)");
    expect(en).toContain("Reports: 3 new · 3 dealt with · 1 closed · 2 reopened · 2 overdue");
    expect(en).toContain("• 🗑️ Dirty spot or garbage pile: 1 new · 2 dealt with · 1 closed · 0 reopened · 1 overdue");
    expect(en).toContain("Residents' satisfaction: 2 ratings, 4.5 stars on average");
  });

  it("says when the figures were taken for a day not over, and when nothing happened", async () => {
    const cut = await computeDailyFigures(database.db, home, DAY, { asOf: at("2026-05-10T04:30:00Z") });
    const text = renderDailyReport(cut, "en", (key, vars) => i18n.t("en", key, vars));
    expect(text.split("\n")[1]).toBe("(as of 12:30)");
    expect(text).toContain("Residents' satisfaction: no new ratings today.");
    const quiet = renderDailyReport(await computeDailyFigures(database.db, home, "2026-04-01"), "zh-CN", (key, vars) => i18n.t("zh-CN", key, vars));
    expect(quiet).toContain("巡查：今天没有巡查记录。");
    expect(quiet).not.toContain("按类别");
  });
});

describe("days", () => {
  it("validates calendar days and does the period arithmetic", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2024-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "20260101", "1999-12-31", "yesterday", "2026-05-10 "]) expect(isDay(bad), bad).toBe(false);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(startOfWeek("2026-05-10")).toBe("2026-05-04"); // a Sunday → its Monday
    expect(startOfWeek("2026-05-11")).toBe("2026-05-11");
    expect(startOfMonth("2026-05-10")).toBe("2026-05-01");
    expect(startOfQuarter("2026-05-10")).toBe("2026-04-01");
    expect(startOfQuarter("2026-12-31")).toBe("2026-10-01");
    expect(dayIn(at("2026-05-09T16:00:00Z"), "Asia/Shanghai")).toBe("2026-05-10");
    expect(dayIn(at("2026-05-09T15:59:59Z"), "Asia/Shanghai")).toBe("2026-05-09");
  });
});
