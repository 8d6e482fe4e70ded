import { afterAll, beforeAll, expect, it } from "vitest";
import { listQueue, parseQueueFilter } from "../../../src/features/staff/queue.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";
import { addArea, addMember, addReport, at, categoryId } from "../evaluation/fixture.js";

const NOW = at("2026-05-10T12:00:00Z");
const LI = 6101;
let database: TestDatabase;
let home: number;
let dirty: number;
let toilet: number;
let north: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  home = (await seedDefaultCommunity(db)).id;
  dirty = await categoryId(db, home, "dirty-spot");
  toilet = await categoryId(db, home, "public-toilet");
  north = await addArea(db, home, "北区");
  await addMember(db, home, LI, "Li", "inspector");
  // Open: a (new, overdue), b (assigned to Li, due later), c (accepted, overdue earliest), d (reopened, no deadline).
  ids.a = await addReport(db, { communityId: home, categoryId: dirty, areaId: north, createdAt: "2026-05-10T08:00:00Z", deadlineAt: "2026-05-10T10:00:00Z" });
  ids.b = await addReport(db, {
    communityId: home,
    categoryId: toilet,
    areaId: north,
    createdAt: "2026-05-10T09:00:00Z",
    deadlineAt: "2026-05-11T09:00:00Z",
    assigneeId: LI,
    steps: [["assigned", "2026-05-10T09:30:00Z"]],
  });
  ids.c = await addReport(db, {
    communityId: home,
    categoryId: toilet,
    createdAt: "2026-05-09T08:00:00Z",
    deadlineAt: "2026-05-09T20:00:00Z",
    steps: [["accepted", "2026-05-09T09:00:00Z"]],
  });
  ids.d = await addReport(db, {
    communityId: home,
    categoryId: dirty,
    createdAt: "2026-05-08T08:00:00Z",
    deadlineAt: null,
    steps: [
      ["resolved", "2026-05-08T09:00:00Z"],
      ["reopened", "2026-05-08T10:00:00Z"],
    ],
  });
  // Not in the queue: resolved, closed, rejected.
  await addReport(db, {
    communityId: home,
    categoryId: dirty,
    createdAt: "2026-05-10T10:00:00Z",
    deadlineAt: "2026-05-10T11:00:00Z",
    steps: [["resolved", "2026-05-10T10:30:00Z"]],
  });
  await addReport(db, { communityId: home, categoryId: dirty, createdAt: "2026-05-10T10:00:00Z", steps: [["rejected", "2026-05-10T10:30:00Z"]] });
});
afterAll(() => database.close());

const idsOf = async (filters: Parameters<typeof listQueue>[2], page = 0, size?: number) =>
  (await listQueue(database.db, home, filters, { page, ...(size ? { size } : {}) }, NOW)).items.map((i) => i.id);

it("lists the open reports, newest first or most overdue first", async () => {
  expect(await idsOf({})).toEqual([ids.b, ids.a, ids.c, ids.d]);
  expect(await idsOf({ order: "overdue-first" })).toEqual([ids.c, ids.a, ids.b, ids.d]);
});

it("filters: mine, unassigned, overdue, category, area", async () => {
  expect(await idsOf({ assigneeId: LI })).toEqual([ids.b]);
  expect(await idsOf({ unassigned: true })).toEqual([ids.a, ids.c, ids.d]);
  expect(await idsOf({ overdue: true, order: "overdue-first" })).toEqual([ids.c, ids.a]);
  expect(await idsOf({ categoryId: toilet })).toEqual([ids.b, ids.c]);
  expect(await idsOf({ areaId: north, unassigned: true })).toEqual([ids.a]);
});

it("pages, says whether there is more, and describes each item", async () => {
  const first = await listQueue(database.db, home, {}, { page: 0, size: 3 }, NOW);
  expect(first.items.map((i) => i.id)).toEqual([ids.b, ids.a, ids.c]);
  expect(first.hasMore).toBe(true);
  const second = await listQueue(database.db, home, {}, { page: 1, size: 3 }, NOW);
  expect(second).toMatchObject({ page: 1, hasMore: false, items: [{ id: ids.d }] });
  expect(first.items[0]).toEqual({
    id: ids.b,
    number: expect.any(Number),
    status: "assigned",
    categoryId: toilet,
    icon: "🚻",
    categoryName: { "zh-CN": "公共厕所", en: "Public toilet" },
    areaId: north,
    areaName: "北区",
    assigneeId: LI,
    assigneeName: "Li",
    createdAt: "2026-05-10T09:00:00.000Z",
    deadlineAt: "2026-05-11T09:00:00.000Z",
    overdue: false,
  });
  expect(first.items[1]).toMatchObject({ id: ids.a, overdue: true, assigneeId: null, assigneeName: null });
});

it("reads the filter codes the queue's buttons carry, and nothing else", () => {
  expect(parseQueueFilter("a", LI)).toEqual({ order: "newest" });
  expect(parseQueueFilter("m", LI)).toEqual({ assigneeId: LI, order: "overdue-first" });
  expect(parseQueueFilter("u", LI)).toEqual({ unassigned: true, order: "newest" });
  expect(parseQueueFilter("o", LI)).toEqual({ overdue: true, order: "overdue-first" });
  expect(parseQueueFilter("c12", LI)).toEqual({ categoryId: 12, order: "newest" });
  expect(parseQueueFilter("r7", LI)).toEqual({ areaId: 7, order: "newest" });
  for (const code of ["", "zzz", "c", "c0", "c-1", "r1x", "x1", "am"]) expect(parseQueueFilter(code, LI), code).toBeUndefined();
});
