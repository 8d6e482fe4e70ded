import { eq } from "drizzle-orm";
import type { User } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, communities, reportCategories, reportEvents, reports } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

// The report conversation's messages: a question answered by a button shows the answer instead of
// its buttons (issue 13, item 14); the Change menu has Back (item 15); the tracking number
// replaces the summary it confirms (issue 10); every message fits Telegram's limits (item 22).

let database: TestDatabase;
let communityId: number;
let dirtySpot: number;
const u = updates();
const GROUP = -100_556;
/** A lone surrogate anywhere (a character cut in half). */
const brokenSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

beforeAll(async () => {
  database = await createTestDatabase();
  communityId = (await seedDefaultCommunity(database.db)).id;
  await database.db.update(communities).set({ staffGroupChatId: GROUP });
  dirtySpot = (await database.db.select().from(reportCategories)).find((c) => c.code === "dirty-spot")!.id;
});
afterAll(() => database.close());

const edits = (h: Harness, chatId: number) => h.telegram.callsOf("editMessageText").filter((c) => c.payload.chat_id === chatId);

async function toSummary(h: Harness, user: User, description = "Garbage by the gate") {
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`, 11));
  await h.send(u.text(user, description));
  await h.send(u.photo(user, { fileUniqueId: `m-${user.id}` }));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 30.5 + (user.id % 100) * 0.001, 121.1));
}

it("shows the chosen kind in place of the category buttons", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(3301, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`, 11));
  const [edit] = edits(h, 3301);
  expect(edit?.payload).toEqual({ chat_id: 3301, message_id: 11, text: "Step 1 of 4: what kind of problem is it?\n✅ 🗑️ Dirty spot or garbage pile" });
  expect(edit?.payload.reply_markup).toBeUndefined(); // no buttons left to press later
  expect(h.telegram.lastText(3301)).toMatch(/^Step 2/);
});

it("turns the summary into the Change menu and back, in place, and Confirm still files", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(3311, { languageCode: "zh-hans" });
  await toSummary(h, user);
  await h.send(u.callback(user, "rsum:edit", 21));
  const menu = edits(h, 3311).at(-1)!;
  expect(menu.payload).toMatchObject({ message_id: 21, text: "要修改哪一项？" });
  expect(h.telegram.lastButtons(3311).map((b) => [b.text, b.data])).toEqual([
    ["问题类型", "redit:category"],
    ["描述", "redit:description"],
    ["照片", "redit:photos"],
    ["地点", "redit:location"],
    ["↩️ 返回核对", "redit:back"],
    [expect.any(String), "cancel"],
  ]);
  await h.send(u.callback(user, "redit:back", 21));
  const back = edits(h, 3311).at(-1)!;
  expect(back.payload).toMatchObject({ message_id: 21 });
  expect(back.payload.text).toMatch(/^请核对您的上报/);
  expect(h.telegram.lastButtons(3311).map((b) => b.data)).toContain("rsum:confirm");
  // The anonymous switch edits the same message too.
  await h.send(u.callback(user, "rsum:anonymous", 21));
  expect(edits(h, 3311).at(-1)?.payload).toMatchObject({ message_id: 21, text: expect.stringContaining("匿名上报：是") });
  await h.send(u.callback(user, "rsum:confirm", 21));
  expect(await database.db.select().from(reports).where(eq(reports.reporterId, 3311))).toMatchObject([{ anonymous: true }]);
});

it("marks the field chosen in the Change menu, then asks it again with a new summary after", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(3312, { languageCode: "en" });
  await toSummary(h, user);
  await h.send(u.callback(user, "rsum:edit", 31));
  await h.send(u.callback(user, "redit:description", 31));
  expect(edits(h, 3312).at(-1)?.payload).toEqual({ chat_id: 3312, message_id: 31, text: "What would you like to change?\n✅ Description" });
  await h.send(u.text(user, "Bins overflowing"));
  expect(h.telegram.lastText(3312)).toContain("What is wrong: Bins overflowing");
  expect(h.telegram.lastKeyboard(3312)?.method).toBe("sendMessage");
});

it("puts the tracking number in place of the confirmed summary, with the main menu under it", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(3321, { languageCode: "en" });
  await toSummary(h, user);
  h.telegram.clear();
  await h.send(u.callback(user, "rsum:confirm", 77));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, 3321));
  const number = `R-${String(report!.number).padStart(6, "0")}`;
  expect(h.telegram.sent(3321)).toEqual([]); // nothing new in the chat: the summary became the receipt
  const [receipt] = edits(h, 3321);
  expect(receipt?.payload).toMatchObject({ message_id: 77, text: expect.stringContaining(`Your tracking number is ${number}.`) });
  const menu = receipt!.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data);
  expect(menu).toEqual(expect.arrayContaining(["menu:report", "menu:my"]));
  // The menu under it works: /my's list, with the new report.
  await h.send(u.callback(user, "menu:my", 77));
  expect(h.telegram.lastText(3321)).toContain(number);
});

it("cuts a description of 500 emoji between two emoji in the staff card's caption", async () => {
  const h = createHarness({ db: database.db });
  for (const [id, emoji] of [
    [3341, "😀"],
    [3342, "👨‍👩‍👧"], // one character of 8 UTF-16 units
  ] as const) {
    const user = u.user(id, { languageCode: "en" });
    await toSummary(h, user, emoji.repeat(Math.floor(1000 / emoji.length)));
    await h.send(u.callback(user, "rsum:confirm"));
    const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, id));
    const card = h.telegram
      .callsOf("sendPhoto")
      .find((c) => c.payload.chat_id === GROUP && c.payload.caption.includes(`R-${String(report!.number).padStart(6, "0")}`));
    const caption: string = card!.payload.caption;
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).not.toMatch(brokenSurrogate);
    const line = caption.split("\n").find((l) => l.startsWith("描述："))!;
    expect(
      line
        .slice("描述：".length, -1)
        .split(emoji)
        .every((part) => part === ""),
    ).toBe(true);
    expect(line.endsWith(`${emoji}…`)).toBe(true);
  }
});

it("fits a report's detail in /my into one message, however long its history's notes", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(3351, { languageCode: "en" });
  await toSummary(h, user, "😀".repeat(500));
  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, 3351));
  const at = h.clock.now();
  await database.db.insert(reportEvents).values(
    Array.from({ length: 30 }, (_, i) => ({
      reportId: report!.id,
      fromStatus: "new" as const,
      toStatus: "accepted" as const,
      note: "👍🏽".repeat(250),
      createdAt: new Date(at.getTime() + i),
    })),
  );
  await h.send(u.callback(user, `rview:${report!.id}`));
  const detail = h.telegram.lastText(3351)!;
  expect(detail.length).toBeLessThanOrEqual(4096);
  expect(detail).not.toMatch(brokenSurrogate);
  expect(detail).toContain(`What is wrong: ${"😀".repeat(500)}`);
  expect(detail).toMatch(/Accepted: (👍🏽)+…\n/);
});

it("fits a summary with a 3,000-character venue and a huge area name, so the resident can still Confirm", async () => {
  const h = createHarness({ db: database.db });
  // Last in this file: from here on the community has an area, and other spots are outside it.
  await database.db.insert(areas).values({ communityId, name: `🏘️${"大".repeat(5000)}`, centerLatitude: 22.5, centerLongitude: 114.1, radiusMeters: 500 });
  const user = u.user(3331, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.text(user, "😀".repeat(500)));
  await h.send(u.callback(user, "rdone"));
  const venue = u.location(user, 22.5, 114.1);
  venue.message = { ...venue.message!, venue: { location: { latitude: 22.5, longitude: 114.1 }, title: "🏢".repeat(1500), address: "1 Long Road" } } as never;
  await h.send(venue);
  const texts = h.telegram.texts(3331).slice(-2);
  for (const text of texts) {
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).not.toMatch(brokenSurrogate);
  }
  expect(texts[0]).toMatch(/^Location received: it is in "🏘️大+…"\.$/);
  expect(texts[1]).toContain(`What is wrong: ${"😀".repeat(500)}`);
  expect(h.telegram.lastButtons(3331).map((b) => b.data)).toContain("rsum:confirm");

  await h.send(u.callback(user, "rsum:confirm"));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, 3331));
  expect(report?.address?.length).toBeLessThanOrEqual(200);
  expect(report?.address).toMatch(/^(🏢)+…$/);
});
