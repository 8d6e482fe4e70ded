import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents, reports } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import {
  ADMIN,
  AREA_A,
  AREA_B,
  Browser,
  buildWorld,
  fileElsewhere,
  GROUP,
  INSPECTOR,
  INSPECTOR_B,
  OTHER_STAFF,
  PHOTO_BYTES,
  STAFF,
  type World,
} from "./fixture.js";

// Who may see and do what on the dashboard (role × page and action), the other community
// included; each action goes through the report workflow, so the staff group's card follows.

let database: TestDatabase;
let world: World;
/** In area A (led by INSPECTOR), unassigned; in area B (led by INSPECTOR_B); in B but assigned to INSPECTOR. */
let inA: { id: number; number: number };
let inB: { id: number; number: number };
let inBForInspector: { id: number; number: number };
/** A tracking number that exists only in the other community. */
let elsewhere: number;
const browsers = new Map<number, Browser>();

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
  inA = await world.file(7201, AREA_A, { photo: true });
  inB = await world.file(7202, AREA_B);
  inBForInspector = await world.file(7203, AREA_B + 0.002); // 200 m away: not offered as "the same problem"
  await world.deps.workflow.assign(inBForInspector.id, { userId: STAFF }, INSPECTOR);
  for (let i = 0; i < 5; i++) elsewhere = await fileElsewhere(database.db, world.other, OTHER_STAFF, `elsewhere ${i}`, world.h.clock.now());
  expect(elsewhere).toBeGreaterThan(inBForInspector.number);
  for (const [id, community] of [
    [STAFF, world.home],
    [ADMIN, world.home],
    [INSPECTOR, world.home],
    [OTHER_STAFF, world.other],
  ] as const) {
    const browser = new Browser(world);
    await browser.signIn(id, community, world.h.clock);
    browsers.set(id, browser);
  }
});
afterAll(() => database.close());

const as = (id: number) => browsers.get(id)!;
const statusOf = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!;
const numberOf = (n: number) => `R-${String(n).padStart(6, "0")}`;

describe("what each role sees", () => {
  it("staff and admins list every report of their community, and nothing of another", async () => {
    for (const id of [STAFF, ADMIN]) {
      const list = await as(id).get("/dashboard/reports");
      expect(list.status).toBe(200);
      for (const r of [inA, inB, inBForInspector]) expect(list.text).toContain(numberOf(r.number));
      expect(list.text).toContain("3 reports");
      expect(list.text).not.toContain(numberOf(elsewhere));
    }
    const theirs = await as(OTHER_STAFF).get("/dashboard/reports");
    expect(theirs.text).toContain("5 reports");
    expect(theirs.text).toContain(numberOf(elsewhere));
  });

  it("an inspector lists their own tasks and their area's reports, not another area's", async () => {
    const list = await as(INSPECTOR).get("/dashboard/reports");
    expect(list.text).toContain(numberOf(inA.number));
    expect(list.text).toContain(numberOf(inBForInspector.number));
    expect(list.text).not.toContain(`>${numberOf(inB.number)}<`);
    expect(list.text).toContain("共 2 条");
  });

  it("report pages follow the same rule; another community's report is not found, whoever asks", async () => {
    const table: Array<[number, { number: number }, number]> = [
      [STAFF, inA, 200],
      [STAFF, inB, 200],
      [ADMIN, inB, 200],
      [INSPECTOR, inA, 200],
      [INSPECTOR, inBForInspector, 200],
      [INSPECTOR, inB, 404],
      [STAFF, { number: elsewhere }, 404],
      [ADMIN, { number: elsewhere }, 404],
      [INSPECTOR, { number: elsewhere }, 404],
      [OTHER_STAFF, { number: elsewhere }, 200],
    ];
    for (const [who, report, status] of table) {
      const page = await as(who).get(`/dashboard/reports/${report.number}`);
      expect(page.status, `${who} → ${report.number}`).toBe(status);
      if (status === 404) expect(page.text).toMatch(/no such report, or it is not one you can see|没有这条问题上报，或您无权查看/);
    }
    // Ids that are not tracking numbers are not found either, never an error.
    for (const path of ["0", "abc", "99999999999", "-1", "1e3"]) expect((await as(STAFF).get(`/dashboard/reports/${path}`)).status).toBe(404);
  });

  it("shows a report's photos through the server (never Telegram's address or the bot's token), only to who may see it", async () => {
    const page = await as(STAFF).get(`/dashboard/reports/${inA.number}`);
    const src = /<img src="(\/dashboard\/reports\/\d+\/photos\/\d+)"/.exec(page.text)?.[1];
    expect(src).toBeDefined();
    expect(page.text).not.toMatch(/api\.telegram\.org|\/file\/bot|bot\d+:/);
    const photo = await world.dashboard.request(`http://dashboard.test${src}`, { headers: { Cookie: as(STAFF).cookie! } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("Content-Type")).toBe("image/jpeg");
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PHOTO_BYTES);
    // The photo id under another report, another community's staff, nobody signed in: not found.
    const photoId = src!.split("/").at(-1);
    for (const [cookie, path] of [
      [as(STAFF).cookie, `/dashboard/reports/${inB.number}/photos/${photoId}`],
      [as(OTHER_STAFF).cookie, src],
      [undefined, src],
    ] as const) {
      const answer = await world.dashboard.request(`http://dashboard.test${path}`, { headers: cookie ? { Cookie: cookie } : {} });
      expect([401, 404], path).toContain(answer.status);
    }
  });

  it("shows the history and the supporters", async () => {
    const page = await as(INSPECTOR).get(`/dashboard/reports/${inBForInspector.number}`);
    expect(page.text).toMatch(/data-testid="report-history"[\s\S]*已提交[\s\S]*Chen[\s\S]*已派单/);
    expect(page.text).toMatch(/data-testid="report-supporters">0</);
  });
});

describe("what each role may do", () => {
  it("an inspector sees no staff actions and is refused one posted by hand; nothing changes", async () => {
    const page = await as(INSPECTOR).get(`/dashboard/reports/${inA.number}`);
    expect(page.text).not.toContain('data-testid="report-actions"');
    for (const [action, fields] of [
      ["accept", {}],
      ["assign", { assignee: String(INSPECTOR) }],
    ] as const) {
      const answer = await as(INSPECTOR).post(`/dashboard/reports/${inA.number}/${action}`, fields);
      expect(answer.status).toBe(403);
      expect(answer.text).toContain("只有社区工作人员和管理员可以进行此操作");
    }
    expect((await statusOf(inA.id)).status).toBe("new");
  });

  it("staff of another community reach only their own reports: the same number there is their report, never ours", async () => {
    // Tracking numbers count per community: R-000001 of the other community is theirs to accept.
    const answer = await as(OTHER_STAFF).post(`/dashboard/reports/${inA.number}/accept`);
    expect(answer.status).toBe(303);
    const [theirs] = await database.db.select().from(reports).where(eq(reports.communityId, world.other)).orderBy(reports.number).limit(1);
    expect(theirs).toMatchObject({ number: inA.number, status: "accepted" });
    expect((await statusOf(inA.id)).status).toBe("new");
    // And ours cannot reach a number that exists only there.
    expect((await as(STAFF).post(`/dashboard/reports/${elsewhere}/accept`)).status).toBe(404);
  });

  it("staff accept: the same workflow as the button (history with the actor), and the group's card is edited", async () => {
    world.h.telegram.clear();
    const answer = await as(STAFF).post(`/dashboard/reports/${inA.number}/accept`);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/dashboard/reports/${inA.number}?done=accept`);
    expect((await statusOf(inA.id)).status).toBe("accepted");
    const events = await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, inA.id));
    expect(events.at(-1)).toMatchObject({ actorId: STAFF, fromStatus: "new", toStatus: "accepted" });
    await world.h.flush();
    const edit = [...world.h.telegram.callsOf("editMessageCaption"), ...world.h.telegram.callsOf("editMessageText")].find((c) => c.payload.chat_id === GROUP);
    expect(String(edit?.payload.caption ?? edit?.payload.text)).toContain("已受理");
    const page = await as(STAFF).get(answer.location!);
    expect(page.text).toContain(`${numberOf(inA.number)} accepted. The card in the staff group is updated too.`);
    expect(page.text).not.toContain('data-testid="action-accept"');
  });

  it("admins assign: the assignee is told, the card shows them; a second accept is refused as stale", async () => {
    world.h.telegram.clear();
    const answer = await as(ADMIN).post(`/dashboard/reports/${inA.number}/assign`, { assignee: String(INSPECTOR_B) });
    expect(answer.status).toBe(303);
    expect(await statusOf(inA.id)).toMatchObject({ status: "assigned", assigneeId: INSPECTOR_B });
    await world.h.flush();
    expect(world.h.telegram.texts(INSPECTOR_B).some((t) => /📌/.test(t))).toBe(true);
    const edit = world.h.telegram.calls.filter((c) => c.method.startsWith("editMessage") && c.payload.chat_id === GROUP).at(-1);
    expect(String(edit?.payload.caption ?? edit?.payload.text)).toContain("Zhao");
    expect((await as(ADMIN).get(answer.location!)).text).toContain("assigned to Zhao");

    const stale = await as(STAFF).post(`/dashboard/reports/${inA.number}/accept`);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(`${numberOf(inA.number)} has moved on (it is &quot;Assigned&quot; now), so nothing was changed.`);
    expect((await statusOf(inA.id)).status).toBe("assigned");
  });

  it("an assignee who cannot take reports, or a forged one, is refused and nothing changes", async () => {
    for (const assignee of ["7201", "abc", "", "99999999999999999999", String(OTHER_STAFF)]) {
      const answer = await as(STAFF).post(`/dashboard/reports/${inB.number}/assign`, { assignee });
      expect(answer.status, assignee).toBe(400);
      expect(answer.text).toContain("That person cannot take reports of this community. Nothing was changed.");
    }
    expect(await statusOf(inB.id)).toMatchObject({ status: "new", assigneeId: null });
  });

  it("an unknown action is not a route", async () => {
    const answer = await as(STAFF).post(`/dashboard/reports/${inB.number}/explode`);
    expect(answer.status).toBe(404);
    expect((await statusOf(inB.id)).status).toBe("new");
  });
});
