import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  areas,
  conversationStates,
  reportCategories,
  reportCounters,
  reportEvents,
  reportPhotos,
  reportRatings,
  reports,
  reportSupporters,
  userRoles,
  users,
  type ReportStatus,
} from "../../../src/db/schema/index.js";
import { ensureCommunity, grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { applyReportAction } from "../../../src/features/reports/actions.js";
import { seedDefaultCategories } from "../../../src/features/reports/categories.js";
import { forgetUser } from "../../../src/features/reports/forget.js";
import type { GeoPoint } from "../../../src/features/reports/geo.js";
import { formatReportNumber } from "../../../src/features/reports/numbers.js";
import { getReportForResident, listReportsOf } from "../../../src/features/reports/resident-reads.js";
import {
  createReport,
  findNearbyOpenReports,
  rateReport,
  reportsFiledToday,
  supportReport,
  type CreateReportResult,
  type NewReport,
  type ReportRules,
} from "../../../src/features/reports/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";

const T0 = new Date("2026-05-01T02:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const rules: ReportRules = { dailyLimit: 1000, duplicateRadiusMeters: 50, duplicateWindowDays: 14 };
const STAFF = 500;

let database: TestDatabase;
let communityA: number;
let communityB: number;
/** A community keeping UTC, to tell the community's day from Shanghai's. */
let communityUtc: number;
/** Category ids by code, per community. */
const categoriesA: Record<string, number> = {};
const categoriesB: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  communityA = (await seedDefaultCommunity(db)).id;
  communityB = (await ensureCommunity(db, { slug: "east", name: "East", timezone: "Asia/Shanghai" })).id;
  communityUtc = (await ensureCommunity(db, { slug: "west", name: "West", timezone: "UTC" })).id;
  for (const community of [communityB, communityUtc]) await seedDefaultCategories(db, community, (_l, key) => key);
  for (const row of await db.select().from(reportCategories)) {
    if (row.communityId === communityA) categoriesA[row.code] = row.id;
    if (row.communityId === communityB) categoriesB[row.code] = row.id;
  }
  await user(STAFF);
  await grantRole(db, { userId: STAFF, communityId: communityA, role: "staff", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

async function user(id: number): Promise<number> {
  await recordUser(database.db, { id, firstName: `user${id}` }, new Date("2026-01-01T00:00:00Z"));
  return id;
}

let keys = 0;
function input(reporterId: number, overrides: Partial<NewReport> = {}): NewReport {
  return {
    clientKey: `service-${keys++}`,
    communityId: communityA,
    reporterId,
    categoryId: categoriesA["dirty-spot"]!,
    description: "Garbage pile",
    voiceFileId: null,
    photos: [],
    location: { latitude: 31.2, longitude: 121.4 },
    address: "Gate 3",
    areaId: null,
    anonymous: false,
    ...overrides,
  };
}

function ok(result: CreateReportResult) {
  if (!result.ok) throw new Error(`expected a report, got ${result.reason}`);
  return result;
}

async function file(reporterId: number, at: Date, overrides: Partial<NewReport> = {}): Promise<number> {
  return ok(await createReport(database.db, input(reporterId, overrides), rules, at)).reportId;
}

const setStatus = (id: number, status: ReportStatus) => database.db.update(reports).set({ status }).where(eq(reports.id, id));
const row = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0];
async function countOf(table: typeof reports | typeof reportEvents | typeof reportPhotos | typeof reportSupporters): Promise<number> {
  const [r] = await database.db.select({ n: count() }).from(table);
  return r!.n;
}
const totals = async () => ({
  reports: await countOf(reports),
  events: await countOf(reportEvents),
  photos: await countOf(reportPhotos),
  counters: await database.db.select().from(reportCounters).orderBy(asc(reportCounters.communityId)),
});

describe("createReport", () => {
  // First in the file: the numbers start at 1 in each community.
  it("numbers per community, sets the deadline from the category, stores photos and the first history row", async () => {
    const reporter = await user(1001);
    const first = await createReport(
      database.db,
      input(reporter, {
        clientKey: "first",
        categoryId: categoriesA["public-toilet"]!,
        description: "No water",
        voiceFileId: "voice-1",
        photos: [
          { fileId: "p1", fileUniqueId: "u1" },
          { fileId: "p2", fileUniqueId: "u2" },
        ],
        anonymous: true,
      }),
      rules,
      T0,
    );
    expect(first).toEqual({ ok: true, reportId: expect.any(Number), number: 1, deadlineAt: hours(12).toISOString(), created: true });
    const second = ok(await createReport(database.db, input(reporter), rules, minutes(1)));
    expect(second).toMatchObject({ number: 2, deadlineAt: new Date(minutes(1).getTime() + 24 * 3_600_000).toISOString() });
    const inB = ok(
      await createReport(database.db, input(reporter, { communityId: communityB, categoryId: categoriesB["illegal-structure"]! }), rules, minutes(2)),
    );
    expect(inB).toMatchObject({ number: 1, deadlineAt: new Date(minutes(2).getTime() + 72 * 3_600_000).toISOString() });
    expect(formatReportNumber(inB.number)).toBe("R-000001");

    const id = ok(first).reportId;
    expect(await row(id)).toMatchObject({
      communityId: communityA,
      number: 1,
      categoryId: categoriesA["public-toilet"],
      reporterId: reporter,
      anonymous: true,
      source: "resident",
      description: "No water",
      voiceFileId: "voice-1",
      latitude: 31.2,
      longitude: 121.4,
      address: "Gate 3",
      status: "new",
      assigneeId: null,
      clientKey: "first",
      createdAt: T0,
      updatedAt: T0,
      deadlineAt: hours(12),
      resolvedAt: null,
    });
    const photos = await database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, id)).orderBy(asc(reportPhotos.id));
    expect(photos.map((p) => ({ kind: p.kind, fileId: p.fileId, fileUniqueId: p.fileUniqueId, createdAt: p.createdAt }))).toEqual([
      { kind: "report", fileId: "p1", fileUniqueId: "u1", createdAt: T0 },
      { kind: "report", fileId: "p2", fileUniqueId: "u2", createdAt: T0 },
    ]);
    const events = await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "new", actorId: reporter, note: null, createdAt: T0 })]);
    expect((await totals()).counters.map((c) => [c.communityId, c.lastNumber])).toEqual([
      [communityA, 2],
      [communityB, 1],
    ]);
  });

  it("the same clientKey twice returns the same report with created=false and writes nothing more", async () => {
    const reporter = await user(1002);
    const made = ok(await createReport(database.db, input(reporter, { clientKey: "twice", photos: [{ fileId: "a", fileUniqueId: "ua" }] }), rules, T0));
    const before = await totals();
    const again = await createReport(
      database.db,
      input(reporter, { clientKey: "twice", description: "different words", photos: [{ fileId: "b", fileUniqueId: "ub" }] }),
      rules,
      minutes(5),
    );
    expect(again).toEqual({ ...made, created: false });
    expect(await totals()).toEqual(before);
    expect((await row(made.reportId))?.description).toBe("Garbage pile");
    // The counter was not used up: the next report takes the next number.
    expect(ok(await createReport(database.db, input(reporter), rules, minutes(6))).number).toBe(made.number + 1);
  });

  it("refuses beyond the daily limit and writes nothing", async () => {
    const reporter = await user(1003);
    const limited = { ...rules, dailyLimit: 2 };
    ok(await createReport(database.db, input(reporter), limited, hours(1)));
    ok(await createReport(database.db, input(reporter), limited, hours(2)));
    const before = await totals();
    expect(await createReport(database.db, input(reporter, { clientKey: "third" }), limited, hours(3))).toEqual({ ok: false, reason: "daily-limit", limit: 2 });
    expect(await totals()).toEqual(before);
    // Another resident is not affected by this one's reports.
    ok(await createReport(database.db, input(await user(1004)), limited, hours(3)));
    // The next day (Shanghai) the same resident may report again, with the refused key even.
    ok(await createReport(database.db, input(reporter, { clientKey: "third" }), limited, hours(24)));
  });

  it("counts the daily limit per community: reports filed in another community do not count", async () => {
    const reporter = await user(1005);
    const limited = { ...rules, dailyLimit: 1 };
    ok(await createReport(database.db, input(reporter), limited, hours(1)));
    expect(await reportsFiledToday(database.db, reporter, communityA, hours(1))).toBe(1);
    expect(await reportsFiledToday(database.db, reporter, communityB, hours(1))).toBe(0);
    ok(await createReport(database.db, input(reporter, { communityId: communityB, categoryId: categoriesB["illegal-structure"]! }), limited, hours(2)));
    expect(await createReport(database.db, input(reporter, { clientKey: "over" }), limited, hours(3))).toMatchObject({ ok: false, reason: "daily-limit" });
  });

  it("counts the calendar day in the community's time zone", async () => {
    const limited = { ...rules, dailyLimit: 1 };
    // Shanghai is UTC+8: 15:30Z is 23:30 on May 1, 20:00Z is 04:00 on May 2.
    const lateEvening = new Date("2026-05-01T15:30:00Z");
    const nextMorning = new Date("2026-05-01T20:00:00Z");
    const shanghai = await user(1010);
    ok(await createReport(database.db, input(shanghai), limited, lateEvening));
    ok(await createReport(database.db, input(shanghai), limited, nextMorning));
    expect(await createReport(database.db, input(shanghai), limited, new Date("2026-05-01T20:05:00Z"))).toMatchObject({ ok: false, reason: "daily-limit" });

    // Local midnight belongs to the new day.
    const midnight = await user(1011);
    ok(await createReport(database.db, input(midnight), limited, new Date("2026-05-01T16:00:00Z")));
    expect(await createReport(database.db, input(midnight), limited, nextMorning)).toMatchObject({ ok: false, reason: "daily-limit" });

    // In a community keeping UTC the same two moments fall on one day.
    const utc = await user(1012);
    const utcCategory = (await database.db.select().from(reportCategories).where(eq(reportCategories.communityId, communityUtc)))[0]!.id;
    const inUtc = { communityId: communityUtc, categoryId: utcCategory };
    ok(await createReport(database.db, input(utc, inUtc), limited, lateEvening));
    expect(await createReport(database.db, input(utc, inUtc), limited, nextMorning)).toMatchObject({ ok: false, reason: "daily-limit" });
  });

  it("10 parallel confirmations with a daily limit of 3 make exactly 3 reports", async () => {
    const reporter = await user(1020);
    const limited = { ...rules, dailyLimit: 3 };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createReport(database.db, input(reporter, { clientKey: `parallel-${i}` }), limited, hours(1))),
    );
    const made = results.filter((r) => r.ok);
    expect(made).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 7 }, () => ({ ok: false, reason: "daily-limit", limit: 3 })));
    expect(new Set(made.map((r) => r.number)).size).toBe(3);
    const [stored] = await database.db.select({ n: count() }).from(reports).where(eq(reports.reporterId, reporter));
    expect(stored!.n).toBe(3);
  });

  // BUG (Postgres only; PGlite runs one transaction at a time): the clientKey is looked up before
  // the reporter's row is locked, so two simultaneous confirmations both miss it and the second
  // fails on the unique client_key with a database error instead of returning created=false.
  it("the same clientKey confirmed twice at once makes one report and no error", async () => {
    const reporter = await user(1025);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => createReport(database.db, input(reporter, { clientKey: "double-tap" }), rules, hours(1))),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    const values = results.map((r) => (r as PromiseFulfilledResult<CreateReportResult>).value);
    expect(new Set(values.map((v) => (v.ok ? v.reportId : null))).size).toBe(1);
    expect(values.filter((v) => v.ok && v.created)).toHaveLength(1);
    const [stored] = await database.db.select({ n: count() }).from(reports).where(eq(reports.clientKey, "double-tap"));
    expect(stored!.n).toBe(1);
  });

  it("refuses an inactive, foreign or unknown category and writes nothing", async () => {
    const reporter = await user(1030);
    const [inactive] = await database.db
      .insert(reportCategories)
      .values({ communityId: communityA, code: "retired", name: { "zh-CN": "旧", en: "Old" }, icon: "x", deadlineHours: 1, active: false })
      .returning();
    const before = await totals();
    for (const categoryId of [inactive!.id, categoriesB["dirty-spot"]!, 987_654]) {
      expect(await createReport(database.db, input(reporter, { categoryId }), rules, T0)).toEqual({ ok: false, reason: "category-unavailable" });
    }
    expect(await totals()).toEqual(before);
  });
});

/** The point `meters` away from `from` towards north (0°), east (90°)…, on turf's sphere. */
function moved(from: GeoPoint, meters: number, bearingDegrees: number): GeoPoint {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const d = meters / R;
  const lat1 = from.latitude * rad;
  const lng1 = from.longitude * rad;
  const b = bearingDegrees * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: lat2 / rad, longitude: lng2 / rad };
}

describe("findNearbyOpenReports", () => {
  it("finds open reports of the same category within the radius and window, nearest first", async () => {
    const reporter = await user(1100);
    const here: GeoPoint = { latitude: 31.25, longitude: 121.45 };
    const pollution = categoriesA.pollution!;
    const since = new Date(T0.getTime() - 14 * 86_400_000);
    const at = (meters: number, bearing: number, overrides: Partial<NewReport> = {}, when = T0) =>
      file(reporter, when, { categoryId: pollution, location: moved(here, meters, bearing), ...overrides });

    const north30 = await at(30, 0);
    const east10 = await at(10, 90);
    const south45 = await at(45, 180);
    const west20 = await at(20, 270);
    await setStatus(east10, "accepted");
    await setStatus(south45, "in_progress");
    await setStatus(west20, "reopened");
    const assigned40 = await at(40, 45);
    await setStatus(assigned40, "assigned");
    // Not found: too far, another category, finished or resolved, too old, no location.
    await at(80, 0);
    await at(51, 200);
    await at(5, 0, { categoryId: categoriesA["dirty-spot"]! });
    for (const status of ["closed", "rejected", "duplicate", "resolved"] as const) await setStatus(await at(5, 10), status);
    await at(5, 20, {}, new Date(since.getTime() - 60_000));
    await file(reporter, T0, { categoryId: pollution, location: null });

    const found = await findNearbyOpenReports(database.db, { communityId: communityA, categoryId: pollution, at: here, since, radiusMeters: 50 });
    expect(found.map((r) => [r.id, r.distanceMeters, r.status])).toEqual([
      [east10, 10, "accepted"],
      [west20, 20, "reopened"],
      [north30, 30, "new"],
      [assigned40, 40, "assigned"],
      [south45, 45, "in_progress"],
    ]);
    expect(found[0]).toMatchObject({ number: (await row(east10))!.number, createdAt: T0.toISOString() });

    // A smaller radius and a later window narrow it down.
    const near = await findNearbyOpenReports(database.db, { communityId: communityA, categoryId: pollution, at: here, since, radiusMeters: 25 });
    expect(near.map((r) => r.id)).toEqual([east10, west20]);
    const later = await findNearbyOpenReports(database.db, { communityId: communityA, categoryId: pollution, at: here, since: minutes(1), radiusMeters: 50 });
    expect(later).toEqual([]);
    // Same spot, another community: nothing there.
    expect(await findNearbyOpenReports(database.db, { communityId: communityB, categoryId: pollution, at: here, since, radiusMeters: 50 })).toEqual([]);
  });
});

describe("supportReport", () => {
  it("adds a +1 once, refuses the reporter's own and finished reports", async () => {
    const reporter = await user(1200);
    const neighbour = await user(1201);
    const id = await file(reporter, T0);
    const number = (await row(id))!.number;
    expect(await supportReport(database.db, id, neighbour, minutes(1))).toEqual({ ok: true, number, added: true });
    expect(await supportReport(database.db, id, neighbour, minutes(2))).toEqual({ ok: true, number, added: false });
    const supports = await database.db.select().from(reportSupporters).where(eq(reportSupporters.reportId, id));
    expect(supports).toEqual([{ reportId: id, userId: neighbour, createdAt: minutes(1) }]);

    expect(await supportReport(database.db, id, reporter, minutes(3))).toEqual({ ok: false, reason: "own-report" });
    for (const status of ["closed", "rejected", "duplicate", "resolved"] as const) {
      const done = await file(reporter, T0);
      await setStatus(done, status);
      expect(await supportReport(database.db, done, neighbour, minutes(4))).toEqual({ ok: false, reason: "finished" });
      expect(await database.db.select().from(reportSupporters).where(eq(reportSupporters.reportId, done))).toEqual([]);
    }
    for (const status of ["accepted", "assigned", "in_progress", "reopened"] as const) {
      const open = await file(reporter, T0);
      await setStatus(open, status);
      expect(await supportReport(database.db, open, neighbour, minutes(4))).toMatchObject({ ok: true, added: true });
    }
    expect(await supportReport(database.db, 987_654, neighbour, minutes(5))).toEqual({ ok: false, reason: "not-found" });
  });
});

describe("listReportsOf", () => {
  it("lists own and supported reports newest first, one page at a time, with the total", async () => {
    const me = await user(1300);
    const other = await user(1301);
    const own1 = await file(me, hours(1));
    const supportedOld = await file(other, hours(1.5));
    const own2 = await file(me, hours(2));
    const own3 = await file(me, hours(3), { categoryId: categoriesA["public-toilet"]! });
    const supportedNew = await file(other, hours(4));
    await file(other, hours(5)); // neither mine nor supported
    // Two at the same moment: the later id first.
    const sameA = await file(me, hours(2.5));
    const sameB = await file(me, hours(2.5));
    for (const id of [supportedOld, supportedNew]) expect(await supportReport(database.db, id, me, hours(6))).toMatchObject({ ok: true, added: true });
    await setStatus(own2, "accepted");

    const all = await listReportsOf(database.db, me, { offset: 0, limit: 20 });
    expect(all.total).toBe(7);
    expect(all.items.map((i) => [i.id, i.supported])).toEqual([
      [supportedNew, true],
      [own3, false],
      [sameB, false],
      [sameA, false],
      [own2, false],
      [supportedOld, true],
      [own1, false],
    ]);
    expect(all.items[1]).toMatchObject({ categoryIcon: "🚻", createdAt: hours(3).toISOString(), status: "new", number: (await row(own3))!.number });
    expect(all.items[4]).toMatchObject({ status: "accepted", categoryIcon: "🗑️" });

    const page = await listReportsOf(database.db, me, { offset: 1, limit: 2 });
    expect(page).toEqual({ total: 7, items: all.items.slice(1, 3) });
    const last = await listReportsOf(database.db, me, { offset: 6, limit: 5 });
    expect(last).toEqual({ total: 7, items: all.items.slice(6) });
    expect(await listReportsOf(database.db, await user(1302), { offset: 0, limit: 5 })).toEqual({ total: 0, items: [] });
  });
});

describe("getReportForResident", () => {
  it("shows the reporter and supporters the report and its history; strangers nothing", async () => {
    const reporter = await user(1400);
    const supporter = await user(1401);
    const stranger = await user(1402);
    const [area] = await database.db
      .insert(areas)
      .values({ communityId: communityA, name: "Block 7", centerLatitude: 31.2, centerLongitude: 121.4, radiusMeters: 200 })
      .returning();
    const id = await file(reporter, T0, { description: "Broken bench", areaId: area!.id, categoryId: categoriesA["public-toilet"]! });
    await supportReport(database.db, id, supporter, minutes(1));
    await applyReportAction(database.db, { reportId: id, action: "accept", actor: { userId: STAFF } }, minutes(2));
    await applyReportAction(database.db, { reportId: id, action: "assign", actor: { userId: STAFF }, assigneeId: STAFF, note: "on it" }, minutes(3));
    await applyReportAction(database.db, { reportId: id, action: "resolve", actor: { userId: STAFF }, note: "repaired" }, minutes(4));

    const seen = await getReportForResident(database.db, id, reporter);
    expect(seen).toMatchObject({
      id,
      number: (await row(id))!.number,
      status: "resolved",
      categoryIcon: "🚻",
      description: "Broken bench",
      hasVoice: false,
      address: "Gate 3",
      location: { latitude: 31.2, longitude: 121.4 },
      areaName: "Block 7",
      createdAt: T0.toISOString(),
      deadlineAt: hours(12).toISOString(),
      resolutionNote: "repaired",
      rejectionReason: null,
      duplicateOfNumber: null,
      supporters: 1,
      rating: null,
      isReporter: true,
    });
    expect(seen!.history).toEqual([
      { from: null, to: "new", note: null, at: T0.toISOString() },
      { from: "new", to: "accepted", note: null, at: minutes(2).toISOString() },
      { from: "accepted", to: "assigned", note: "on it", at: minutes(3).toISOString() },
      { from: "assigned", to: "resolved", note: "repaired", at: minutes(4).toISOString() },
    ]);
    expect(seen).not.toHaveProperty("reporterId");
    expect(await getReportForResident(database.db, id, supporter)).toEqual({ ...seen, isReporter: false });
    expect(await getReportForResident(database.db, id, stranger)).toBeUndefined();
    expect(await getReportForResident(database.db, id, STAFF)).toBeUndefined();
    expect(await getReportForResident(database.db, 987_654, reporter)).toBeUndefined();
  });

  it("keeps a hidden description hidden and names the original of a duplicate", async () => {
    const reporter = await user(1410);
    const first = await file(reporter, T0, { description: "Car on the pavement", voiceFileId: "v" });
    await database.db
      .update(reports)
      .set({ descriptionHiddenAt: minutes(1) })
      .where(eq(reports.id, first));
    expect(await getReportForResident(database.db, first, reporter)).toMatchObject({ description: null, hasVoice: true });

    const original = await file(await user(1411), T0);
    const copy = await file(reporter, minutes(1));
    await applyReportAction(database.db, { reportId: copy, action: "markDuplicate", actor: { userId: STAFF }, duplicateOfId: original }, minutes(2));
    expect(await getReportForResident(database.db, copy, reporter)).toMatchObject({
      status: "duplicate",
      description: "Garbage pile",
      duplicateOfNumber: (await row(original))!.number,
    });
  });

  it("puts history rows written at the same moment in the order they were written", async () => {
    const reporter = await user(1420);
    const id = await file(reporter, T0);
    for (const action of ["accept", "reject", "reopen", "accept"] as const) {
      await applyReportAction(database.db, { reportId: id, action, actor: { userId: STAFF }, note: action }, T0);
    }
    const history = (await getReportForResident(database.db, id, reporter))!.history;
    expect(history.map((h) => [h.to, h.note])).toEqual([
      ["new", null],
      ["accepted", "accept"],
      ["rejected", "reject"],
      ["reopened", "reopen"],
      ["accepted", "accept"],
    ]);
  });
});

describe("rateReport", () => {
  it("lets only the reporter rate, only a closed report, 1 to 5, and replaces an earlier rating", async () => {
    const reporter = await user(1500);
    const id = await file(reporter, T0);
    await setStatus(id, "resolved");
    expect(await rateReport(database.db, id, reporter, 5, minutes(1))).toEqual({ ok: false, reason: "not-closed" });
    await setStatus(id, "closed");
    expect(await rateReport(database.db, id, await user(1501), 5, minutes(1))).toEqual({ ok: false, reason: "not-reporter" });
    for (const stars of [0, 6, -1, 2.5, Number.NaN]) {
      expect(await rateReport(database.db, id, reporter, stars, minutes(1))).toEqual({ ok: false, reason: "bad-stars" });
    }
    expect(await database.db.select().from(reportRatings).where(eq(reportRatings.reportId, id))).toEqual([]);

    expect(await rateReport(database.db, id, reporter, 4, minutes(2))).toEqual({ ok: true });
    expect(await rateReport(database.db, id, reporter, 2, minutes(3))).toEqual({ ok: true });
    expect(await database.db.select().from(reportRatings).where(eq(reportRatings.reportId, id))).toEqual([
      { reportId: id, userId: reporter, stars: 2, createdAt: minutes(3) },
    ]);
    expect((await getReportForResident(database.db, id, reporter))?.rating).toBe(2);
    for (const stars of [1, 5]) expect(await rateReport(database.db, id, reporter, stars, minutes(4))).toEqual({ ok: true });
    expect(await rateReport(database.db, 987_654, reporter, 3, minutes(5))).toEqual({ ok: false, reason: "not-found" });
  });
});

describe("forgetUser", () => {
  it("deletes the user, their roles, supports and conversations; their reports stay, anonymised", async () => {
    const db = database.db;
    const gone = await user(7001);
    const neighbour = await user(7002);
    await grantRole(db, { userId: gone, communityId: communityA, role: "volunteer", grantedBy: null, at: T0 });
    const mine1 = await file(gone, T0, { description: "Mine one" });
    const mine2 = await file(gone, minutes(1));
    const theirs = await file(neighbour, minutes(2));
    await supportReport(db, theirs, gone, minutes(3));
    await supportReport(db, mine1, neighbour, minutes(3));
    await setStatus(mine2, "closed");
    await rateReport(db, mine2, gone, 3, minutes(4));
    await db.insert(conversationStates).values([
      { key: "7001:7001", value: { step: 1 } },
      { key: "-100500:7001", value: { step: 2 } },
      { key: "none:7001", value: { step: 3 } },
      { key: "-100500:7002", value: { step: 4 } },
      { key: "-100500:17001", value: { step: 5 } },
      { key: "7002:7002", value: { step: 6 } },
    ]);

    expect(await forgetUser(db, gone, T0)).toEqual({ reportsAnonymised: 2, cardsToRefresh: [] });

    expect(await db.select().from(users).where(eq(users.id, gone))).toEqual([]);
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, gone))).toEqual([]);
    expect(await row(mine1)).toMatchObject({ reporterId: null, anonymous: true, description: "Mine one", status: "new" });
    expect(await row(mine2)).toMatchObject({ reporterId: null, anonymous: true, status: "closed" });
    expect(await row(theirs)).toMatchObject({ reporterId: neighbour, anonymous: false });
    expect(await db.select().from(reportSupporters).where(eq(reportSupporters.userId, gone))).toEqual([]);
    // A neighbour's +1 on the forgotten user's report stays.
    expect(
      await db
        .select()
        .from(reportSupporters)
        .where(and(eq(reportSupporters.reportId, mine1), eq(reportSupporters.userId, neighbour))),
    ).toHaveLength(1);
    const keys = (await db.select({ key: conversationStates.key }).from(conversationStates)).map((r) => r.key).sort();
    expect(keys).toEqual(["-100500:17001", "-100500:7002", "7002:7002"]);
    // The history keeps the events, without the person.
    expect(await db.select({ actor: reportEvents.actorId }).from(reportEvents).where(eq(reportEvents.reportId, mine1))).toEqual([{ actor: null }]);
    expect((await db.select().from(reportRatings).where(eq(reportRatings.reportId, mine2)))[0]).toMatchObject({ userId: null, stars: 3 });
    // Their reports are no longer theirs.
    expect(await getReportForResident(db, mine1, gone)).toBeUndefined();
    expect(await listReportsOf(db, gone, { offset: 0, limit: 10 })).toEqual({ total: 0, items: [] });
  });
});
