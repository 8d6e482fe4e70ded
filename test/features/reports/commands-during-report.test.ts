import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversationStates, reportCategories, reports, users } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

// Reading commands are answered in the middle of /report and the report goes on at the same
// step; commands that would start something else are told to wait; /cancel and /start leave.

let database: TestDatabase;
let dirtySpot: number;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
  dirtySpot = (await database.db.select().from(reportCategories)).find((c) => c.code === "dirty-spot")!.id;
});
afterAll(() => database.close());

const u = updates();
const stateOf = async (id: number) =>
  (
    await database.db
      .select()
      .from(conversationStates)
      .where(eq(conversationStates.key, `${id}:${id}`))
  )[0]?.value;

async function atDescription(h: Harness, id: number) {
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  expect(h.telegram.lastText(id)).toMatch(/^Step 2: what is wrong\?/);
  return user;
}

it("answers /my in the middle of a report, with its buttons, and goes on at the same step", async () => {
  const h = createHarness({ db: database.db });
  const id = 1601;
  const user = await atDescription(h, id);
  const before = await stateOf(id);
  h.telegram.clear();

  await h.send(u.command(user, "my"));
  expect(h.telegram.texts(id)).toEqual(["You have not reported anything yet. Send /report to report a problem."]);
  // The main menu's read-only entries work too, each press answered once.
  await h.send(u.callback(user, "menu:my"));
  expect(h.telegram.texts(id)).toHaveLength(2);
  expect(h.telegram.callbackAnswers()).toHaveLength(1);
  expect(await stateOf(id)).toEqual(before);

  h.telegram.clear();
  await h.send(u.text(user, "Garbage by the east gate"));
  expect(h.telegram.texts(id)).toEqual([expect.stringMatching(/^Step 3: send photos/)]);
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.2401, 121.47));
  await h.send(u.command(user, "my"));
  expect(h.telegram.lastText(id)).toBe("You have not reported anything yet. Send /report to report a problem.");
  await h.send(u.callback(user, "rsum:confirm"));
  expect(h.telegram.lastText(id)).toMatch(/^✅ Report received!/);
  expect((await database.db.select().from(reports).where(eq(reports.reporterId, id)))[0]?.description).toBe("Garbage by the east gate");
});

it("answers /forget in the middle of a report: No keeps the report going, Yes ends it with the data", async () => {
  const h = createHarness({ db: database.db });
  const id = 1602;
  const user = await atDescription(h, id);
  h.telegram.clear();

  await h.send(u.command(user, "forget"));
  expect(h.telegram.lastText(id)).toMatch(/^Delete your personal data\?/);
  await h.send(u.callback(user, "forget:no"));
  expect(h.telegram.lastText(id)).toBe("All right, nothing was deleted.");
  expect(h.telegram.callbackAnswers()).toHaveLength(1);
  await h.send(u.text(user, "Broken lamp"));
  expect(h.telegram.lastText(id)).toMatch(/^Step 3: send photos/);

  await h.send(u.command(user, "forget"));
  await h.send(u.callback(user, "forget:yes"));
  expect(h.telegram.lastText(id)).toMatch(/^Your personal data has been deleted; 0 reports/);
  expect(await database.db.select().from(users).where(eq(users.id, id))).toHaveLength(0);
  // The conversation went with the data: a photo now is not a report's.
  expect(await stateOf(id)).toBeUndefined();
  await h.send(u.photo(user));
  expect(h.telegram.lastText(id)).toBe("I did not understand that. Please choose what you would like to do:");
});

it("answers /language in the middle of a report and goes on in the chosen language", async () => {
  const h = createHarness({ db: database.db });
  const id = 1603;
  const user = await atDescription(h, id);
  await h.send(u.command(user, "language"));
  expect(h.telegram.lastText(id)).toBe("请选择语言 / Choose your language:");
  await h.send(u.callback(user, "lang:zh-CN"));
  expect(h.telegram.lastText(id)).toBe("好的，以后我会用简体中文和您交流。");
  await h.send(u.text(user, "垃圾堆"));
  expect(h.telegram.lastText(id)).toMatch(/^第 3 步/);
});

it("tells a command that starts something else to wait, once, and keeps the step", async () => {
  const h = createHarness({ db: database.db });
  const id = 1604;
  const user = await atDescription(h, id);
  const before = await stateOf(id);
  h.telegram.clear();
  await h.send(u.command(user, "report"));
  await h.send(u.command(user, "nosuchcommand"));
  expect(h.telegram.texts(id)).toEqual([
    "/report has to wait until this is done: please answer the question above, or send /cancel to leave it.",
    "/nosuchcommand has to wait until this is done: please answer the question above, or send /cancel to leave it.",
  ]);
  expect(await stateOf(id)).toEqual(before);
  await h.send(u.text(user, "Overflowing bin"));
  expect(h.telegram.lastText(id)).toMatch(/^Step 3: send photos/);
});

it("still answers /help, leaves on /cancel, and leaves and restarts on /start", async () => {
  const h = createHarness({ db: database.db });
  const id = 1605;
  const user = await atDescription(h, id);
  await h.send(u.command(user, "help"));
  expect(h.telegram.lastText(id)).toMatch(/^I am the community assistant\./);
  await h.send(u.text(user, "Dirty stairs"));
  expect(h.telegram.lastText(id)).toMatch(/^Step 3: send photos/);
  await h.send(u.command(user, "cancel"));
  expect(h.telegram.lastText(id)).toBe("Cancelled; nothing was saved. What would you like to do?");
  expect(await stateOf(id)).toBeUndefined();

  await atDescription(h, id);
  await h.send(u.command(user, "start"));
  expect(h.telegram.lastText(id)).toMatch(/^Hello/);
  expect(await stateOf(id)).toBeUndefined();
});

it("lets updates that answer no step reach their handlers: a block is recorded, an edit is explained", async () => {
  const h = createHarness({ db: database.db });
  const id = 1606;
  const user = await atDescription(h, id);
  const before = await stateOf(id);
  h.telegram.clear();
  await h.send(u.edited(user, "Garbage, I mean"));
  expect(h.telegram.texts(id)).toEqual(["I cannot see edited messages. Please send it again as a new message."]);
  await h.send(u.myChatMember(user, "kicked"));
  expect((await database.db.select().from(users).where(eq(users.id, id)))[0]?.blockedAt).not.toBeNull();
  expect(h.telegram.texts(id)).toHaveLength(1);
  expect(await stateOf(id)).toEqual(before);
  await h.send(u.myChatMember(user, "member"));
  await h.send(u.text(user, "Garbage by the north gate"));
  expect(h.telegram.lastText(id)).toMatch(/^Step 3: send photos/);
});

it("answers /my at every step of a report, the step staying where it was (issue 13, item 13)", async () => {
  const h = createHarness({ db: database.db });
  const id = 1607;
  const user = u.user(id, { languageCode: "zh-hans" });
  const none = "您还没有上报过问题。发送 /report 上报。";
  const steps = [
    u.command(user, "report"),
    u.callback(user, `rcat:${dirtySpot}`),
    u.text(user, "东门垃圾"),
    u.photo(user, { fileUniqueId: "my-1" }),
    u.callback(user, "rdone"),
    u.location(user, 31.2501, 121.4601),
    u.callback(user, "rsum:edit"),
    u.callback(user, "redit:back"),
  ];
  for (const step of steps) {
    await h.send(step);
    const before = await stateOf(id);
    h.telegram.clear();
    await h.send(u.command(user, "my"));
    expect(h.telegram.texts(id)).toEqual([none]);
    expect(await stateOf(id)).toEqual(before);
  }
  await h.send(u.callback(user, "rsum:confirm"));
  expect(h.telegram.lastText(id)).toMatch(/^✅ 上报成功！您的查询编号是 R-\d{6}/);
});
