import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCategories, reportPhotos, reports } from "../../../src/db/schema/index.js";
import type { DashboardDeps } from "../../../src/features/dashboard/context.js";
import { RESOLVE_FORM_MAX_BYTES } from "../../../src/features/dashboard/resolve-action.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { pngImage } from "../../e2e/sandbox-process.js";
import { ADMIN, AREA_A, AREA_B, Browser, buildWorld, fileElsewhere, GROUP, INSPECTOR, INSPECTOR_B, OTHER_STAFF, STAFF, type World } from "./fixture.js";

// "Dealt with" from the dashboard: a standard reply or the person's own words, and after-photos
// uploaded in the browser, sent to Telegram for their file ids, then the report workflow as the
// assignee's resolve in the bot (the resident told, the group's card edited through the outbox).
// Every refusal changes nothing, and sends nothing to Telegram when it can be known before.

let database: TestDatabase;
let world: World;
const browsers = new Map<number, Browser>();

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
const afterPhotosOf = (id: number) =>
  database.db
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.reportId, id), eq(reportPhotos.kind, "resolution")));
const groupEdits = () => world.h.telegram.calls.filter((c) => c.method.startsWith("editMessage") && c.payload.chat_id === GROUP);

const PNG = pngImage(40, 30);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const photo = (bytes: Uint8Array, filename = "after.png", type = "image/png") => ({ name: "photos", bytes, filename, type });

let filed = 0;
let resident = 7500;
/** A fresh report, assigned to `assignee` (in area A or B by turns, far enough apart never to be "the same"). */
async function assignedTo(assignee: number) {
  const offset = (Math.floor(filed / 2) - 2) * 0.0015;
  const centre = filed++ % 2 === 0 ? AREA_A : AREA_B;
  const report = await world.file(++resident, centre + offset);
  await world.deps.workflow.assign(report.id, { userId: STAFF }, assignee);
  return report;
}

describe("who may resolve", () => {
  it("staff, admins and the inspector it is assigned to are offered the form; another inspector is refused, nothing sent or changed", async () => {
    // In area A, which INSPECTOR leads, so they see it, but it is INSPECTOR_B's task.
    const inArea = await assignedTo(INSPECTOR_B);
    for (const who of [STAFF, ADMIN]) expect((await as(who).get(`/dashboard/reports/${inArea.number}`)).text).toContain('data-testid="resolve-form"');
    const seen = await as(INSPECTOR).get(`/dashboard/reports/${inArea.number}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('data-testid="resolve-form"');
    const uploads = world.uploads.length;
    for (const files of [[], [photo(PNG)]]) {
      const refused = await as(INSPECTOR).postFiles(`/dashboard/reports/${inArea.number}/resolve`, { template: "", note: "Done it" }, files);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("只有工作人员、管理员或");
    }
    expect(world.uploads.length).toBe(uploads);
    expect((await rowOf(inArea.id)).status).toBe("assigned");

    const mine = await assignedTo(INSPECTOR);
    expect((await as(INSPECTOR).get(`/dashboard/reports/${mine.number}`)).text).toContain('data-testid="resolve-form"');
    const answer = await as(INSPECTOR).postFiles(`/dashboard/reports/${mine.number}/resolve`, { template: "", note: "扫干净了" }, []);
    expect(answer.status).toBe(303);
    expect(await rowOf(mine.id)).toMatchObject({ status: "resolved", resolvedBy: INSPECTOR, resolutionNote: "扫干净了" });
  });

  it("a form without the CSRF token, another community's number or a state that does not allow it is refused; nothing sent or changed", async () => {
    const report = await assignedTo(INSPECTOR);
    const uploads = world.uploads.length;
    const noCsrf = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Done" }, [photo(PNG)], { csrf: false });
    expect(noCsrf.status).toBe(403);
    let elsewhere = 0;
    for (let i = 0; i < 30; i++) elsewhere = await fileElsewhere(database.db, world.other, OTHER_STAFF, `resolve elsewhere ${i}`, world.h.clock.now());
    expect((await as(STAFF).postFiles(`/dashboard/reports/${elsewhere}/resolve`, { note: "Done" }, [photo(PNG)])).status).toBe(404);
    const fresh = await world.file(7602, AREA_B + 0.003); // new: not yet accepted or assigned
    for (const files of [[], [photo(PNG)]]) {
      const stale = await as(STAFF).postFiles(`/dashboard/reports/${fresh.number}/resolve`, { note: "Done" }, files);
      expect(stale.status).toBe(409);
      expect(stale.text).toContain("has moved on (it is &quot;Submitted&quot; now), so nothing was changed.");
    }
    expect(world.uploads.length).toBe(uploads);
    expect((await rowOf(report.id)).status).toBe("assigned");
    expect((await rowOf(fresh.id)).status).toBe("new");
  });
});

describe("resolve with after-photos", () => {
  it("a standard reply and two photos: each sent to the person's chat for its file id, kept as after-photos; the resident told, the card edited", async () => {
    const report = await assignedTo(INSPECTOR);
    const page = await as(STAFF).get(`/dashboard/reports/${report.number}`);
    const option = /<option value="(\d+)">Cleaned up\.<\/option>/.exec(page.text);
    expect(option).not.toBeNull();
    world.h.telegram.clear();
    const before = world.uploads.length;
    const answer = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { template: option![1]!, note: "" }, [
      photo(PNG, "IMG_0001.png"),
      photo(JPEG, "IMG_0002.jpg", "image/jpeg"),
    ]);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/dashboard/reports/${report.number}?done=resolve`);
    const sent = world.uploads.slice(before);
    expect(sent.map((u) => [u.chatId, u.filename, u.caption])).toEqual([
      [STAFF, "after-1.png", `📷 After-photo for R-${String(report.number).padStart(6, "0")}, sent from the staff dashboard.`],
      [STAFF, "after-2.jpg", `📷 After-photo for R-${String(report.number).padStart(6, "0")}, sent from the staff dashboard.`],
    ]);
    expect(Buffer.from(sent[0]!.bytes)).toEqual(Buffer.from(PNG));
    const row = await rowOf(report.id);
    expect(row).toMatchObject({ status: "resolved", resolvedBy: STAFF });
    expect(row.resolutionNote).toMatch(/^已清理/);
    expect((await afterPhotosOf(report.id)).map((p) => p.fileId)).toEqual(sent.map((u) => u.fileId));
    await world.h.flush();
    const told = world.h.telegram.sent(resident).map((c) => String(c.payload.text ?? c.payload.caption ?? JSON.stringify(c.payload.media ?? "")));
    expect(
      told.some((t) => t.includes("has been dealt with: Cleaned up.")),
      told.join("\n"),
    ).toBe(true);
    expect(groupEdits().length).toBeGreaterThan(0);
    const after = await as(STAFF).get(answer.location!);
    expect(after.text).toContain("is marked as dealt with; the resident is asked to confirm.");
    expect(after.text).toMatch(/<figcaption>After the fix<\/figcaption>\s*(<a [^>]*><img src="\/dashboard\/reports\/\d+\/photos\/\d+"[^>]*><\/a>\s*){2}/);
    expect(after.text).not.toContain('data-testid="resolve-form"');
  });

  it("a kind that needs an after-photo is refused without one and nothing changes; with one it is resolved", async () => {
    const report = await assignedTo(INSPECTOR);
    const { categoryId } = await rowOf(report.id);
    await database.db.update(reportCategories).set({ afterPhotoRequired: true }).where(eq(reportCategories.id, categoryId));
    try {
      const page = await as(STAFF).get(`/dashboard/reports/${report.number}`);
      expect(page.text).toMatch(/name="photos" multiple accept="image\/jpeg,image\/png,image\/webp" required/);
      const refused = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Cleared" }, [photo(new Uint8Array(), "")]);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain("This kind of problem needs at least one after-photo to be marked as dealt with. Nothing was changed.");
      expect(await rowOf(report.id)).toMatchObject({ status: "assigned", resolvedAt: null });
      expect(await afterPhotosOf(report.id)).toEqual([]);
      const answer = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Cleared" }, [photo(PNG)]);
      expect(answer.status).toBe(303);
      expect((await rowOf(report.id)).status).toBe("resolved");
    } finally {
      await database.db.update(reportCategories).set({ afterPhotoRequired: false }).where(eq(reportCategories.id, categoryId));
    }
  });

  it("what is not a photo, too many, too big, no words or a reply no longer offered is refused before anything is sent", async () => {
    const report = await assignedTo(INSPECTOR);
    const before = world.uploads.length;
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG.subarray(0, 4));
    const cases: Array<[Record<string, string>, ReturnType<typeof photo>[], number, string]> = [
      [
        { note: "Done" },
        [photo(new TextEncoder().encode("<script>alert(1)</script>"), "evil.jpg", "image/jpeg")],
        400,
        "&quot;evil.jpg&quot; is not a JPEG, PNG or WebP photo.",
      ],
      [{ note: "Done" }, [photo(new TextEncoder().encode("%PDF-1.7\n"), "scan.png")], 400, "&quot;scan.png&quot; is not a JPEG, PNG or WebP photo."],
      [{ note: "Done" }, Array.from({ length: 6 }, () => photo(PNG)), 400, "At most 5 after-photos, please."],
      [{ note: "Done" }, [photo(big, "huge.jpg", "image/jpeg")], 413, "&quot;huge.jpg&quot; is larger than 10 MB."],
      [{ note: "  " }, [photo(PNG)], 400, "Please pick a standard reply or write how it was dealt with."],
      [{ note: "x".repeat(501) }, [], 400, "The reason is too long"],
      [{ template: "999999", note: "" }, [], 400, "That standard reply is no longer offered."],
    ];
    for (const [fields, files, status, message] of cases) {
      const answer = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, fields, files);
      expect(answer.status, message).toBe(status);
      expect(answer.text).toContain(message);
    }
    // A body bigger than any form takes is not even read: a page says so.
    const flood = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Done" }, [
      photo(new Uint8Array(RESOLVE_FORM_MAX_BYTES + 1), "flood.jpg"),
    ]);
    expect(flood.status).toBe(413);
    expect(flood.text).toContain("That was more than a form here takes. Nothing was changed.");
    expect(world.uploads.length).toBe(before);
    expect((await rowOf(report.id)).status).toBe("assigned");
  });

  it("Telegram refusing the photo changes nothing; the report moving on while the photos were sent changes nothing either", async () => {
    const report = await assignedTo(INSPECTOR);
    world.failUploads = true;
    try {
      const failed = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Done" }, [photo(PNG)]);
      expect(failed.status).toBe(502);
      expect(failed.text).toContain("The after-photos could not be sent to Telegram just now, so nothing was changed.");
    } finally {
      world.failUploads = false;
    }
    expect((await rowOf(report.id)).status).toBe("assigned");

    // Someone hands the task back while the photo is on its way: the workflow refuses, the page says so.
    const upload: DashboardDeps["uploadPhoto"] = world.deps.uploadPhoto;
    const { workflow } = createReportServices({ db: database.db, clock: world.h.clock, logger: silentLogger });
    world.deps.uploadPhoto = async (input) => {
      await workflow.handBack(report.id, { userId: INSPECTOR }, "Needs the district");
      await workflow.reject(report.id, { userId: ADMIN }, "The district's, not ours");
      return upload(input);
    };
    try {
      const stale = await as(STAFF).postFiles(`/dashboard/reports/${report.number}/resolve`, { note: "Done" }, [photo(PNG)]);
      expect(stale.status).toBe(409);
      expect(stale.text).toContain("has moved on (it is &quot;Not accepted&quot; now), so nothing was changed.");
    } finally {
      world.deps.uploadPhoto = upload;
    }
    expect(await rowOf(report.id)).toMatchObject({ status: "rejected", resolvedAt: null });
    expect(await afterPhotosOf(report.id)).toEqual([]);
  });
});
