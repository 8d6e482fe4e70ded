import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCategories, reports } from "../../../src/db/schema/index.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { ADMIN, AREA_A, AREA_B, Browser, buildWorld, GROUP, INSPECTOR, STAFF, type World } from "./fixture.js";

// The actions past accept and assign: reject (a standard reply or the person's own words),
// duplicate, verify and reopen, each through the report workflow as the group's card buttons,
// each refusal a clear answer that changes nothing.

let database: TestDatabase;
let world: World;
let staff: Browser;
let admin: Browser;
let filed = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  staff = new Browser(world);
  await staff.signIn(STAFF, world.home, world.h.clock);
  admin = new Browser(world);
  await admin.signIn(ADMIN, world.home, world.h.clock);
});
afterAll(() => database.close());

/**
 * A fresh report by a new resident, in area A or B by turns, each at least 160 m from the others
 * (never offered as "the same problem") and within 350 m of its area's centre.
 */
let resident = 7300;
const fresh = () => {
  const offset = (Math.floor(filed / 2) - 2) * 0.0015;
  const centre = filed++ % 2 === 0 ? AREA_A : AREA_B;
  return world.file(++resident, centre + offset);
};
const rowOf = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!;
const groupEdits = () => world.h.telegram.calls.filter((c) => c.method.startsWith("editMessage") && c.payload.chat_id === GROUP);
const testIds = (text: string) => [...text.matchAll(/data-testid="action-(\w+)"/g)].map((m) => m[1]);

describe("the actions a report's state offers", () => {
  it("a new report: accept, assign, reject, duplicate; a resolved one: verify, reopen", async () => {
    const report = await fresh();
    expect(testIds((await staff.get(`/dashboard/reports/${report.number}`)).text)).toEqual(["accept", "assign", "reject", "duplicate"]);
    await resolvedBy(report.id, INSPECTOR);
    expect(testIds((await staff.get(`/dashboard/reports/${report.number}`)).text)).toEqual(["verify", "reopen"]);
  });
});

/** Assigned to `who`, who resolves it, as from /tasks. */
async function resolvedBy(id: number, who: number) {
  const { workflow } = createReportServices({ db: database.db, clock: world.h.clock, logger: silentLogger });
  await workflow.assign(id, { userId: STAFF }, who);
  await workflow.resolve(id, { userId: who }, "Cleaned");
}

describe("reject", () => {
  it("with a standard reply: stored in the community's language, told to the resident in theirs, the card edited", async () => {
    const report = await fresh();
    const page = await staff.get(`/dashboard/reports/${report.number}`);
    const option = /<option value="(\d+)">Not within this community[^<]*<\/option>/.exec(page.text);
    expect(option).not.toBeNull();
    world.h.telegram.clear();
    const answer = await staff.post(`/dashboard/reports/${report.number}/reject`, { template: option![1]!, reason: "" });
    expect(answer.status).toBe(303);
    const row = await rowOf(report.id);
    expect(row.status).toBe("rejected");
    expect(row.rejectionReason).toMatch(/^不属于本社区/);
    await world.h.flush();
    expect(world.h.telegram.texts(resident).some((t) => t.includes("Not within this community's remit"))).toBe(true);
    expect(groupEdits().length).toBeGreaterThan(0);
    expect((await staff.get(answer.location!)).text).toContain("rejected; the resident is told the reason.");
  });

  it("in the person's own words; without any reason, too long, or with a reply no longer offered, nothing changes", async () => {
    const report = await fresh();
    for (const [fields, message] of [
      [{ template: "", reason: "  " }, "Please pick a standard reply or write the reason."],
      [{ template: "", reason: "x".repeat(501) }, "The reason is too long (at most 500 characters)."],
      [{ template: "999999", reason: "" }, "That standard reply is no longer offered."],
      [{ template: "abc", reason: "" }, "That standard reply is no longer offered."],
    ] as const) {
      const answer = await staff.post(`/dashboard/reports/${report.number}/reject`, fields);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(message);
    }
    expect((await rowOf(report.id)).status).toBe("new");
    const answer = await staff.post(`/dashboard/reports/${report.number}/reject`, { template: "", reason: "Private land, not ours" });
    expect(answer.status).toBe(303);
    expect(await rowOf(report.id)).toMatchObject({ status: "rejected", rejectionReason: "Private land, not ours" });
  });
});

describe("duplicate", () => {
  it("by the original's tracking number, as typed; an unknown number or the report itself is refused", async () => {
    const original = await fresh();
    const report = await fresh();
    for (const typed of ["R-999999", "abc", "", `R-${String(report.number).padStart(6, "0")}`]) {
      const answer = await staff.post(`/dashboard/reports/${report.number}/duplicate`, { original: typed });
      expect(answer.status, typed).toBe(400);
      expect(answer.text).toContain("There is no such report in this community, or it is this same one.");
    }
    expect((await rowOf(report.id)).status).toBe("new");
    const answer = await staff.post(`/dashboard/reports/${report.number}/duplicate`, { original: `r${original.number}` });
    expect(answer.status).toBe(303);
    expect(await rowOf(report.id)).toMatchObject({ status: "duplicate", duplicateOfId: original.id });
  });
});

describe("verify and reopen", () => {
  it("a second staff member verifies; the one who resolved it may not; reopen sends it back", async () => {
    const report = await fresh();
    await resolvedBy(report.id, STAFF);
    const own = await staff.post(`/dashboard/reports/${report.number}/verify`);
    expect(own.status).toBe(409);
    expect(own.text).toContain("must be verified by another staff member");
    expect((await rowOf(report.id)).status).toBe("resolved");
    const verified = await admin.post(`/dashboard/reports/${report.number}/verify`);
    expect(verified.status).toBe(303);
    expect((await rowOf(report.id)).status).toBe("closed");
    const reopened = await admin.post(`/dashboard/reports/${report.number}/reopen`);
    expect(reopened.status).toBe(303);
    expect((await rowOf(report.id)).status).toBe("reopened");
    expect((await admin.get(reopened.location!)).text).toContain("reopened.");
  });

  it("a kind the resident confirms is not verified by staff: said so, nothing changes", async () => {
    const report = await fresh();
    const { categoryId } = await rowOf(report.id);
    await database.db.update(reportCategories).set({ verification: "resident" }).where(eq(reportCategories.id, categoryId));
    try {
      await resolvedBy(report.id, INSPECTOR);
      const answer = await staff.post(`/dashboard/reports/${report.number}/verify`);
      expect(answer.status).toBe(403);
      expect(answer.text).toContain("This kind of report is confirmed by the resident, not by staff.");
      expect((await rowOf(report.id)).status).toBe("resolved");
    } finally {
      await database.db.update(reportCategories).set({ verification: "either" }).where(eq(reportCategories.id, categoryId));
    }
  });

  it("an action the state does not allow is refused as stale", async () => {
    const report = await fresh();
    const answer = await staff.post(`/dashboard/reports/${report.number}/verify`);
    expect(answer.status).toBe(409);
    expect(answer.text).toContain("has moved on (it is &quot;Submitted&quot; now)");
    expect((await rowOf(report.id)).status).toBe("new");
  });
});
