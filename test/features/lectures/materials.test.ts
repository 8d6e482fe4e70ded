import type { Update } from "grammy/types";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { lectureMaterials, lectureTopics } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { checkInAtDoor } from "../../../src/features/lectures/door.js";
import { createLecture, registerForLecture } from "../../../src/features/lectures/service.js";
import { listTopics, toggleTopic } from "../../../src/features/lectures/topics.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const START = new Date("2026-05-04T06:00:00Z"); // 14:00 in Shanghai
const STAFF = 60_001; // English
const ANN = 60_002; // attendee, English
const WANG = 60_003; // attendee, Chinese
const SUB = 60_004; // subscribed to the topic, did not come, Chinese
const NOSHOW = 60_005; // registered, never came, not subscribed
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, name, lang] of [
    [STAFF, "Chen", "en"],
    [ANN, "Ann", "en"],
    [WANG, "王阿姨", "zh-hans"],
    [SUB, "赵奶奶", "zh-hans"],
    [NOSHOW, "Late", "en"],
  ] as const)
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

/** A PDF sent (or forwarded) to the bot. */
function pdf(from: ReturnType<typeof u.user>, name: string, unique: string): Update {
  const update = u.photo(from);
  const message = update.message as unknown as Record<string, unknown>;
  delete message.photo;
  message.document = { file_id: `doc-${unique}`, file_unique_id: unique, file_name: name, mime_type: "application/pdf" };
  return update;
}

it("staff send a lecture's PDF and photos to the attendees and the topic's subscribers through the broadcast machinery, each in their language; anyone gets them under the past lecture", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const [law] = await listTopics(database.db, home, T0);
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "法律知识进社区",
      topicId: law!.id,
      speaker: "王律师",
      startsAt: START,
      endsAt: new Date(START.getTime() + 2 * 3600_000),
      place: "二中",
      seats: 10,
      registrationRequired: true,
      duty: [],
      createdBy: STAFF,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const lectureId = created.lectureId;
  await toggleTopic(database.db, { userId: SUB, communityId: home, topicId: law!.id, at: T0 });
  const codes: Record<number, string> = {};
  for (const id of [ANN, WANG, NOSHOW]) {
    const r = await registerForLecture(database.db, { lectureId, userId: id, at: T0 });
    if (!r.ok) throw new Error(r.reason);
    codes[id] = r.code;
  }
  const inDoor = new Date(START.getTime() + 5 * 60_000);
  expect((await checkInAtDoor(database.db, { lectureId, code: codes[ANN]!, at: inDoor })).kind).toBe("checked-in");
  expect((await checkInAtDoor(database.db, { lectureId, code: codes[WANG]!, at: inDoor })).kind).toBe("checked-in");
  clock.advance(START.getTime() + 3 * 3600_000 - T0.getTime()); // the lecture is over

  const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });
  // A resident cannot open it; staff find 📎 under the past lecture.
  await h.send(u.callback(wang, `lmf:${lectureId}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.command(staff, "lectures"));
  const open = h.telegram.lastButtons(STAFF).find((b) => b.text === "📎 Materials · 法律知识进社区")!;
  await h.send(u.callback(staff, open.data!));
  expect(h.telegram.lastText(STAFF)).toBe(
    '📎 Materials for "法律知识进社区": send or forward the PDF or the photos here (up to 10 files), then tap Done. Nothing goes out before you choose who gets them.',
  );
  await h.send(pdf(staff, "slides.pdf", "pdf-1"));
  expect(h.telegram.lastText(STAFF)).toBe("Received: 1 file for this lecture. Send more, or tap Done.");
  await h.send(u.photo(staff, { fileUniqueId: "photo-1" }));
  expect(h.telegram.lastText(STAFF)).toBe("Received: 2 files for this lecture. Send more, or tap Done.");
  await h.send(u.photo(staff, { fileUniqueId: "photo-1" })); // the same photo again is kept once
  expect(h.telegram.lastText(STAFF)).toBe("Received: 2 files for this lecture. Send more, or tap Done.");
  await h.send(u.sticker(staff));
  expect(h.telegram.lastText(STAFF)).toBe("Please send a file (a PDF) or a photo, or tap Done.");
  const files = (id: number) => h.telegram.sent(id).filter((c) => c.method !== "sendMessage");
  expect(files(ANN)).toEqual([]); // nothing goes before staff choose
  await h.send(u.callback(staff, h.telegram.lastButtons(STAFF).find((b) => b.text === "✅ Done, choose who gets them")!.data!));
  expect(h.telegram.lastText(STAFF)).toBe("Who gets the 2 new files?");
  expect(h.telegram.lastButtons(STAFF).map((b) => b.text)).toEqual(["The attendees (2)", "Attendees and the topic's subscribers (3)", "Cancel"]);
  await h.send(u.callback(staff, h.telegram.lastButtons(STAFF)[1]!.data!));
  expect(h.telegram.texts(STAFF)).toContain("📎 Sending the materials to 3 people; the progress follows.");
  await h.flush();

  // Each gets the photo with the caption in their language, then the PDF; the one who did not come and is not subscribed gets nothing.
  const got = (id: number) => files(id).map((c) => [c.method, c.payload.photo ?? c.payload.document, c.payload.caption]);
  expect(got(ANN)).toEqual([
    ["sendPhoto", "large-photo-1", '📎 Materials from the lecture "法律知识进社区" (2026-05-04 14:00)'],
    ["sendDocument", "doc-pdf-1", undefined],
  ]);
  expect(got(WANG)).toEqual([
    ["sendPhoto", "large-photo-1", "📎 讲座「法律知识进社区」（2026-05-04 14:00）的资料"],
    ["sendDocument", "doc-pdf-1", undefined],
  ]);
  expect(got(SUB)).toEqual(got(WANG));
  expect(files(NOSHOW)).toEqual([]);

  // Again with nothing new: nothing goes out.
  await h.send(u.callback(staff, open.data!));
  await h.send(u.callback(staff, h.telegram.lastButtons(STAFF).find((b) => b.text === "✅ Done, choose who gets them")!.data!));
  expect(h.telegram.lastText(STAFF)).toBe("There are no new files to send. Nothing was sent.");

  // Anyone finds them under the past lecture in /lectures.
  const late = u.user(NOSHOW, { languageCode: "en", firstName: "Late" });
  await h.send(u.command(late, "lectures"));
  expect(h.telegram.lastText(NOSHOW)).toBe("Past lectures:\n• 2026-05-04 14:00 法律知识进社区 (📎 2)");
  await h.send(u.callback(late, h.telegram.lastButtons(NOSHOW).find((b) => b.text === "📎 Materials · 法律知识进社区")!.data!));
  expect(files(NOSHOW).map((c) => c.method)).toEqual(["sendPhoto", "sendDocument"]);
  // A forged or materials-less lecture's button is refused.
  await h.send(u.callback(late, "lmg:99999"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect(await database.db.select({ n: lectureMaterials.id }).from(lectureMaterials).where(eq(lectureMaterials.lectureId, lectureId))).toHaveLength(2);
  expect((await database.db.select().from(lectureTopics).where(eq(lectureTopics.id, law!.id))).length).toBe(1);
});

it("several photos go as one album; with nobody to send to, the files are kept for later", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "垃圾分类",
      topicId: null,
      speaker: "李老师",
      startsAt: START,
      endsAt: new Date(START.getTime() + 3600_000),
      place: "文化广场",
      seats: null,
      registrationRequired: true,
      duty: [],
      createdBy: STAFF,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  clock.advance(START.getTime() + 2 * 3600_000 - T0.getTime());
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
  await h.send(u.callback(staff, `lmf:${created.lectureId}`));
  await h.send(u.photo(staff, { fileUniqueId: "album-1" }));
  await h.send(u.photo(staff, { fileUniqueId: "album-2" }));
  await h.send(u.callback(staff, h.telegram.lastButtons(STAFF).find((b) => b.text === "✅ Done, choose who gets them")!.data!));
  expect(h.telegram.lastButtons(STAFF).map((b) => b.text)).toEqual(["The attendees (0)", "Attendees and the topic's subscribers (0)", "Cancel"]);
  await h.send(u.callback(staff, h.telegram.lastButtons(STAFF)[0]!.data!));
  expect(h.telegram.lastText(STAFF)).toBe(
    "Nobody to send them to yet (no one checked in, no subscribers). The files are kept: send them later from the lecture.",
  );
  expect((await database.db.select().from(lectureMaterials).where(eq(lectureMaterials.lectureId, created.lectureId))).map((m) => m.sentAt)).toEqual([
    null,
    null,
  ]);

  // Someone checks in late by the roster; now the album goes to them as one message.
  const { sendMaterials } = await import("../../../src/features/lectures/materials.js");
  const r = await registerForLecture(database.db, { lectureId: created.lectureId, userId: ANN, at: T0 });
  if (!r.ok) throw new Error(r.reason);
  expect((await checkInAtDoor(database.db, { lectureId: created.lectureId, code: r.code, at: START })).kind).toBe("checked-in");
  const sent = await sendMaterials(database.db, {
    lectureId: created.lectureId,
    communityId: home,
    staffId: STAFF,
    subscribers: false,
    at: clock.now(),
    rules: { quietHours: null, ratePerSecond: 25 },
  });
  expect(sent).toMatchObject({ ok: true, recipients: 1 });
  await h.flush();
  const album = h.telegram.sent(ANN).find((c) => c.method === "sendMediaGroup")!;
  expect((album.payload.media as Array<{ type: string; media: string; caption?: string }>).map((m) => [m.type, m.media, m.caption])).toEqual([
    ["photo", "large-album-1", '📎 Materials from the lecture "垃圾分类" (2026-05-04 14:00)'],
    ["photo", "large-album-2", undefined],
  ]);
});
