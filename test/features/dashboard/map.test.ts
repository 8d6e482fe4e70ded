import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCategories, reports } from "../../../src/db/schema/index.js";
import { createDashboard } from "../../../src/features/dashboard/app.js";
import { MAP_HEIGHT, MAP_WIDTH, mercatorPixel, projectMap } from "../../../src/features/dashboard/map.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { AREA_A, AREA_B, Browser, buildWorld, INSPECTOR, OTHER_STAFF, STAFF, type World } from "./fixture.js";
import { eq } from "drizzle-orm";

// The map: areas and report pins drawn on a plain background (no tile server), open reports
// unless another status is asked for, clustered where dense, within what the person may see.

let database: TestDatabase;
let world: World;
const NOW = Date.parse("2026-05-01T02:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  await world.file(7401, AREA_A);
  await world.file(7402, AREA_B);
  const mine = await world.file(7403, AREA_B + 0.002);
  await world.deps.workflow.assign(mine.id, { userId: STAFF }, INSPECTOR);
  // Three reports within a few metres of each other between the areas, one overdue; and one in the other community.
  const [category] = await database.db.select().from(reportCategories).where(eq(reportCategories.communityId, world.home)).limit(1);
  for (const [n, deadline] of [
    [50, NOW - 3600_000],
    [51, NOW + 3600_000],
    [52, NOW + 3600_000],
  ] as const) {
    await database.db.insert(reports).values({
      communityId: world.home,
      number: n,
      categoryId: category!.id,
      latitude: 31.755 + n * 0.00001,
      longitude: 121.5,
      deadlineAt: new Date(deadline),
      createdAt: new Date(NOW - 86_400_000),
      updatedAt: new Date(NOW),
    });
  }
  const [elsewhere] = await database.db.select().from(reportCategories).where(eq(reportCategories.communityId, world.other)).limit(1);
  await database.db.insert(reports).values({
    communityId: world.other,
    number: 99,
    categoryId: elsewhere!.id,
    latitude: 31.73,
    longitude: 121.5,
    createdAt: new Date(NOW),
    updatedAt: new Date(NOW),
  });
});
afterAll(() => database.close());

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("the map page", () => {
  it("draws staff the community's areas and its open reports, dense ones as a cluster, nothing of another community", async () => {
    const staff = new Browser(world);
    await staff.signIn(STAFF, world.home, world.h.clock);
    const map = await staff.get("/dashboard/map");
    expect(map.status).toBe(200);
    expect(count(map.text, /<g class="area"/g)).toBe(2);
    expect(map.text).toContain("第一网格");
    // Area A's report alone; area B's two (200 m apart, a few pixels at this scale) and the three between as clusters.
    expect(count(map.text, /data-testid="pin"/g)).toBe(1);
    // Named by number and status for a screen reader, not by colour alone.
    expect(map.text).toMatch(/aria-label="R-0000\d\d · [^"·]+" data-testid="pin" data-number="R-0000\d\d" data-overdue="0"/);
    expect(count(map.text, /data-testid="cluster"/g)).toBe(2);
    expect(map.text).toMatch(/class="cluster overdue" data-testid="cluster">\s*<title>R-000050, R-000051, R-000052<\/title>/);
    expect(map.text).toContain("6 of 6 reports with a place are drawn");
    expect(map.text).not.toContain("R-000099");
    // No tile server, nothing from elsewhere: the drawing is in the page.
    expect(map.text).not.toMatch(/<img|https?:\/\/(?!www\.w3\.org)/);
  });

  it("takes the list's filters: another status, overdue", async () => {
    const staff = new Browser(world);
    await staff.signIn(STAFF, world.home, world.h.clock);
    expect(count((await staff.get("/dashboard/map?status=closed")).text, /data-testid="(pin|cluster)"/g)).toBe(0);
    const assigned = await staff.get("/dashboard/map?status=assigned");
    expect(count(assigned.text, /data-testid="pin"/g)).toBe(1);
    expect(assigned.text).toContain("pin status-assigned");
    expect((await staff.get("/dashboard/map?overdue=1")).text).toContain("1 of 1 reports");
  });

  it("shows an inspector only the areas they lead and what they may see there", async () => {
    const inspector = new Browser(world);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    const map = await inspector.get("/dashboard/map");
    expect(count(map.text, /<g class="area"/g)).toBe(1);
    expect(map.text).not.toContain("第二网格");
    expect(count(map.text, /data-testid="pin"/g)).toBe(2); // area A's report, and their task in area B
    expect(map.text).not.toContain('data-testid="cluster"');
  });

  it("needs a session, as every page", async () => {
    expect((await new Browser(world).get("/dashboard/map")).status).toBe(401);
    const theirs = new Browser(world);
    await theirs.signIn(OTHER_STAFF, world.other, world.h.clock);
    const map = await theirs.get("/dashboard/map");
    expect(count(map.text, /data-testid="pin"/g)).toBe(1);
    expect(count(map.text, /<g class="area"/g)).toBe(0);
  });
});

describe("projectMap", () => {
  it("fits areas and pins in the drawing, north up, and clusters pins drawn on top of each other", () => {
    const map = projectMap(
      [
        {
          id: 1,
          name: "P",
          polygon: [
            [121.47, 31.23],
            [121.48, 31.23],
            [121.48, 31.24],
          ],
          center: null,
          radiusMeters: null,
        },
      ],
      [
        { number: 1, status: "new", latitude: 31.239, longitude: 121.479, overdue: false },
        { number: 2, status: "new", latitude: 31.231, longitude: 121.471, overdue: false },
        { number: 3, status: "new", latitude: 31.23101, longitude: 121.47101, overdue: true },
      ],
    );
    expect(map.areas[0]?.kind).toBe("polygon");
    const [north] = map.pins;
    expect(north?.number).toBe(1);
    expect(map.clusters).toEqual([expect.objectContaining({ count: 2, numbers: [2, 3], overdue: true })]);
    expect(north!.y).toBeLessThan(map.clusters[0]!.y);
    expect(north!.x).toBeGreaterThan(map.clusters[0]!.x);
    for (const p of [...map.pins, ...map.clusters]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    expect(projectMap([], [])).toEqual({ areas: [], pins: [], clusters: [], metersPerUnit: 1, tiles: [] });
    expect(map.tiles).toEqual([]);
  });
});

describe("map tiles (DASHBOARD_MAP_TILES)", () => {
  const TILES = "https://tile.example.org/{z}/{x}/{y}.png";
  const toilet = { number: 2, status: "new" as const, latitude: 31.2304, longitude: 121.4737, overdue: true };
  const shed = { number: 3, status: "new" as const, latitude: 31.2342, longitude: 121.4795, overdue: false };

  it("projects as Web Mercator's tile grid does", () => {
    expect(mercatorPixel(0, 0, 0)).toEqual({ x: 128, y: 128 });
    // Worked out apart from the code: x = (lon + 180) / 360 · 256 · 2^z, y = (1 − asinh(tan φ) / π) / 2 · 256 · 2^z.
    const p = mercatorPixel(31.2304, 121.4737, 15);
    expect(p.x).toBeCloseTo(7_024_846.366, 2);
    expect(p.y).toBeCloseTo(3_427_616.474, 2);
    expect(mercatorPixel(85.0511, -180, 3)).toEqual({ x: 0, y: expect.closeTo(0, 1) });
  });

  it("fits a whole zoom and puts each point on its pixel of the tiles under it", () => {
    const map = projectMap([], [toilet, shed], TILES);
    // About 550 m × 420 m: zoom 17 (1.02 m a pixel here) fits the 920 × 620 inside the margins, 18 would not.
    expect(map.metersPerUnit).toBeCloseTo((156_543.03392 * Math.cos((31.2323 * Math.PI) / 180)) / 2 ** 17, 6);
    const world = mercatorPixel(toilet.latitude, toilet.longitude, 17);
    const [tx, ty] = [Math.floor(world.x / 256), Math.floor(world.y / 256)];
    expect([tx, ty]).toEqual([109_763, 53_556]);
    const tile = map.tiles.find((t) => t.href === `https://tile.example.org/17/${tx}/${ty}.png`);
    expect(tile).toBeDefined();
    const pin = map.pins.find((p) => p.number === 2)!;
    expect(pin.x).toBeCloseTo(tile!.x + (world.x - tx * 256), 0);
    expect(pin.y).toBeCloseTo(tile!.y + (world.y - ty * 256), 0);
    // The tiles cover the drawing and no more: 1000 × 700 needs 5 or 4 columns by 3 or 4 rows.
    for (const t of map.tiles) {
      expect(t.x).toBeGreaterThan(-256);
      expect(t.x).toBeLessThan(MAP_WIDTH);
      expect(t.y).toBeGreaterThan(-256);
      expect(t.y).toBeLessThan(MAP_HEIGHT);
    }
    expect(Math.min(...map.tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
    expect(Math.min(...map.tiles.map((t) => t.y))).toBeLessThanOrEqual(0);
    expect(Math.max(...map.tiles.map((t) => t.x)) + 256).toBeGreaterThanOrEqual(MAP_WIDTH);
    expect(Math.max(...map.tiles.map((t) => t.y)) + 256).toBeGreaterThanOrEqual(MAP_HEIGHT);
  });

  it("draws the tiles under the map and lets the page load images from that origin only; without the setting, none and no other origin", async () => {
    const plain = new Browser(world);
    await plain.signIn(STAFF, world.home, world.h.clock);
    const without = await plain.get("/dashboard/map");
    expect(without.headers.get("Content-Security-Policy")).toContain("img-src 'self';");
    expect(without.text).not.toContain("<image");

    const tiled = { ...world, dashboard: createDashboard({ ...world.deps, mapTiles: TILES }) };
    const staff = new Browser(tiled);
    await staff.signIn(STAFF, world.home, world.h.clock);
    const map = await staff.get("/dashboard/map");
    expect(map.status).toBe(200);
    expect(map.headers.get("Content-Security-Policy")).toContain("img-src 'self' https://tile.example.org;");
    const hrefs = [...map.text.matchAll(/<image class="tile" href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/tile\.example\.org\/\d{1,2}\/\d+\/\d+\.png$/);
    // Drawn before the areas and pins, so they lie on top.
    expect(map.text.indexOf("<image")).toBeLessThan(map.text.indexOf('<g class="area"'));
    expect((await staff.get("/dashboard/reports")).headers.get("Content-Security-Policy")).toContain("https://tile.example.org");
  });
});
