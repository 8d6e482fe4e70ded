import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, reportCategories, reports, type ReportStatus } from "../../../src/db/schema/index.js";
import { parseListQuery } from "../../../src/features/dashboard/list-query.js";
import { reportListPage } from "../../../src/features/dashboard/views/report-list.js";
import { queryRows } from "../../../src/db/client.js";
import { searchReportPoints, searchReports, type ReportSearch } from "../../../src/features/staff/report-search.js";
import { COMMON_SHARE, containsPattern, hasTrigram, textRoute, wordsCondition, type TextRoute } from "../../../src/features/staff/text-match.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { AREA_A, Browser, buildWorld, INSPECTOR, INSPECTOR_B, STAFF, type World } from "./fixture.js";

// The reports list: every filter of /queue and more, the order, pages and the count, on real SQL;
// then the same through the page's address, where a field that does not parse is named and left out.

let database: TestDatabase;
let world: World;
let staff: Browser;
let toilets: number;
let garbage: number;
let areaA: number;
let areaB: number;
const NOW = Date.parse("2026-05-01T02:00:00Z"); // the harness clock: 10:00 in Shanghai
const DAY = 86_400_000;

interface Row {
  number: number;
  category: "toilet" | "garbage";
  status?: ReportStatus;
  daysAgo: number;
  /** Deadline in days from now (negative: passed). */
  deadlineIn?: number;
  area?: "A" | "B";
  assignee?: number;
  description?: string;
  hidden?: boolean;
}

const rows: Row[] = [
  { number: 1, category: "garbage", daysAgo: 10, deadlineIn: -8, area: "A", description: "Garbage by the east gate" },
  { number: 2, category: "toilet", daysAgo: 9, deadlineIn: -7, area: "B", assignee: INSPECTOR_B, status: "assigned", description: "公厕 没有水" },
  { number: 3, category: "toilet", daysAgo: 5, deadlineIn: 2, area: "B", assignee: INSPECTOR, status: "in_progress", description: "Toilet door broken" },
  { number: 4, category: "garbage", daysAgo: 3, deadlineIn: -1, area: "A", status: "resolved", assignee: INSPECTOR, description: "Old sofa 100% blocking" },
  { number: 5, category: "garbage", daysAgo: 2, deadlineIn: 1, status: "closed", description: "Leaves" },
  { number: 6, category: "toilet", daysAgo: 1, deadlineIn: 3, area: "A", description: "secret words", hidden: true },
  { number: 7, category: "garbage", daysAgo: 0, deadlineIn: 5, status: "rejected", description: "Not our street" },
];

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  const categoryOf = async (code: string) =>
    (
      await database.db
        .select()
        .from(reportCategories)
        .where(and(eq(reportCategories.communityId, world.home), eq(reportCategories.code, code)))
    )[0]!.id;
  toilets = await categoryOf("public-toilet");
  garbage = await categoryOf("dirty-spot");
  const areaRows = await database.db.select().from(areas).where(eq(areas.communityId, world.home)).orderBy(areas.id);
  [areaA, areaB] = [areaRows[0]!.id, areaRows[1]!.id];
  for (const r of rows) {
    await database.db.insert(reports).values({
      communityId: world.home,
      number: r.number,
      categoryId: r.category === "toilet" ? toilets : garbage,
      status: r.status ?? "new",
      description: r.description ?? null,
      descriptionHiddenAt: r.hidden ? new Date(NOW) : null,
      areaId: r.area === "A" ? areaA : r.area === "B" ? areaB : null,
      assigneeId: r.assignee ?? null,
      deadlineAt: r.deadlineIn === undefined ? null : new Date(NOW + r.deadlineIn * DAY),
      createdAt: new Date(NOW - r.daysAgo * DAY),
      updatedAt: new Date(NOW),
    });
  }
  staff = new Browser(world);
  await staff.signIn(STAFF, world.home, world.h.clock);
});
afterAll(() => database.close());

const search = async (s: ReportSearch, page = { page: 0, size: 25 }) => {
  const result = await searchReports(database.db, world.home, { all: true }, s, page, new Date(NOW));
  return { numbers: result.items.map((i) => i.number), total: result.total };
};

describe("searchReports", () => {
  it("combines status (or open), kind, area, assignee, unassigned and overdue", async () => {
    expect(await search({})).toEqual({ numbers: [7, 6, 5, 4, 3, 2, 1], total: 7 });
    expect((await search({ status: "open" })).numbers).toEqual([6, 3, 2, 1]);
    expect((await search({ status: "resolved" })).numbers).toEqual([4]);
    expect((await search({ categoryId: toilets })).numbers).toEqual([6, 3, 2]);
    expect((await search({ areaId: areaA })).numbers).toEqual([6, 4, 1]);
    expect((await search({ assigneeId: INSPECTOR })).numbers).toEqual([4, 3]);
    expect((await search({ unassigned: true, status: "open" })).numbers).toEqual([6, 1]);
    // Overdue is open and past its deadline: the resolved R-000004 met it or moved past it.
    expect((await search({ overdue: true })).numbers).toEqual([2, 1]);
    expect((await search({ overdue: true, categoryId: toilets, areaId: areaB })).numbers).toEqual([2]);
  });

  it("searches by tracking number or by words (as typed, never a hidden description)", async () => {
    expect((await search({ text: "R-000003" })).numbers).toEqual([3]);
    expect((await search({ text: "3" })).numbers).toEqual([3]);
    expect((await search({ text: "toilet" })).numbers).toEqual([3]);
    expect((await search({ text: "没有水" })).numbers).toEqual([2]);
    expect((await search({ text: "100%" })).numbers).toEqual([4]);
    expect((await search({ text: "_" })).numbers).toEqual([]);
    expect((await search({ text: "secret" })).numbers).toEqual([]);
  });

  it("filters by the day filed, sorts three ways, pages and counts", async () => {
    const daysAgo = (n: number) => new Date(NOW - n * DAY);
    expect((await search({ createdFrom: daysAgo(5), createdBefore: daysAgo(1) })).numbers).toEqual([5, 4, 3]);
    expect((await search({ sort: "oldest" })).numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await search({ sort: "deadline" })).numbers).toEqual([1, 2, 4, 5, 3, 6, 7]);
    expect(await search({}, { page: 1, size: 3 })).toEqual({ numbers: [4, 3, 2], total: 7 });
    expect(await search({}, { page: 5, size: 3 })).toEqual({ numbers: [], total: 7 });
  });

  it("counts up to its cap and says when more match (a million reports are not counted for a page of 25)", async () => {
    const capped = (cap: number, s: ReportSearch = {}) => searchReports(database.db, world.home, { all: true }, s, { page: 0, size: 3 }, new Date(NOW), cap);
    expect(await capped(5)).toMatchObject({ total: 5, capped: true });
    expect((await capped(5)).items.map((i) => i.number)).toEqual([7, 6, 5]);
    expect(await capped(7)).toMatchObject({ total: 7, capped: false });
    expect(await capped(5, { status: "open" })).toMatchObject({ total: 4, capped: false });
    expect(await searchReports(database.db, world.home, { all: true }, {}, { page: 0, size: 3 }, new Date(NOW))).toMatchObject({ total: 7, capped: false });
  });

  it('a capped count reads "more than" and the pages go on while they are full', async () => {
    const render = async (locale: "en" | "zh-CN", page: number, rows: number) => {
      const t = (key: string, vars?: Record<string, string | number>) => world.h.i18n.t(locale, key, vars);
      const items = (await searchReports(database.db, world.home, { all: true }, {}, { page: 0, size: 25 }, new Date(NOW))).items.slice(0, rows);
      const query = parseListQuery(new URLSearchParams(`page=${page}`), STAFF, "Asia/Shanghai");
      const choices = { categories: [], areas: [], assignees: [] };
      return String(
        await reportListPage(
          { locale, t, title: "" },
          { query, items, total: 10_000, capped: true, pageSize: 7, choices, timezone: "Asia/Shanghai", staff: true },
        ),
      );
    };
    const full = await render("en", 1500, 7);
    expect(full).toContain("More than 10,000 reports");
    expect(full).toContain("<span>Page 1500</span>");
    expect(full).toContain('href="/dashboard/reports?page=1501"');
    const last = await render("zh-CN", 1501, 3);
    expect(last).toContain("超过 10,000 条");
    expect(last).not.toContain("page=1502");
  });

  it("keeps an inspector to their own tasks and the areas they lead", async () => {
    const inspector = async (areaIds: number[]) =>
      (await searchReports(database.db, world.home, { all: false, assigneeId: INSPECTOR, areaIds }, {}, { page: 0, size: 25 }, new Date(NOW))).items.map(
        (i) => i.number,
      );
    expect(await inspector([areaA])).toEqual([6, 4, 3, 1]);
    expect(await inspector([])).toEqual([4, 3]);
  });
});

describe("the text search", () => {
  // In the other community, so the rows above stay as they are. Each case is chosen so that a
  // LIKE pattern without escaping would answer differently (in the comment: what it would find).
  const texts: Array<[number, string | null, boolean?]> = [
    [1, "Sale poster: 50%"],
    [2, "50 boxes by the gate"],
    [3, "Sign says back\\slash"],
    [4, "broken desks"],
    [5, "file_name on the bin"],
    [6, "one night of noise"],
    [7, "Café corner smells"],
    [8, "垃圾桶满了"],
    [9, "垃圾堆在公厕门口"],
    [10, "公厕没有水"],
    [11, "隐藏的垃圾桶", true],
    [12, "Broken LAMP"],
    [13, null],
  ];
  const find = async (text: string) => {
    const result = await searchReports(database.db, world.other, { all: true }, { text }, { page: 0, size: 25 }, new Date(NOW));
    expect(result.total, `the count for ${JSON.stringify(text)}`).toBe(result.items.length);
    return result.items.map((i) => i.number);
  };

  beforeAll(async () => {
    const [category] = await database.db.select().from(reportCategories).where(eq(reportCategories.communityId, world.other)).limit(1);
    for (const [number, description, hidden] of texts) {
      await database.db.insert(reports).values({
        communityId: world.other,
        number,
        categoryId: category!.id,
        description,
        descriptionHiddenAt: hidden ? new Date(NOW) : null,
        latitude: AREA_A,
        longitude: 121.5,
        createdAt: new Date(NOW - (100 - number) * 3_600_000), // newest first is the highest number
        updatedAt: new Date(NOW),
      });
    }
  });

  it("escapes %, _ and \\ in the pattern", () => {
    expect(containsPattern("50%")).toBe("%50\\%%");
    expect(containsPattern("a_b\\c")).toBe("%a\\_b\\\\c%");
    expect(containsPattern("垃圾")).toBe("%垃圾%");
  });

  it("matches %, _ and \\ only as themselves", async () => {
    expect(await find("50%")).toEqual([1]); // unescaped: 2 and 1
    expect(await find("%")).toEqual([1]); // unescaped: every description
    expect(await find("_")).toEqual([5]); // unescaped: every description
    expect(await find("e_n")).toEqual([5]); // unescaped: 6 ("one night") and 5
    expect(await find("\\")).toEqual([3]); // unescaped: 1 (a pattern ending in a literal %)
    expect(await find("k\\s")).toEqual([3]); // unescaped: 4 ("desks")
  });

  it("ignores case in Latin script, accents included", async () => {
    expect(await find("BROKEN")).toEqual([12, 4]);
    expect(await find("broken lamp")).toEqual([12]);
    expect(await find("CAFÉ")).toEqual([7]);
    expect(await find("café CORNER")).toEqual([7]);
  });

  it("finds Chinese words of one, two and more characters (under three, without the index's help)", async () => {
    expect(await find("水")).toEqual([10]);
    expect(await find("公厕")).toEqual([10, 9]);
    expect(await find("垃圾")).toEqual([9, 8]);
    expect(await find("垃圾桶")).toEqual([8]);
    expect(await find("没有水")).toEqual([10]);
    expect(await find("垃圾堆在公厕")).toEqual([9]);
    expect(await find("垃圾桶空了")).toEqual([]);
  });

  it("finds texts without a trigram by their two-character pieces, and only where the whole text stands", async () => {
    expect(await find("漏水")).toEqual([]);
    expect(await find("门口")).toEqual([9]);
    expect(await find("满了")).toEqual([8]);
    expect(await find("5%")).toEqual([]); // "50%" has the pieces "50" and "0%", not "5%"
    expect(await find("0%")).toEqual([1]);
    expect(await find("LA")).toEqual([12, 3]); // "LAMP", and the "la" of "slash": case ignored
    expect(await find("la")).toEqual([12, 3]);
    expect(await find("厕门")).toEqual([9]);
    expect(await find("厕没")).toEqual([10]);
    expect(await find("桶满")).toEqual([8]); // and not the hidden 隐藏的垃圾桶
    expect(await find("圾圾")).toEqual([]); // each piece is somewhere; the text is nowhere
  });

  it("cuts a text into its two-character pieces in Postgres, by character", async () => {
    const [row] = await queryRows<{ pieces: string[] | string }>(database.db, sql`select text_bigrams(${"垃圾桶满了"}) as pieces`);
    const pieces = Array.isArray(row!.pieces) ? row!.pieces : String(row!.pieces).replace(/[{}]/g, "").split(",");
    expect([...pieces].sort()).toEqual(["垃圾", "圾桶", "桶满", "满了"].sort());
    const [single] = await queryRows<{ pieces: string[] | string }>(database.db, sql`select cardinality(text_bigrams(${"水"})) as pieces`);
    expect(Number(single!.pieces)).toBe(0);
  });

  it("never searches a hidden description, while its tracking number still finds it", async () => {
    expect(await find("隐藏")).toEqual([]);
    expect(await find("隐藏的垃圾桶")).toEqual([]);
    expect(await find("R-000011")).toEqual([11]);
    expect(await find("5")).toEqual([5, 2, 1]); // R-000005, and the 5 of "50"
  });

  it("finds the same page when more match than the count's cap, and on the map", async () => {
    const capped = async (text: string) => {
      const result = await searchReports(database.db, world.other, { all: true }, { text }, { page: 0, size: 25 }, new Date(NOW), 1);
      return { numbers: result.items.map((i) => i.number), capped: result.capped };
    };
    expect(await capped("BROKEN")).toEqual({ numbers: [12, 4], capped: true });
    expect(await capped("垃圾")).toEqual({ numbers: [9, 8], capped: true });
    const pins = async (text: string) =>
      (await searchReportPoints(database.db, world.other, { all: true }, { text }, new Date(NOW), 10)).points.map((p) => p.number);
    expect(await pins("垃圾桶")).toEqual([8]);
    expect(await pins("垃圾")).toEqual([9, 8]);
    expect(await pins("50%")).toEqual([1]);
  });

  it("tells the texts pg_trgm finds a trigram in", () => {
    for (const text of ["垃圾桶", "#12", "a b", "ab-", "-a", "50%", "e_n", "R-000011"]) expect(hasTrigram(text), text).toBe(true);
    for (const text of ["12", "ab", "a", "%", "5%", "垃圾", " 垃圾 "]) expect(hasTrigram(text), text).toBe(false);
  });

  it("is written so the route's index can answer it: trigrams, or two-character pieces", async () => {
    const plan = (text: string, route: TextRoute) =>
      database.db.transaction(async (tx) => {
        // A handful of rows is read faster whole: take that choice away to see what can be used.
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await queryRows<Record<string, string>>(tx, sql`explain select r.id from reports r where ${wordsCondition(text, route)}`);
        return rows.map((row) => Object.values(row)[0]).join("\n");
      });
    expect(await plan("垃圾桶满", "trigrams")).toContain("reports_description_trgm_idx");
    expect(await plan("#12", "trigrams")).toContain("reports_description_trgm_idx");
    expect(await plan("垃圾", "bigrams")).toContain("reports_description_bigram_idx");
    expect(await plan("5%", "bigrams")).toContain("reports_description_bigram_idx");
    const read = await plan("垃圾", "read");
    expect(read).not.toContain("reports_description_bigram_idx");
    expect(read).not.toContain("reports_description_trgm_idx");
  });

  it("finds the same reports by every route", async () => {
    const numbers = async (text: string, route: TextRoute) =>
      (
        await queryRows<{ number: number }>(
          database.db,
          sql`select r.number from reports r where r.community_id = ${world.other} and ${wordsCondition(text, route)} order by r.number`,
        )
      ).map((r) => r.number);
    for (const text of ["垃圾", "公厕", "漏水", "5%", "0%", "la", "LA", "圾圾", "桶满", "50%", "broken", "垃圾桶", "_", "%"]) {
      const byReading = await numbers(text, "read");
      expect(await numbers(text, "bigrams"), text).toEqual(byReading);
      expect(await numbers(text, "trigrams"), text).toEqual(byReading);
    }
  });

  it("routes a text by its trigrams, its pieces and how common they are", async () => {
    expect(await textRoute(database.db, "垃圾桶")).toBe("trigrams");
    expect(await textRoute(database.db, "水")).toBe("read");
    await database.db.execute(sql`analyze reports`);
    // What ANALYZE found of the pieces, over every description of both communities' reports.
    const shares = new Map(
      (
        await queryRows<{ piece: string; share: number }>(
          database.db,
          sql`select e.piece, e.share from pg_stats s
              cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
              where s.tablename = 'reports_description_bigram_idx' and e.piece is not null`,
        )
      ).map((row) => [row.piece, Number(row.share)]),
    );
    expect(shares.get("le"), "'le' (Sale, file, table…) is common among these descriptions").toBeGreaterThanOrEqual(COMMON_SHARE);
    expect(shares.get("垃圾"), "'垃圾' is among the pieces ANALYZE kept").toBeDefined();
    expect(shares.get("垃圾")).toBeLessThan(COMMON_SHARE);
    expect(await textRoute(database.db, "le")).toBe("read");
    expect(await textRoute(database.db, "LE")).toBe("read");
    expect(await textRoute(database.db, "垃圾")).toBe("bigrams");
    expect(await textRoute(database.db, "漏水")).toBe("bigrams");
    // And the list answers the same whichever way it went.
    expect(await find("le")).toEqual(await find("LE"));
    expect(await find("垃圾")).toEqual([9, 8]);
  });
});

describe("the list page", () => {
  it("reads the filters from its address and shows the count, the rows and the pages", async () => {
    const page = await staff.get(`/dashboard/reports?status=open&category=${toilets}&sort=oldest`);
    expect(page.text).toContain("3 reports");
    const order = ["R-000002", "R-000003", "R-000006"].map((n) => page.text.indexOf(`>${n}<`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.text).not.toContain(">R-000004<");
  });

  it("ends the day filter at the end of the day in the community's time zone", async () => {
    // R-000005 was filed 2 days ago at 10:00 Shanghai time: 2026-04-29.
    const page = await staff.get("/dashboard/reports?from=2026-04-29&to=2026-04-29");
    expect(page.text).toContain("1 report<");
    expect(page.text).toContain("R-000005");
  });

  it("marks overdue rows", async () => {
    const page = await staff.get("/dashboard/reports?overdue=1");
    expect(page.text).toContain("2 reports");
    expect(page.text.match(/class="badge overdue-badge"/g)).toHaveLength(2);
    expect(page.text).not.toContain('rel="next"');
  });

  it("names the fields it could not read, leaves them out, and keeps the rest", async () => {
    const page = await staff.get(`/dashboard/reports?status=bogus&category=abc&area=${areaB}&from=2026-02-30&assignee=<script>&page=0&sort=random`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("These filters could not be read and were left out: status, kind, assignee, from, order, page.");
    expect(page.text).toContain("2 reports"); // area B kept
    expect(page.text).not.toContain("<script>");
  });

  it("pages 25 at a time, keeping the filters in the links", async () => {
    for (let n = 100; n < 130; n++) {
      await database.db.insert(reports).values({
        communityId: world.home,
        number: n,
        categoryId: garbage,
        createdAt: new Date(NOW - 20 * DAY - n * 60_000),
        updatedAt: new Date(NOW),
      });
    }
    const first = await staff.get(`/dashboard/reports?status=open&category=${garbage}`);
    expect(first.text).toContain("31 reports");
    expect(first.text).toContain("Page 1 of 2");
    expect(first.text.match(/<tr class/g)).toHaveLength(25);
    expect(first.text).toContain(`rel="next" href="/dashboard/reports?status=open&amp;category=${garbage}&amp;page=2"`);
    const second = await staff.get(`/dashboard/reports?status=open&category=${garbage}&page=2`);
    expect(second.text).toContain("Page 2 of 2");
    expect(second.text.match(/<tr class/g)).toHaveLength(6);
    expect(second.text).toContain(`rel="prev" href="/dashboard/reports?status=open&amp;category=${garbage}"`);
  });
});
