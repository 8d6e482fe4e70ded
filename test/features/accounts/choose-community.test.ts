import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { conversationStates, users } from "../../../src/db/schema/index.js";
import { ensureCommunity } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeTelegram } from "../../helpers/fake-telegram.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let east: number;
let west: number;
beforeAll(async () => {
  database = await createTestDatabase();
  east = (await seedDefaultCommunity(database.db, "东风社区")).id;
  west = (await ensureCommunity(database.db, { slug: "west", name: "西湖社区", timezone: "Asia/Shanghai" })).id;
});
afterAll(() => database.close());

const u = updates();
let telegram: FakeTelegram;
beforeEach(() => {
  telegram = new FakeTelegram();
});

const communityOf = async (id: number) => (await database.db.select({ c: users.communityId }).from(users).where(eq(users.id, id)))[0]?.c;

it("asks a new resident for their community when there are several, and continues on another instance after a restart", async () => {
  const user = u.user(201, { languageCode: "en" });

  const first = createHarness({ db: database.db, telegram });
  await first.send(u.command(user, "start"));
  expect(telegram.lastText(201)).toContain("Which community do you live in?");
  expect(telegram.lastButtons(201).map((b) => b.text)).toEqual(["东风社区", "西湖社区"]);

  // The process is gone; a new instance on the same database takes the next update.
  const second = createHarness({ db: database.db, telegram });
  await second.send(u.callback(user, `cm:${west}`));
  expect(telegram.lastText(201)).toBe('You chose "西湖社区". Is that right?');
  expect(await communityOf(201)).toBeNull();

  const third = createHarness({ db: database.db, telegram });
  await third.send(u.callback(user, `cm-ok:${west}`));
  expect(telegram.lastText(201)).toContain("you have joined the community");
  expect(await communityOf(201)).toBe(west);
  // The conversation is over: its state is gone and /start shows the menu.
  expect(await database.db.select().from(conversationStates).where(eq(conversationStates.key, "201:201"))).toHaveLength(0);
  await third.send(u.command(user, "start"));
  expect(telegram.lastText(201)).toMatch(/^Hello/);
});

it("accepts a typed name and lets the resident choose again", async () => {
  const h = createHarness({ db: database.db, telegram });
  const user = u.user(202, { languageCode: "zh-hans" });
  await h.send(u.command(user, "start"));
  await h.send(u.text(user, "东风"));
  expect(telegram.lastText(202)).toBe("您选择的是「东风社区」，对吗？");
  await h.send(u.callback(user, "cm-again"));
  expect(telegram.lastText(202)).toContain("请选择您所在的社区");
  await h.send(u.callback(user, `cm:${east}`));
  await h.send(u.callback(user, `cm-ok:${east}`));
  expect(await communityOf(202)).toBe(east);
});

it("re-asks politely on the wrong kind of message, an unknown name, an overlong text or a forged button", async () => {
  const h = createHarness({ db: database.db, telegram });
  const user = u.user(203, { languageCode: "en" });
  await h.send(u.command(user, "start"));

  await h.send(u.sticker(user));
  expect(telegram.lastText(203)).toBe("Please tap a button to choose your community, or type its name.");
  await h.send(u.text(user, "Atlantis"));
  expect(telegram.lastText(203)).toContain("I could not find that community");
  await h.send(u.text(user, "社".repeat(101)));
  expect(telegram.lastText(203)).toBe("That is too long. Please shorten it to at most 100 characters.");
  await h.send(u.callback(user, "cm:999999"));
  expect(telegram.lastText(203)).toBe("Please tap one of the buttons above.");
  // "社区" matches both communities: ambiguous, so it asks again rather than guessing.
  await h.send(u.text(user, "社区"));
  expect(telegram.lastText(203)).toContain("I could not find that community");

  // Still in the conversation: a valid choice goes on.
  await h.send(u.callback(user, `cm:${west}`));
  expect(telegram.lastText(203)).toBe('You chose "西湖社区". Is that right?');
  // At the confirmation a text is not an answer.
  await h.send(u.text(user, "yes"));
  expect(telegram.lastText(203)).toBe("Please tap one of the buttons above.");
  expect(await communityOf(203)).toBeNull();
});

it("/cancel leaves the conversation with nothing saved", async () => {
  const h = createHarness({ db: database.db, telegram });
  const user = u.user(204, { languageCode: "en" });
  await h.send(u.command(user, "start"));
  await h.send(u.callback(user, `cm:${east}`));
  await h.send(u.command(user, "cancel"));
  expect(telegram.lastText(204)).toBe("Cancelled; nothing was saved. What would you like to do?");
  expect(await communityOf(204)).toBeNull();
  // The old confirmation button no longer does anything but say so.
  await h.send(u.callback(user, `cm-ok:${east}`));
  expect(telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("no longer valid") });
  expect(await communityOf(204)).toBeNull();
  await h.send(u.command(user, "cancel"));
  expect(telegram.lastText(204)).toBe("There is nothing to cancel. What would you like to do?");
});

it("answers /help in the middle of the conversation without leaving it", async () => {
  const h = createHarness({ db: database.db, telegram });
  const user = u.user(205, { languageCode: "en" });
  await h.send(u.command(user, "start"));
  await h.send(u.command(user, "help"));
  expect(telegram.lastText(205)).toContain("/cancel");
  await h.send(u.callback(user, `cm:${east}`));
  expect(telegram.lastText(205)).toBe('You chose "东风社区". Is that right?');
});

it("joins the confirmed community once when the confirmation is pressed twice at once", async () => {
  const a = createHarness({ db: database.db, telegram });
  const b = createHarness({ db: database.db, telegram });
  const user = u.user(206, { languageCode: "en" });
  await a.send(u.command(user, "start"));
  await a.send(u.callback(user, `cm:${east}`));
  await Promise.all([a.send(u.callback(user, `cm-ok:${east}`)), b.send(u.callback(user, `cm-ok:${east}`))]);
  expect(await communityOf(206)).toBe(east);
  expect(telegram.texts(206).filter((t) => t.includes("you have joined"))).toHaveLength(1);
});
