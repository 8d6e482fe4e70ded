import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, reportEvents, reportPhotos, reports, users } from "../../../src/db/schema/index.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { updates } from "../../helpers/harness.js";
import { ADMIN, AREA_A, AREA_B, Browser, buildWorld, fileElsewhere, GROUP, INSPECTOR, OTHER_STAFF, STAFF, voiceBytes, type World } from "./fixture.js";

// Staff hide a report's description or photos from the dashboard, as /hide does (same service,
// same audit line, the group's card re-rendered); a report's voice notes play on its page,
// fetched through the server, and only this report's.

let database: TestDatabase;
let world: World;
const browsers = new Map<number, Browser>();
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
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
const rowOf = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!;
const auditOf = (id: number) =>
  database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subject, `report:${id}`))
    .orderBy(desc(auditLog.id));
const fetchAs = (id: number | undefined, path: string) =>
  world.dashboard.request(`http://dashboard.test${path}`, { headers: id === undefined ? {} : { Cookie: as(id).cookie! } });

/** A resident files a report in their own voice through the real /report conversation, in area A. */
async function fileByVoice(resident: number, latitude: number): Promise<{ id: number; number: number }> {
  const { h } = world;
  await recordUser(database.db, { id: resident, firstName: `R${resident}`, languageCode: "en" }, h.clock.now());
  await database.db.update(users).set({ communityId: world.home }).where(eq(users.id, resident));
  const user = u.user(resident, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(resident)[0]!.data!));
  await h.send(u.voice(user));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 121.5));
  await h.send(u.callback(user, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.reporterId, resident)).orderBy(desc(reports.id)).limit(1);
  expect(row!.voiceFileId).toMatch(/^voice-/);
  return { id: row!.id, number: row!.number };
}

describe("hide", () => {
  it("is not offered to inspectors, and refused when they post it by hand, without CSRF, unconfirmed or for another community", async () => {
    const report = await world.file(7401, AREA_A, { photo: true });
    const page = await as(INSPECTOR).get(`/dashboard/reports/${report.number}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('data-testid="report-hide"');
    for (const target of ["description", "photos"]) {
      const refused = await as(INSPECTOR).post(`/dashboard/reports/${report.number}/hide/${target}`, { confirm: "yes" });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("只有社区工作人员和管理员可以进行此操作");
    }
    const noCsrf = await as(STAFF).post(`/dashboard/reports/${report.number}/hide/description`, { confirm: "yes" }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    const forged = await as(STAFF).post(`/dashboard/reports/${report.number}/hide/description`, { confirm: "yes" }, { csrf: "forged" });
    expect(forged.status).toBe(403);
    const unconfirmed = await as(STAFF).post(`/dashboard/reports/${report.number}/hide/description`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain("Please tick the box to confirm. Nothing was hidden.");
    expect((await as(STAFF).post(`/dashboard/reports/${report.number}/hide/everything`, { confirm: "yes" })).status).toBe(404);
    // A number that exists only in the other community is not ours to hide.
    let elsewhere = 0;
    for (let i = 0; i < 40; i++) elsewhere = await fileElsewhere(database.db, world.other, OTHER_STAFF, `hide elsewhere ${i}`, world.h.clock.now());
    expect((await as(STAFF).post(`/dashboard/reports/${elsewhere}/hide/description`, { confirm: "yes" })).status).toBe(404);
    const row = await rowOf(report.id);
    expect(row.descriptionHiddenAt).toBeNull();
    expect(
      await database.db
        .select()
        .from(reportPhotos)
        .where(and(eq(reportPhotos.reportId, report.id))),
    ).toMatchObject([{ hiddenAt: null }]);
    expect(await auditOf(report.id)).toEqual([]);
  });

  it("staff hide the description: as /hide (audit line), the page says so, the group's card is re-rendered without it", async () => {
    const report = await world.file(7402, AREA_B, { photo: true });
    const before = await as(STAFF).get(`/dashboard/reports/${report.number}`);
    expect(before.text).toContain('data-testid="hide-description"');
    expect(before.text).toContain('data-testid="hide-photos"');
    world.h.telegram.clear();
    const answer = await as(STAFF).post(`/dashboard/reports/${report.number}/hide/description`, { confirm: "yes" });
    expect(answer.status).toBe(303);
    expect((await rowOf(report.id)).descriptionHiddenAt).not.toBeNull();
    expect(await auditOf(report.id)).toMatchObject([{ actorId: STAFF, action: "report.hide-description", communityId: world.home, after: { hidden: 1 } }]);
    await world.h.flush();
    const edit = world.h.telegram.calls.filter((c) => c.method.startsWith("editMessage") && c.payload.chat_id === GROUP).at(-1);
    expect(String(edit?.payload.caption ?? edit?.payload.text)).toContain("（已被工作人员隐藏）");
    expect(String(edit?.payload.caption ?? edit?.payload.text)).not.toContain("Garbage by the gate");
    const page = await as(STAFF).get(answer.location!);
    expect(page.text).toContain("is hidden from residents, from this page and on the card in the staff group.");
    expect(page.text).toContain("(hidden by staff)");
    expect(page.text).not.toContain("Garbage by the gate");
    expect(page.text).not.toContain('data-testid="hide-description"');
    expect(page.text).toContain('data-testid="hide-photos"');
  });

  it("staff hide the photos: gone from the page and from the photo address, with the audit line", async () => {
    const report = await world.file(7403, AREA_A + 0.002, { photo: true });
    const page = await as(ADMIN).get(`/dashboard/reports/${report.number}`);
    const src = /<img src="(\/dashboard\/reports\/\d+\/photos\/\d+)"/.exec(page.text)?.[1];
    expect((await fetchAs(ADMIN, src!)).status).toBe(200);
    const answer = await as(ADMIN).post(`/dashboard/reports/${report.number}/hide/photos`, { confirm: "yes" });
    expect(answer.status).toBe(303);
    expect(await auditOf(report.id)).toMatchObject([{ actorId: ADMIN, action: "report.hide-photos", after: { hidden: 1 } }]);
    const after = await as(ADMIN).get(answer.location!);
    expect(after.text).toContain("A photo already posted with the card in the staff group stays there");
    expect(after.text).not.toContain("<img ");
    expect(after.text).not.toContain('data-testid="hide-photos"');
    expect((await fetchAs(ADMIN, src!)).status).toBe(404);
  });
});

describe("voice", () => {
  it("a report told by voice plays on its page through the server; another report's or a forged address is not found", async () => {
    const report = await fileByVoice(7404, AREA_A - 0.002);
    const other = await world.file(7405, AREA_B - 0.002);
    const { voiceFileId } = await rowOf(report.id);
    const page = await as(STAFF).get(`/dashboard/reports/${report.number}`);
    expect(page.text).toContain(`<audio controls preload="none" src="/dashboard/reports/${report.number}/voice"`);
    expect(page.text).not.toContain(voiceFileId!);
    expect(page.headers.get("Content-Security-Policy")).toContain("media-src 'self'");
    const voice = await fetchAs(STAFF, `/dashboard/reports/${report.number}/voice`);
    expect(voice.status).toBe(200);
    expect(voice.headers.get("Content-Type")).toBe("audio/ogg");
    expect(new Uint8Array(await voice.arrayBuffer())).toEqual(voiceBytes(voiceFileId!));
    // The inspector who leads the area hears it too; nobody signed in, or another community's staff, does not.
    expect((await fetchAs(INSPECTOR, `/dashboard/reports/${report.number}/voice`)).status).toBe(200);
    expect([401, 404]).toContain((await fetchAs(undefined, `/dashboard/reports/${report.number}/voice`)).status);
    // A report without a voice note has none to serve.
    expect((await fetchAs(STAFF, `/dashboard/reports/${other.number}/voice`)).status).toBe(404);

    // The resident's "not fixed" in their own voice: a step of the history, by its row id, under this report only.
    const { workflow } = createReportServices({ db: database.db, clock: world.h.clock, logger: silentLogger });
    await workflow.assign(report.id, { userId: STAFF }, INSPECTOR);
    await workflow.resolve(report.id, { userId: INSPECTOR }, "Cleared");
    await workflow.reopen(report.id, { userId: 7404 }, { voiceFileId: "voice-not-fixed" });
    const [step] = await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, report.id)).orderBy(desc(reportEvents.id)).limit(1);
    const history = await as(STAFF).get(`/dashboard/reports/${report.number}`);
    expect(history.text).toContain(`src="/dashboard/reports/${report.number}/voice/${step!.id}"`);
    const stepVoice = await fetchAs(STAFF, `/dashboard/reports/${report.number}/voice/${step!.id}`);
    expect(stepVoice.status).toBe(200);
    expect(new Uint8Array(await stepVoice.arrayBuffer())).toEqual(voiceBytes("voice-not-fixed"));
    const [otherStep] = await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, other.id)).limit(1);
    for (const path of [
      `/dashboard/reports/${other.number}/voice/${step!.id}`,
      `/dashboard/reports/${report.number}/voice/${otherStep!.id}`,
      `/dashboard/reports/${report.number}/voice/abc`,
      `/dashboard/reports/${report.number}/voice/99999999999`,
      `/dashboard/reports/${report.number}/voice/voice-not-fixed`,
    ])
      expect((await fetchAs(STAFF, path)).status, path).toBe(404);

    // Hidden as the description it is, it is no longer played.
    await as(STAFF).post(`/dashboard/reports/${report.number}/hide/description`, { confirm: "yes" });
    expect((await fetchAs(STAFF, `/dashboard/reports/${report.number}/voice`)).status).toBe(404);
    expect((await as(STAFF).get(`/dashboard/reports/${report.number}`)).text).not.toContain(`src="/dashboard/reports/${report.number}/voice"`);
  });
});
