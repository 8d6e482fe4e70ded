import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDay, storedDay } from "../../../src/features/evaluation/daily.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { addReport, categoryId } from "../evaluation/fixture.js";
import { ADMIN, Browser, buildWorld, INSPECTOR, OTHER_STAFF, STAFF, type World } from "./fixture.js";

// The daily records (日记录) on the dashboard: the record stored for a day, read and never
// written; today's figures so far before the evening report; staff and admins only.
// The clock stands at 2026-05-01 10:00 in Shanghai (02:00 UTC).

let database: TestDatabase;
let world: World;
let staff: Browser;
let garbage: number;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  garbage = await categoryId(database.db, world.home, "dirty-spot");
  const toilet = await categoryId(database.db, world.home, "public-toilet");
  // 2026-04-20 in Shanghai: two garbage piles (one dealt with the same day) and a toilet.
  await addReport(database.db, {
    communityId: world.home,
    categoryId: garbage,
    createdAt: "2026-04-20T01:00:00Z",
    steps: [["resolved", "2026-04-20T06:00:00Z"]],
  });
  await addReport(database.db, { communityId: world.home, categoryId: garbage, createdAt: "2026-04-20T02:00:00Z" });
  await addReport(database.db, { communityId: world.home, categoryId: toilet, createdAt: "2026-04-20T03:00:00Z" });
  await recordDay(database.db, world.home, "2026-04-20", world.h.clock.now());
  staff = new Browser(world);
  await staff.signIn(STAFF, world.home, world.h.clock);
});
afterAll(() => database.close());

describe("a past day's record", () => {
  it("shows the stored figures by kind and area, with the days around it and a date picker", async () => {
    const page = await staff.get("/dashboard/daily?day=2026-04-20");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Daily record · 2026-04-20</h1>");
    expect(page.text).toContain("The whole day, as recorded.");
    expect(page.text).toMatch(/<strong>3<\/strong>new<\/li>\s*<li><strong>1<\/strong>dealt with/);
    expect(page.text).toMatch(/Dirty spot or garbage pile<\/td><td data-label="new">2<\/td><td data-label="dealt with">1<\/td>/);
    expect(page.text).toMatch(/Public toilet<\/td><td data-label="new">1<\/td>/);
    expect(page.text).toContain('href="/dashboard/daily?day=2026-04-19"');
    expect(page.text).toContain('href="/dashboard/daily?day=2026-04-21"');
    expect(page.text).toContain('<input type="date" name="day" value="2026-04-20" max="2026-05-01" required />');
    expect(page.text).toContain("No patrol was recorded that day.");
    expect(page.text).toContain('aria-current="page">Daily records</a>');
  });

  it("is the record as it was kept: a report added to that day later does not change it", async () => {
    await addReport(database.db, { communityId: world.home, categoryId: garbage, createdAt: "2026-04-20T04:00:00Z" });
    expect((await staff.get("/dashboard/daily?day=2026-04-20")).text).toMatch(/<strong>3<\/strong>new/);
  });

  it("says so when no record was kept, and keeps none by looking", async () => {
    const page = await staff.get("/dashboard/daily?day=2026-04-10");
    expect(page.status).toBe(200);
    expect(page.text).toContain("No daily record was kept for 2026-04-10");
    expect(page.text).toContain("/daily 2026-04-10");
    expect(await storedDay(database.db, world.home, "2026-04-10")).toBeUndefined();
  });

  it("speaks the person's language", async () => {
    const inspectorLike = new Browser(world);
    await inspectorLike.signIn(ADMIN, world.home, world.h.clock);
    await inspectorLike.post("/dashboard/language", { locale: "zh-CN", back: "/dashboard/daily?day=2026-04-20" });
    const page = await inspectorLike.get("/dashboard/daily?day=2026-04-20");
    expect(page.text).toContain("日记录 · 2026-04-20");
    expect(page.text).toContain("全天，按记录。");
    expect(page.text).toMatch(/<strong>3<\/strong>新上报/);
  });
});

describe("today and the default day", () => {
  it("opens on yesterday before today's report is kept, then on today", async () => {
    const before = await staff.get("/dashboard/daily");
    expect(before.status).toBe(200);
    expect(before.text).toContain("Daily record · 2026-04-30");
    const today = await staff.get("/dashboard/daily?day=2026-05-01");
    expect(today.text).toContain("Today so far (as of 10:00)");
    // No "day after" past today.
    expect(today.text).not.toContain("day=2026-05-02");
    expect(await storedDay(database.db, world.home, "2026-05-01")).toBeUndefined();
  });

  it("names a day it cannot read, or one to come, and shows today's (400)", async () => {
    for (const [day, message] of [
      ["2026-02-30", "&quot;2026-02-30&quot; is not a day that can be read"],
      ["yesterday", "&quot;yesterday&quot; is not a day that can be read"],
      ["<b>x</b>", "&quot;&lt;b&gt;x&lt;/b&gt;&quot; is not a day"],
      ["2026-05-02", "2026-05-02 has not come yet (today is 2026-05-01)"],
    ] as const) {
      const page = await staff.get(`/dashboard/daily?day=${encodeURIComponent(day)}`);
      expect(page.status, day).toBe(400);
      expect(page.text, day).toContain(message);
      expect(page.text, day).toContain("Daily record · 2026-05-01");
    }
  });
});

describe("who may open it", () => {
  it("staff and admins; an inspector is refused and offered no link; nobody signed in is asked to sign in", async () => {
    const admin = new Browser(world);
    await admin.signIn(ADMIN, world.home, world.h.clock);
    expect((await admin.get("/dashboard/daily?day=2026-04-20")).status).toBe(200);
    const inspector = new Browser(world);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    const refused = await inspector.get("/dashboard/daily?day=2026-04-20");
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain("2026-04-20");
    expect((await inspector.get("/dashboard/reports")).text).not.toContain("/dashboard/daily");
    expect((await new Browser(world).get("/dashboard/daily")).status).toBe(401);
  });

  it("another community's staff read their own community's records only", async () => {
    const other = new Browser(world);
    await other.signIn(OTHER_STAFF, world.other, world.h.clock);
    const page = await other.get("/dashboard/daily?day=2026-04-20");
    expect(page.status).toBe(200);
    expect(page.text).toContain("No daily record was kept for 2026-04-20");
  });
});
