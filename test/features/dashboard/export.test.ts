import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { AREA_A, AREA_B, Browser, buildWorld, fileElsewhere, INSPECTOR, OTHER_STAFF, STAFF, type World } from "./fixture.js";

// The dashboard's exports: the filtered list and the evaluation figures as CSV files for Excel,
// within what the person may see; and every address but the sign-in closed without a session.

let database: TestDatabase;
let world: World;
let staff: Browser;
let inspector: Browser;
let inA: { number: number };
let inB: { number: number };

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  inA = await world.file(7501, AREA_A);
  inB = await world.file(7502, AREA_B);
  await world.deps.workflow.accept((await world.file(7503, AREA_B + 0.002)).id, { userId: STAFF });
  await fileElsewhere(database.db, world.other, OTHER_STAFF, "far away", world.h.clock.now());
  staff = new Browser(world);
  await staff.signIn(STAFF, world.home, world.h.clock);
  inspector = new Browser(world);
  await inspector.signIn(INSPECTOR, world.home, world.h.clock);
});
afterAll(() => database.close());

const lines = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("reports.csv", () => {
  it("is the list as filtered, for Excel (UTF-8 with BOM, CRLF), headed in the person's language", async () => {
    const list = await staff.get("/dashboard/reports");
    expect(list.text).toContain('href="/dashboard/reports.csv"');
    const csv = await staff.get("/dashboard/reports.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="reports-2026-05-01\.csv"$/);
    // The bytes start with the BOM (a decoded text would have dropped it).
    const raw = await world.dashboard.request("http://dashboard.test/dashboard/reports.csv", { headers: { Cookie: staff.cookie! } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = lines(csv.text);
    expect(rows[0]).toBe("No.,Kind,Status,Area,Assignee,Reported,Deadline,overdue");
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(["R-000003", "R-000002", "R-000001"]);
    const filtered = lines((await staff.get("/dashboard/reports.csv?status=accepted")).text);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toMatch(/^R-000003,.*,Accepted,第二网格,/);
  });

  it("holds only what the person may see", async () => {
    const rows = lines((await inspector.get("/dashboard/reports.csv")).text);
    expect(rows[0]).toContain("编号");
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual([`R-00000${inA.number}`]);
    expect(rows.join("\n")).not.toContain(`R-00000${inB.number},`);
  });
});

describe("stats.csv", () => {
  it("gives staff this month's figures (the /stats file), or a period's", async () => {
    const month = await staff.get("/dashboard/stats.csv");
    expect(month.status).toBe(200);
    expect(month.headers.get("Content-Disposition")).toContain("stats-2026-05-01-2026-05-01.csv");
    expect(lines(month.text)[0]).toMatch(/^Group,Name,Reports,/);
    expect(month.text).toMatch(/\r\nTotal,[^,]*,3,/);
    const period = await staff.get("/dashboard/stats.csv?from=2026-04-01&to=2026-04-30");
    expect(period.headers.get("Content-Disposition")).toContain("stats-2026-04-01-2026-04-30.csv");
  });

  it("refuses a period it cannot read, and inspectors (figures are for staff)", async () => {
    for (const [query, message] of [
      ["?from=2026-02-30&to=2026-03-01", "Please give the period as two days"],
      ["?from=2026-04-30&to=2026-04-01", "The first date is after the last one"],
      ["?from=2026-06-01&to=2026-06-02", "That period has not begun yet"],
      ["?from=2024-01-01&to=2026-04-01", "at most 366 days"],
      ["?from=2026-04-01", "Please give the period as two days"],
    ] as const) {
      const answer = await staff.get(`/dashboard/stats.csv${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.text, query).toContain(message);
    }
    expect((await inspector.get("/dashboard/stats.csv")).status).toBe(403);
    expect((await inspector.get("/dashboard/reports")).text).not.toContain("stats.csv");
  });
});

describe("addresses without a session", () => {
  it("only the sign-in, the start page and the assets are open", async () => {
    const nobody = new Browser(world);
    for (const path of ["/dashboard/reports.csv", "/dashboard/stats.csv", "/dashboard/map", "/dashboard/reports/1", "/dashboard/anything"]) {
      expect((await nobody.get(path)).status, path).toBe(401);
    }
    expect((await nobody.get("/dashboard")).status).toBe(200);
    expect((await nobody.get("/dashboard/static/dashboard.css")).status).toBe(200);
    expect((await nobody.get("/dashboard/static/secret.ts")).status).toBe(404);
  });
});

describe("this month's reports", () => {
  it("are every report filed since the 1st in the community's zone, whatever the other filters' dates, within what the person may see", async () => {
    // A month on (10:00 on 2 June in Shanghai): May's three are last month's now.
    world.h.clock.advance(32 * 86_400_000);
    const june = await world.file(7504, AREA_B);
    await staff.signIn(STAFF, world.home, world.h.clock);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    expect((await staff.get("/dashboard/reports")).text).toContain('href="/dashboard/reports.csv?period=month"');

    const month = await staff.get("/dashboard/reports.csv?period=month&from=2026-05-01&to=2026-05-31");
    expect(month.status).toBe(200);
    expect(month.headers.get("Content-Disposition")).toBe('attachment; filename="reports-2026-06-01-2026-06-02.csv"');
    const raw = await world.dashboard.request("http://dashboard.test/dashboard/reports.csv?period=month", { headers: { Cookie: staff.cookie! } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = lines(month.text);
    expect(rows[0]).toBe("No.,Kind,Status,Area,Assignee,Reported,Deadline,overdue");
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual([`R-00000${june.number}`]);
    expect(rows[1]).toMatch(/,2026-06-02 10:00,/);
    // Without the period the file is the list as filtered: all four.
    expect(lines((await staff.get("/dashboard/reports.csv")).text)).toHaveLength(5);
    // June's report lies in an area the inspector does not lead: their month is empty.
    expect(lines((await inspector.get("/dashboard/reports.csv?period=month")).text)).toEqual(["编号,类型,状态,网格,处理人,上报时间,处理期限,超期"]);
  });
});
