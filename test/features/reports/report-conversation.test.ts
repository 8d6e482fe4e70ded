import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, conversationStates, reportCategories, reportEvents, reportPhotos, reports, reportSupporters } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeTelegram } from "../../helpers/fake-telegram.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let communityId: number;
let dirtySpot: number;
let toilet: number;
beforeAll(async () => {
  database = await createTestDatabase();
  communityId = (await seedDefaultCommunity(database.db)).id;
  const categories = await database.db.select().from(reportCategories);
  dirtySpot = categories.find((c) => c.code === "dirty-spot")!.id;
  toilet = categories.find((c) => c.code === "public-toilet")!.id;
  await database.db.insert(areas).values({
    communityId,
    name: "第一网格",
    centerLatitude: 31.23,
    centerLongitude: 121.47,
    radiusMeters: 5000,
  });
});
afterAll(() => database.close());

const u = updates();
const reportsOf = (userId: number) => database.db.select().from(reports).where(eq(reports.reporterId, userId));

/**
 * Walks a user to the summary: category, text, one photo, a location in the first area. Each
 * user's default spot is ~110 m from the others', so earlier reports are not offered as duplicates.
 */
async function toSummary(h: Harness, userId: number, options: { category?: number; latitude?: number; longitude?: number } = {}) {
  const user = u.user(userId, { languageCode: "en" });
  await h.send(u.command(user, "start"));
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${options.category ?? dirtySpot}`));
  await h.send(u.text(user, "Garbage piled up east of building 3"));
  await h.send(u.photo(user, { fileUniqueId: `p-${userId}` }));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, options.latitude ?? 31.2 + (userId % 100) * 0.001, options.longitude ?? 121.4701));
  return user;
}

it("takes a resident from /report to a tracking number, writing nothing before Confirm", async () => {
  const h = createHarness({ db: database.db });
  const user = await toSummary(h, 801);
  const summary = h.telegram.lastText(801)!;
  expect(summary).toContain("Please check your report:");
  expect(summary).toContain("Kind: 🗑️ Dirty spot or garbage pile");
  expect(summary).toContain("What is wrong: Garbage piled up east of building 3");
  expect(summary).toContain("Photos: 1");
  expect(summary).toContain("Area: 第一网格");
  expect(await reportsOf(801)).toHaveLength(0);

  await h.send(u.callback(user, "rsum:confirm"));
  expect(h.telegram.lastText(801)).toBe(
    "✅ Report received! Your tracking number is R-000001. Community staff will look at it soon, and I will tell you at every step. Send /my to follow it any time.",
  );
  const [report] = await reportsOf(801);
  expect(report).toMatchObject({ number: 1, categoryId: dirtySpot, status: "new", description: "Garbage piled up east of building 3", anonymous: false });
  expect(report?.latitude).toBeCloseTo(31.201);
  expect(report?.deadlineAt?.getTime()).toBe(h.clock.now().getTime() + 24 * 3600_000);
  expect(await database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, report!.id))).toMatchObject([
    { fileId: "large-p-801", fileUniqueId: "p-801", kind: "report" },
  ]);
  expect(await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, report!.id))).toMatchObject([
    { fromStatus: null, toStatus: "new", actorId: 801 },
  ]);
  expect(await database.db.select().from(conversationStates).where(eq(conversationStates.key, "801:801"))).toHaveLength(0);
});

it("speaks Chinese to a Chinese client through the whole conversation", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(802, { languageCode: "zh-hans" });
  await h.send(u.command(user, "report"));
  expect(h.telegram.lastText(802)).toBe("第 1 步（共 4 步）：请选择问题类型：");
  expect(h.telegram.lastButtons(802)[0]?.text).toBe("🗑️ 卫生死角 / 垃圾堆");
  await h.send(u.callback(user, `rcat:${toilet}`));
  expect(h.telegram.lastText(802)).toContain("第 2 步");
});

it("accepts a voice message as the description and an album of photos acknowledged once", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(803, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.voice(user));
  h.telegram.clear();
  for (let i = 0; i < 3; i++) await h.send(u.photo(user, { fileUniqueId: `album-${i}`, mediaGroupId: "album-1" }));
  expect(h.telegram.texts(803)).toEqual(['📷 Photo received. Send more, or tap "Done".']);
  await h.send(u.callback(user, "rdone"));
  await h.send(u.text(user, "Gate of 12 Xingfu Road"));
  expect(h.telegram.lastText(803)).toContain("What is wrong: 🎤 voice message");
  expect(h.telegram.lastText(803)).toContain("Photos: 3");
  expect(h.telegram.lastText(803)).toContain("Where: Gate of 12 Xingfu Road");
  expect(h.telegram.lastText(803)).toContain("Area: not known");
  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await reportsOf(803);
  expect(report).toMatchObject({
    description: null,
    voiceFileId: expect.stringMatching(/^voice-/),
    address: "Gate of 12 Xingfu Road",
    latitude: null,
    areaId: null,
  });
});

it("keeps five photos at most and says so once", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(804, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.text(user, "Broken bins"));
  h.telegram.clear();
  for (let i = 0; i < 7; i++) await h.send(u.photo(user, { fileUniqueId: `many-${i}` }));
  expect(h.telegram.texts(804).filter((t) => t.startsWith("Only 5 photos are kept"))).toHaveLength(1);
  await h.send(u.callback(user, "rdone"));
  await h.send(u.text(user, "Building 5"));
  expect(h.telegram.lastText(804)).toContain("Photos: 5");
});

it("re-asks on every wrong kind of message without leaving the conversation", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(805, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.text(user, "garbage"));
  expect(h.telegram.lastText(805)).toBe("Please tap one of the buttons above to choose the kind of problem, or send /cancel to leave.");
  await h.send(u.callback(user, "rcat:999999"));
  expect(h.telegram.lastText(805)).toBe("Please tap one of the buttons above to choose the kind of problem, or send /cancel to leave.");
  await h.send(u.callback(user, `rcat:${dirtySpot}`));

  await h.send(u.sticker(user));
  expect(h.telegram.lastText(805)).toContain("Please describe the problem in text or a voice message");
  await h.send(u.text(user, "x".repeat(1001)));
  expect(h.telegram.lastText(805)).toBe("That description is too long (1001 characters); at most 1000. Please shorten it and send it again.");
  await h.send(u.text(user, "x".repeat(1000)));

  await h.send(u.text(user, "here is a photo"));
  expect(h.telegram.lastText(805)).toBe("Please send a photo, or tap the button below to go on.");
  const pdf = u.photo(user);
  pdf.message = {
    ...pdf.message!,
    photo: undefined,
    document: { file_id: "doc-1", file_unique_id: "udoc-1", mime_type: "application/pdf", file_size: 1000 },
  } as never;
  await h.send(pdf);
  expect(h.telegram.lastText(805)).toBe("That file is not a picture, so it was not kept. Please send a photo of the spot.");
  const huge = u.photo(user);
  huge.message = {
    ...huge.message!,
    photo: undefined,
    document: { file_id: "doc-2", file_unique_id: "udoc-2", mime_type: "image/jpeg", file_size: 25 * 1024 * 1024 },
  } as never;
  await h.send(huge);
  expect(h.telegram.lastText(805)).toBe("That file is too large (over 20 MB). Please send it as a photo instead.");
  const asFile = u.photo(user);
  asFile.message = {
    ...asFile.message!,
    photo: undefined,
    document: { file_id: "doc-3", file_unique_id: "udoc-3", mime_type: "image/jpeg", file_size: 3 * 1024 * 1024 },
  } as never;
  await h.send(asFile);
  expect(h.telegram.lastText(805)).toBe('📷 Photo received. Send more, or tap "Done".');
  await h.send(u.callback(user, "rdone"));

  await h.send(u.sticker(user));
  expect(h.telegram.lastText(805)).toContain("Please send your location, or type an address");
  await h.send(u.text(user, "a".repeat(201)));
  expect(h.telegram.lastText(805)).toBe("That is too long. Please shorten it to at most 200 characters.");
  await h.send(u.location(user, 31.2302, 121.4802));
  await h.send(u.text(user, "confirm"));
  expect(h.telegram.lastText(805)).toBe("Please tap one of the buttons above.");
  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await reportsOf(805);
  expect(report?.description).toHaveLength(1000);
});

it("/cancel at any step leaves nothing saved", async () => {
  const h = createHarness({ db: database.db });
  for (const stepsBefore of [1, 2, 3, 4, 5]) {
    const id = 810 + stepsBefore;
    const user = u.user(id, { languageCode: "en" });
    const steps = [
      u.command(user, "report"),
      u.callback(user, `rcat:${dirtySpot}`),
      u.text(user, "Dirty"),
      u.callback(user, "rdone"),
      u.location(user, 31.2303, 121.4703),
    ];
    for (const step of steps.slice(0, stepsBefore)) await h.send(step);
    await h.send(u.command(user, "cancel"));
    expect(h.telegram.lastText(id)).toBe("Cancelled; nothing was saved. What would you like to do?");
    expect(await reportsOf(id)).toHaveLength(0);
    expect(
      await database.db
        .select()
        .from(conversationStates)
        .where(eq(conversationStates.key, `${id}:${id}`)),
    ).toHaveLength(0);
  }
  // The Cancel button does the same.
  const user = u.user(820, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, "cancel"));
  expect(h.telegram.lastText(820)).toBe("Cancelled; nothing was saved. What would you like to do?");
});

it("lets the resident edit a field and report anonymously", async () => {
  const h = createHarness({ db: database.db });
  const user = await toSummary(h, 821);
  await h.send(u.callback(user, "rsum:edit"));
  await h.send(u.callback(user, "redit:description"));
  await h.send(u.text(user, "Overflowing bins at the north gate"));
  expect(h.telegram.lastText(821)).toContain("What is wrong: Overflowing bins at the north gate");
  await h.send(u.callback(user, "rsum:anonymous"));
  expect(h.telegram.lastText(821)).toContain("Anonymous: yes (staff will not see your name)");
  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await reportsOf(821);
  expect(report).toMatchObject({ description: "Overflowing bins at the north gate", anonymous: true });
});

it("asks before accepting a point outside every area", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(822, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${toilet}`));
  await h.send(u.text(user, "Toilet blocked"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.3, 121.6));
  expect(h.telegram.lastText(822)).toBe("This spot seems to be outside the community's areas. Report it anyway?");
  await h.send(u.callback(user, "rout:again"));
  expect(h.telegram.lastText(822)).toContain("Step 4: where is it?");
  await h.send(u.location(user, 31.3, 121.6));
  await h.send(u.callback(user, "rout:yes"));
  expect(h.telegram.lastText(822)).toContain("Area: not known");
  await h.send(u.callback(user, "rsum:confirm"));
  expect((await reportsOf(822))[0]).toMatchObject({ areaId: null, latitude: 31.3 });
});

it("offers an open report of the same kind nearby, and records a +1 instead of a new report", async () => {
  const h = createHarness({ db: database.db });
  const first = await toSummary(h, 823, { latitude: 31.2305, longitude: 121.4905 });
  await h.send(u.callback(first, "rsum:confirm"));
  const [original] = await reportsOf(823);

  // 20 m away, same kind: the second resident is offered the first report.
  const second = await toSummary(h, 824, { latitude: 31.23068, longitude: 121.4905 });
  expect(h.telegram.lastText(824)).toContain("Someone nearby has already reported the same problem:");
  expect(h.telegram.lastText(824)).toContain(`R-${String(original!.number).padStart(6, "0")} (about 20 m away)`);
  await h.send(u.callback(second, `rdup:${original!.id}`));
  expect(h.telegram.lastText(824)).toContain("You now support");
  expect(await reportsOf(824)).toHaveLength(0);
  expect(await database.db.select().from(reportSupporters).where(eq(reportSupporters.reportId, original!.id))).toMatchObject([{ userId: 824 }]);

  // A different kind at the same place is not a duplicate; "new problem" goes on to the summary.
  const third = await toSummary(h, 825, { latitude: 31.23068, longitude: 121.4905 });
  await h.send(u.callback(third, "rnew"));
  expect(h.telegram.lastText(825)).toContain("Please check your report:");
  const fourth = await toSummary(h, 826, { category: toilet, latitude: 31.2305, longitude: 121.4905 });
  expect(h.telegram.lastText(826)).toContain("Please check your report:");
  void fourth;
});

it("refuses a report past the daily limit", async () => {
  const h = createHarness({ db: database.db, config: { REPORT_DAILY_LIMIT: 1 } });
  const user = await toSummary(h, 827, { latitude: 31.229, longitude: 121.509 });
  await h.send(u.callback(user, "rsum:confirm"));
  await h.send(u.command(user, "report"));
  expect(h.telegram.lastText(827)).toBe(
    "You have filed 1 reports today, the daily limit. Please report again tomorrow; for emergencies call the community office.",
  );
  // The next day in Shanghai it works again.
  h.clock.advance(24 * 3600_000);
  await h.send(u.command(user, "report"));
  expect(h.telegram.lastText(827)).toBe("Step 1 of 4: what kind of problem is it?");
});

it("creates one report when the confirmation reaches two instances at once", async () => {
  const telegram = new FakeTelegram();
  const a = createHarness({ db: database.db, telegram });
  const b = createHarness({ db: database.db, telegram });
  const user = await toSummary(a, 828, { latitude: 31.228, longitude: 121.518 });
  await Promise.all([a.send(u.callback(user, "rsum:confirm")), b.send(u.callback(user, "rsum:confirm"))]);
  expect(await reportsOf(828)).toHaveLength(1);
  expect(telegram.texts(828).filter((t) => t.startsWith("✅ Report received!"))).toHaveLength(1);
});

it("continues a report on another instance after a restart in the middle", async () => {
  const telegram = new FakeTelegram();
  const user = u.user(829, { languageCode: "en" });
  const before = createHarness({ db: database.db, telegram });
  await before.send(u.command(user, "report"));
  await before.send(u.callback(user, `rcat:${dirtySpot}`));
  await before.send(u.text(user, "Rubbish by the gate"));
  const after = createHarness({ db: database.db, telegram });
  await after.send(u.callback(user, "rdone"));
  await after.send(u.location(user, 31.227, 121.447));
  await after.send(u.callback(user, "rsum:confirm"));
  expect((await reportsOf(829))[0]?.description).toBe("Rubbish by the gate");
});
