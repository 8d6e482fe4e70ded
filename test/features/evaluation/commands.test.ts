import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFeatures } from "../../../src/bot/create-bot.js";
import { dailyRecords } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";
import type { FakeTelegram } from "../../helpers/fake-telegram.js";
import { PNG_MAGIC, pngSize } from "../../helpers/png.js";
import { telegramWithUploads, type Upload } from "../../helpers/uploads.js";
import { addArea, addMember, addRating, addReport, categoryId } from "./fixture.js";

/*
 * The harness clock starts at 2026-05-01T02:00Z: 10:00 on 1 May in Asia/Shanghai. /daily and
 * /stats go through the real bot; the CSV is read back from the multipart upload.
 */
const STAFF = 5001;
const RESIDENT = 5002;
const INSPECTOR = 5003;
const ADMIN = 5004;
const u = updates();
const staff = u.user(STAFF, { languageCode: "en" });
const staffZh = u.user(ADMIN, { languageCode: "zh-hans" });

let database: TestDatabase;
let home: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  home = (await seedDefaultCommunity(db)).id;
  await addMember(db, home, STAFF, "Wang", "staff");
  await addMember(db, home, INSPECTOR, "Li", "inspector");
  await addMember(db, home, ADMIN, "Zhou", "admin");
  const dirty = await categoryId(db, home, "dirty-spot");
  const north = await addArea(db, home, "北区");
  // 30 April (local): two reports, one resolved after 3 h by Li and rated; 1 May 08:00: one new.
  const first = await addReport(db, {
    communityId: home,
    categoryId: dirty,
    areaId: north,
    createdAt: "2026-04-30T01:00:00Z",
    deadlineAt: "2026-04-30T09:00:00Z",
    assigneeId: INSPECTOR,
    steps: [
      ["assigned", "2026-04-30T01:30:00Z"],
      ["resolved", "2026-04-30T04:00:00Z"],
      ["closed", "2026-04-30T05:00:00Z"],
    ],
  });
  await addRating(db, first, 5, "2026-04-30T06:00:00Z");
  await addReport(db, { communityId: home, categoryId: dirty, areaId: null, createdAt: "2026-04-30T03:00:00Z", deadlineAt: "2026-04-30T05:00:00Z" });
  await addReport(db, { communityId: home, categoryId: dirty, areaId: north, createdAt: "2026-05-01T00:00:00Z", deadlineAt: "2026-05-02T00:00:00Z" });
});
afterAll(() => database.close());

/** A PNG's signature, and its width from the IHDR (charts are drawn at twice 832 points). */
function expectChartPng(bytes: Buffer): void {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
  expect(pngSize(bytes).width).toBe(1664);
  expect(bytes.length).toBeGreaterThan(10_000);
}

/** An album's photos as sent: each InputMedia's caption and the PNG its attach:// names. */
function albumPhotos(upload: Upload): Array<{ caption: string; bytes: Buffer }> {
  const media = JSON.parse(upload.fields.media!) as Array<{ type: string; media: string; caption: string }>;
  return media.map((m) => {
    expect(m.type).toBe("photo");
    expect(m.media).toMatch(/^attach:\/\//);
    const file = upload.files.find((f) => f.name === m.media.slice("attach://".length));
    return { caption: m.caption, bytes: file!.bytes };
  });
}

const harness = (telegram?: FakeTelegram): Harness => createHarness({ db: database.db, features: defaultFeatures, ...(telegram ? { telegram } : {}) });

describe("/daily", () => {
  it("shows today so far, in the member's language", async () => {
    const h = harness();
    await h.send(u.command(staff, "daily"));
    const text = h.telegram.lastText(STAFF)!;
    expect(text.split("\n").slice(0, 4)).toEqual([
      "📋 幸福社区 daily report · 2026-05-01",
      "(as of 10:00)",
      "",
      "Reports: 1 new · 0 dealt with · 0 closed · 0 reopened · 1 overdue",
    ]);
    await h.send(u.command(staffZh, "daily"));
    expect(h.telegram.lastText(ADMIN)).toMatch(/^📋 幸福社区 日汇报 · 2026-05-01\n（截至 10:00）/);
    // Today is not stored: the record is written when the day is reported, by the job or later.
    expect(await database.db.select().from(dailyRecords).where(eq(dailyRecords.day, "2026-05-01"))).toHaveLength(0);
  });

  it("shows a past day from its record, storing it the first time", async () => {
    const h = harness();
    await h.send(u.command(staff, "daily", "2026-04-30"));
    const text = h.telegram.lastText(STAFF)!;
    expect(text).toContain("📋 幸福社区 daily report · 2026-04-30\n(whole day)");
    expect(text).toContain("Reports: 2 new · 1 dealt with · 1 closed · 0 reopened · 1 overdue");
    expect(text).toContain("Residents' satisfaction: 1 ratings, 5.0 stars on average");
    const [record] = await database.db.select().from(dailyRecords).where(eq(dailyRecords.day, "2026-04-30"));
    expect(record).toMatchObject({ communityId: home, createdAt: h.clock.now() });
    await h.send(u.command(staff, "daily", "2026-04-30"));
    expect(h.telegram.lastText(STAFF)).toBe(text);
  });

  it.each([
    ["2026-05-02", "That day has not come yet, so there is no report. Today is 2026-05-01; please choose today or an earlier day."],
    ["2026-04-31", "That date is not in the right form. Please write it like this: /daily 2026-05-01 (year-month-day); without a date you get today."],
    ["yesterday", "That date is not in the right form. Please write it like this: /daily 2026-05-01 (year-month-day); without a date you get today."],
    [
      "2026-04-30 2026-04-29",
      "That date is not in the right form. Please write it like this: /daily 2026-05-01 (year-month-day); without a date you get today.",
    ],
  ])("refuses %j politely", async (arg, answer) => {
    const h = harness();
    await h.send(u.command(staff, "daily", arg));
    expect(h.telegram.lastText(STAFF)).toBe(answer);
  });

  it("refuses in Chinese for a Chinese speaker", async () => {
    const h = harness();
    await h.send(u.command(staffZh, "daily", "2099-01-01"));
    expect(h.telegram.lastText(ADMIN)).toBe("还没到这一天，没有汇报。今天是 2026-05-01，请选今天或以前的日期。");
  });
});

describe("/stats", () => {
  it("answers with the figures and a CSV file", async () => {
    const { telegram, uploads } = telegramWithUploads();
    const h = harness(telegram);
    await h.send(u.command(staff, "stats", "2026-04-01 2026-04-30"));
    const text = h.telegram.lastText(STAFF)!;
    expect(text.split("\n").slice(0, 7)).toEqual([
      "📊 Statistics · 2026-04-01 to 2026-04-30",
      "",
      "2 reports, 1 dealt with",
      "Time to deal with a report: median 3.0 hours, 90% within 3.0 hours",
      "Dealt with by the deadline: 50.0% (1/2)",
      "Reopened: 0.0% (0/2)",
      "Residents' ratings: 1, 5.0 stars on average",
    ]);
    expect(text).toContain("• Li: 1 assigned, 1 dealt with");
    expect(text.endsWith("📎 The details are in the CSV file below (opens in Excel).")).toBe(true);

    // The charts, as one album after the text: per day, hours to deal with, in time, satisfaction.
    const [album, upload] = uploads;
    expect(album).toMatchObject({ method: "sendMediaGroup", fields: { chat_id: String(STAFF) } });
    const photos = albumPhotos(album!);
    expect(photos.map((p) => p.caption)).toEqual([
      "Reports per day, by kind",
      "Hours to deal with, by the week filed",
      "Share dealt with in time, by kind",
      "Residents' satisfaction (stars of 5), by area",
    ]);
    for (const photo of photos) expectChartPng(photo.bytes);
    expect(album!.files.map((f) => f.filename)).toEqual([
      "stats-2026-04-30-per-day.png",
      "stats-2026-04-30-resolve-hours.png",
      "stats-2026-04-30-in-time-category.png",
      "stats-2026-04-30-rating-area.png",
    ]);
    const order = h.telegram.sent().map((c) => c.method);
    expect(order.slice(-3)).toEqual(["sendMessage", "sendMediaGroup", "sendDocument"]);
    expect(upload).toMatchObject({ method: "sendDocument", fields: { chat_id: String(STAFF) } });
    expect(h.telegram.callsOf("sendDocument")).toHaveLength(1);
    expect(upload!.files).toHaveLength(1);
    const { filename, bytes } = upload!.files[0]!;
    expect(filename).toBe("stats-2026-04-30.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Group,Name,Reports,Dealt with,Due,On time,On time (%),Reopened,Reopened (%),Ratings,Average stars,Median hours to deal with,90th percentile hours,Assigned",
    );
    expect(lines[1]).toBe("Total,2026-04-01 ~ 2026-04-30,2,1,2,1,50,0,0,1,5,3,3,");
    expect(lines).toContain("Area,北区,1,1,1,1,100,0,0,1,5,,,");
  });

  it("covers this month by default, and names the headers in Chinese for a Chinese speaker", async () => {
    const { telegram, uploads } = telegramWithUploads();
    const h = harness(telegram);
    await h.send(u.command(staffZh, "stats"));
    expect(h.telegram.lastText(ADMIN)).toMatch(/^📊 考评统计 · 2026-05-01 至 2026-05-01\n\n上报 1 件，已处理 0 件\n处理用时：还没有已处理的上报\n/);
    // One report, not dealt with nor due yet: only the chart per day has something to draw, as one photo.
    const [photo, csv] = uploads;
    expect(photo).toMatchObject({ method: "sendPhoto", fields: { chat_id: String(ADMIN), caption: "每天的上报（按类型）" } });
    expect(photo!.files.map((f) => f.filename)).toEqual(["stats-2026-05-01-per-day.png"]);
    expectChartPng(photo!.files[0]!.bytes);
    expect(csv!.files[0]!.filename).toBe("stats-2026-05-01.csv");
    expect(csv!.files[0]!.bytes.toString("utf8")).toMatch(/^\uFEFF分组,名称,上报数/);
  });

  it("says so when the period has no reports, and sends no file", async () => {
    const h = harness();
    await h.send(u.command(staff, "stats", "2026-01-01 2026-01-31"));
    expect(h.telegram.lastText(STAFF)).toBe("📊 Statistics · 2026-01-01 to 2026-01-31\n\nNo reports in this period.");
    expect(h.telegram.callsOf("sendDocument")).toHaveLength(0);
    expect(h.telegram.callsOf("sendPhoto")).toHaveLength(0);
    expect(h.telegram.callsOf("sendMediaGroup")).toHaveLength(0);
  });

  it.each([
    [
      "yesterday",
      "Usage: /stats (this month), /stats week (this week), /stats month (this month), /stats quarter (this quarter), or /stats 2026-04-01 2026-04-30 (first and last day, both included).",
    ],
    [
      "2026-04-01",
      "Usage: /stats (this month), /stats week (this week), /stats month (this month), /stats quarter (this quarter), or /stats 2026-04-01 2026-04-30 (first and last day, both included).",
    ],
    ["2026-02-30 2026-03-10", "There is no such date; please check it and send it again, e.g. /stats 2026-04-01 2026-04-30"],
    ["2026-04-30 2026-04-01", "The first date is after the last one; please put the earlier date first."],
    ["2026-06-01 2026-06-30", "That period has not begun yet; please choose today or an earlier day to start."],
    ["2024-01-01 2026-04-30", "That period is too long: at most 366 days. Please ask for it in parts."],
  ])("refuses %j politely", async (arg, answer) => {
    const h = harness();
    await h.send(u.command(staff, "stats", arg));
    expect(h.telegram.lastText(STAFF)).toBe(answer);
    expect(h.telegram.callsOf("sendDocument")).toHaveLength(0);
    expect(h.telegram.sent(STAFF).map((c) => c.method)).toEqual(["sendMessage"]);
  });
});

describe("roles", () => {
  it.each([
    ["a resident", RESIDENT],
    ["an inspector", INSPECTOR],
  ])("refuses /daily and /stats to %s", async (_who, id) => {
    const h = harness();
    const user = u.user(id, { languageCode: "en" });
    for (const command of ["daily", "stats"]) {
      await h.send(u.command(user, command));
      expect(h.telegram.lastText(id)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
    }
    expect(h.telegram.callsOf("sendDocument")).toHaveLength(0);
    expect(h.telegram.texts(id).join("\n")).not.toContain("daily report");
  });

  it("lists /daily and /stats in staff's /help only", async () => {
    const h = harness();
    await h.send(u.command(staff, "help"));
    expect(h.telegram.lastText(STAFF)).toContain("/daily — Daily report: /daily or /daily 2026-05-01");
    expect(h.telegram.lastText(STAFF)).toContain("/stats — Statistics: /stats week|month|quarter or two dates");
    const resident = u.user(RESIDENT, { languageCode: "en" });
    await h.send(u.command(resident, "help"));
    expect(h.telegram.lastText(RESIDENT)).not.toContain("/daily");
  });
});
