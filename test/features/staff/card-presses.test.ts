import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportEvents, reports } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { bindStaffGroup } from "../../../src/features/staff/staff-group.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";
import { fileReport as fileReportAs } from "../../helpers/reports.js";

// Presses on cards and tasks that a newcomer (or someone trying to break it) makes: each gets a
// clear answer and changes nothing it should not.

let database: TestDatabase;
const ADMIN = 5001;
const STAFF = 5002;
const OTHER_STAFF = 5003;
const INSPECTOR = 5004;
const u = updates();
const group = u.group(-100_5005);
beforeAll(async () => {
  database = await createTestDatabase();
  const home = (await seedDefaultCommunity(database.db)).id;
  const at = new Date();
  for (const [id, role, name] of [
    [ADMIN, "admin", "Liu"],
    [STAFF, "staff", "Wang"],
    [OTHER_STAFF, "staff", "Zhou"],
    [INSPECTOR, "inspector", "Li"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: "en" }, at);
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at });
  }
  await bindStaffGroup(database.db, { communityId: home, chatId: group.id, actorId: ADMIN, at });
});
afterAll(() => database.close());

const fileReport = (h: Harness, userId: number, latitude: number) => fileReportAs(h, database.db, u, userId, latitude);
const rowOf = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!;
const eventsOf = async (id: number) => database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
const lastAnswer = (h: Harness) => h.telegram.callbackAnswers().at(-1)?.payload;
const APOLOGY = /something went wrong/;
// Telegram sends the member's name with every update: the same one throughout, as /audit shows it.
const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });

it("offers Cancel under the reason; the card's other buttons wait with a toast; only the member asked can cancel", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 5100, 31.71);
  await h.send(u.callback(staff, `sc:${id}:reject`, 1, group));
  const prompt = h.telegram.lastKeyboard(group.id)!.payload;
  const cancel = prompt.reply_markup.inline_keyboard.flat().at(-1);
  expect(cancel).toEqual({ text: "Cancel", callback_data: `gcancel:${STAFF}` });

  // Assign (派单) on the same card meanwhile: a toast at once, the card stays as it is.
  h.telegram.clear();
  await h.send(u.callback(staff, `sc:${id}:assign`, 1, group));
  expect(h.telegram.callbackAnswers()).toHaveLength(1);
  expect(lastAnswer(h)?.text).toBe("First answer the question above about R-000001, or cancel it (its Cancel button, or /cancel).");
  expect(h.telegram.callsOf("editMessageReplyMarkup")).toEqual([]);

  // Someone else's press on Wang's Cancel is refused; Wang's leaves the question.
  await h.send(u.callback(u.user(OTHER_STAFF, { languageCode: "en" }), cancel.callback_data, 2, group));
  expect(lastAnswer(h)?.text).toBe("Only the person who was asked can cancel this question.");
  await h.send(u.callback(staff, cancel.callback_data, 2, group));
  expect(lastAnswer(h)?.text).toBe("Cancelled.");
  expect(h.telegram.callsOf("editMessageReplyMarkup").at(-1)?.payload).toMatchObject({ chat_id: group.id, message_id: 2 });

  // The question is gone: text is chatter again, and Assign works.
  await h.send(u.text(staff, "Not in our community", group));
  expect((await rowOf(id)).status).toBe("new");
  await h.send(u.callback(staff, `sc:${id}:assign`, 1, group));
  expect(h.telegram.callsOf("editMessageReplyMarkup").at(-1)?.payload.reply_markup.inline_keyboard.flat().at(-1).text).toBe("◀ 返回");
});

it("answers forged and out-of-range ids as stale buttons (never a database error), and checks the role first", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 5101, 31.72);
  const groupStale = { show_alert: true, text: "This button is no longer valid; nothing was done." };
  for (const data of [
    "sc:2147483648:accept",
    "sc:9999999999999999:assign",
    `sa:2147483648:${INSPECTOR}`,
    `sa:${id}:abc`,
    `sa:${id}:99999999999999999`,
    `sc:${id}:explode`,
  ]) {
    h.telegram.clear();
    await h.send(u.callback(staff, data, 1, group));
    expect(h.telegram.callbackAnswers(), data).toHaveLength(1);
    expect(lastAnswer(h), data).toMatchObject(groupStale);
    expect(
      h.telegram.texts().some((t) => APOLOGY.test(t)),
      data,
    ).toBe(false);
  }
  // A resident's press is refused before any lookup, however the id looks.
  await h.send(u.callback(u.user(5101, { languageCode: "en" }), "sc:2147483648:accept", 1, group));
  expect(lastAnswer(h)?.text).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");

  // The same in private chats: tasks, the queue, a resident's report view (those point to /start).
  const privateStale = { show_alert: true, text: "This button is no longer valid. Send /start to begin again." };
  const inspector = u.user(INSPECTOR, { languageCode: "en", firstName: "Li" });
  for (const [user, data] of [
    [inspector, "ti:2147483648:start"],
    [inspector, "tk:2147483648"],
    [staff, "q:c2147483648:0"],
    [staff, "q:r99999999999:0"],
    [u.user(5101, { languageCode: "en" }), "rview:9999999999999999"],
  ] as const) {
    h.telegram.clear();
    await h.send(u.callback(user, data));
    expect(h.telegram.callbackAnswers(), data).toHaveLength(1);
    expect(lastAnswer(h), data).toMatchObject(privateStale);
    expect(
      h.telegram.texts().some((t) => APOLOGY.test(t)),
      data,
    ).toBe(false);
  }
  expect((await rowOf(id)).status).toBe("new");
  expect(await eventsOf(id)).toHaveLength(1);
});

it("/audit tells report steps as sentences in the reader's language, with the reason", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 5102, 31.73);
  await h.send(u.callback(staff, `sc:${id}:accept`, 1, group));
  h.clock.advance(60_000);
  await h.send(u.callback(staff, `sc:${id}:reject`, 1, group));
  await h.send(u.text(staff, "Not in our community", group));
  expect((await rowOf(id)).status).toBe("rejected");
  const number = `R-${String((await rowOf(id)).number).padStart(6, "0")}`;

  const admin = (languageCode: string) => u.user(ADMIN, { languageCode, firstName: "Liu" });
  await h.send(u.command(admin("en"), "audit"));
  const english = h.telegram
    .lastText(ADMIN)!
    .split("\n")
    .map((line) => line.replace(/^• \d{4}-\d\d-\d\d \d\d:\d\d /, ""));
  const aboutReport = english.filter((line) => line.includes(number));
  expect(aboutReport).toEqual([`Wang rejected ${number}. Note: Not in our community`, `Wang accepted ${number}.`]);
  expect(english).toContain("Liu made a group the community's staff group.");
  await h.send(u.command(admin("zh-hans"), "audit"));
  expect(h.telegram.lastText(ADMIN)).toContain(`Wang 不受理 ${number}。说明：Not in our community`);
});
