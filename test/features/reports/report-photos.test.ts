import { eq } from "drizzle-orm";
import type { Update, User } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communities, reportCategories, reportPhotos, reports } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

// What a resident may send as a photo, and when: a file that is not an image is refused and not
// kept (issue 13, item 11); a photo sent at the description step is kept for the photo step
// (item 12); an image sent as a file stays a file, and the staff card shows it as one (item 20).

let database: TestDatabase;
let dirtySpot: number;
const u = updates();
const GROUP = -100_555;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
  await database.db.update(communities).set({ staffGroupChatId: GROUP });
  dirtySpot = (await database.db.select().from(reportCategories)).find((c) => c.code === "dirty-spot")!.id;
});
afterAll(() => database.close());

/** A file (document) message, as a client sends a file picked from the phone's storage. */
function file(user: User, document: { mime: string; unique: string; caption?: string }): Update {
  const update = u.photo(user);
  const { photo: _photo, ...message } = update.message!;
  update.message = {
    ...message,
    document: { file_id: `doc-${document.unique}`, file_unique_id: document.unique, mime_type: document.mime, file_size: 40_000, file_name: "x" },
    ...(document.caption ? { caption: document.caption } : {}),
  } as never;
  return update;
}

async function atStep(h: Harness, id: number, step: "description" | "photos", languageCode = "en") {
  const user = u.user(id, { languageCode });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  if (step === "photos") await h.send(u.text(user, "Garbage by the gate"));
  return user;
}

/** Done with photos, a place, Confirm: the report as stored, with its photos. */
async function fileIt(h: Harness, user: User) {
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.2 + (user.id % 100) * 0.001, 121.47));
  const summary = h.telegram.lastText(user.id)!;
  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, user.id));
  const photos = report ? await database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, report.id)) : [];
  return { summary, report, photos };
}

it("refuses a file that is not an image, in the resident's language, and keeps nothing of it", async () => {
  const h = createHarness({ db: database.db });
  const en = await atStep(h, 3101, "photos");
  await h.send(file(en, { mime: "text/plain", unique: "txt-1" }));
  expect(h.telegram.lastText(3101)).toBe("That file is not a picture, so it was not kept. Please send a photo of the spot.");
  expect(h.telegram.lastButtons(3101).map((b) => b.data)).toEqual(["rdone", "cancel"]);
  const zh = await atStep(h, 3102, "photos", "zh-hans");
  await h.send(file(zh, { mime: "application/octet-stream", unique: "bin-1" }));
  expect(h.telegram.lastText(3102)).toBe("这个文件不是图片，没有保存。请发送现场的照片。");
  // At the description step too: refused, and the question stays.
  const early = await atStep(h, 3103, "description");
  await h.send(file(early, { mime: "text/plain", unique: "txt-2" }));
  expect(h.telegram.lastText(3103)).toBe("That file is not a picture, so it was not kept. Please send a photo of the spot.");
  await h.send(u.text(early, "Bins overflowing"));
  expect(h.telegram.lastText(3103)).toMatch(/^Step 3: send photos/);

  for (const user of [en, early]) {
    const { summary, photos } = await fileIt(h, user);
    expect(summary).toContain("Photos: 0");
    expect(photos).toEqual([]);
  }
});

it("keeps a photo sent at the description step for the photo step, and says so", async () => {
  const h = createHarness({ db: database.db });
  const user = await atStep(h, 3111, "description");
  await h.send(u.photo(user, { fileUniqueId: "early-1" }));
  expect(h.telegram.lastText(3111)).toBe(
    "📷 Photo kept for your report (1 so far, at most 5). Now please tell me what is wrong: type it or send a voice message.",
  );
  // The same photo again is not a second one; an album is acknowledged once.
  await h.send(u.photo(user, { fileUniqueId: "early-1" }));
  h.telegram.clear();
  for (const unique of ["album-a", "album-b"]) await h.send(u.photo(user, { fileUniqueId: unique, mediaGroupId: "early-album" }));
  expect(h.telegram.texts(3111)).toEqual([
    "📷 Photo kept for your report (2 so far, at most 5). Now please tell me what is wrong: type it or send a voice message.",
  ]);

  await h.send(u.text(user, "Garbage behind building 5"));
  expect(h.telegram.lastText(3111)).toBe('Step 3: I have 3 photos from you already. Send more if you like (up to 5 in all), then tap "Done".');
  expect(h.telegram.lastButtons(3111)[0]?.text).toBe("✅ Done");
  const { summary, report, photos } = await fileIt(h, user);
  expect(summary).toContain("Photos: 3");
  expect(report?.description).toBe("Garbage behind building 5");
  expect(photos.map((p) => p.fileUniqueId)).toEqual(["early-1", "album-a", "album-b"]);
});

it("takes a photo's caption at the description step as the description, and a sixth early photo is not kept", async () => {
  const h = createHarness({ db: database.db });
  const user = await atStep(h, 3121, "description", "zh-hans");
  await h.send(u.photo(user, { fileUniqueId: "cap-1", caption: "东门垃圾桶满了" }));
  expect(h.telegram.lastText(3121)).toBe("第 3 步：已经收到您的 1 张照片。还可以再发（一共最多 5 张），发完后点击“完成”。");
  const { report, photos } = await fileIt(h, user);
  expect(report?.description).toBe("东门垃圾桶满了");
  expect(photos.map((p) => p.fileUniqueId)).toEqual(["cap-1"]);

  const many = await atStep(h, 3122, "description");
  for (let i = 0; i < 6; i++) await h.send(u.photo(many, { fileUniqueId: `many-${i}` }));
  expect(h.telegram.lastText(3122)).toBe(
    "You have sent 5 photos, the most I keep, so this one was not saved. Now please tell me what is wrong: type it or send a voice message.",
  );
  await h.send(u.text(many, "Broken bins"));
  expect((await fileIt(h, many)).photos).toHaveLength(5);
});

it("keeps an image sent as a file as a file, and the staff card sends it with sendDocument", async () => {
  const h = createHarness({ db: database.db });
  const user = await atStep(h, 3131, "photos");
  await h.send(file(user, { mime: "image/png", unique: "png-1" }));
  expect(h.telegram.lastText(3131)).toBe('📷 Photo received. Send more, or tap "Done".');
  const { photos } = await fileIt(h, user);
  expect(photos).toMatchObject([{ fileId: "doc-png-1", media: "document" }]);
  const card = h.telegram.calls.find((c) => c.payload.chat_id === GROUP && c.method.startsWith("send"));
  expect(card).toMatchObject({ method: "sendDocument", payload: { document: "doc-png-1" } });
  expect(card?.payload.caption).toContain("描述：Garbage by the gate");
  expect(h.telegram.callsOf("sendPhoto").filter((c) => c.payload.chat_id === GROUP)).toEqual([]);

  // A photo stays a photo.
  const other = await atStep(h, 3132, "photos");
  await h.send(u.photo(other, { fileUniqueId: "jpg-1" }));
  expect((await fileIt(h, other)).photos).toMatchObject([{ fileId: "large-jpg-1", media: "photo" }]);
  expect(h.telegram.callsOf("sendPhoto").filter((c) => c.payload.chat_id === GROUP)).toMatchObject([{ payload: { photo: "large-jpg-1" } }]);
});
