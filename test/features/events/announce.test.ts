import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * An organiser announces an event from its roster through the broadcast machinery: everyone who
 * may sign up and has not hears it once, in their language, with a Sign up button per slot that
 * works; a second press announces nothing; residents of a volunteers' duty and people already
 * signed up are left out.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // 10:00 in Shanghai, outside the quiet hours
const STAFF = 56_001; // English
const WANG = 56_002; // volunteer, Chinese
const BOB = 56_003; // volunteer, English, already signed up
const RES = 56_004; // resident: not for a volunteers' duty
const u = updates();
const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王芳" });
let eventId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, name, lang] of [
    [STAFF, "Chen", "en"],
    [WANG, "王芳", "zh-hans"],
    [BOB, "Bob", "en"],
    [RES, "Li", "en"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
  }
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: T0 });
  for (const id of [WANG, BOB]) await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  const created = await createRehearsal(database.db, { communityId: home, startsAt: new Date("2026-05-04T11:00:00Z"), at: T0 }, 3, { place: "文化广场" });
  eventId = created.eventId;
  await signUp(database.db, { slotId: created.slotId, userId: BOB, at: T0 });
});
afterAll(() => database.close());

it("announces once to those who may sign up, each in their language with Sign up buttons that work", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.callback(staff, `eor:${eventId}`));
  const announce = h.telegram.lastButtons(STAFF).find((b) => b.text === "📣 Announce to those who may sign up");
  expect(announce?.data).toBe(`eoa:${eventId}`);
  await h.send(u.callback(staff, announce!.data!));
  await h.flush();
  expect(h.telegram.texts(STAFF)).toContain(
    "📣 Announced to 2 people who may sign up. It goes out at the broadcasts' pace (not in quiet hours); the progress comes as its own message, with Stop.",
  );
  const toWang = h.telegram.texts(WANG).at(-1)!;
  expect(toWang.startsWith("📣 这个活动可以报名了：\n\n")).toBe(true);
  expect(toWang).toContain("腰鼓队排练");
  expect(toWang).toContain("2026-05-04 19:00");
  expect(h.telegram.texts(STAFF).some((t) => t.startsWith("📣 You can sign up for this event:"))).toBe(true);
  expect(h.telegram.texts(BOB)).toEqual([]);
  expect(h.telegram.texts(RES)).toEqual([]);

  const join = h.telegram.lastButtons(WANG)[0]!;
  expect(join.data).toMatch(/^evj:\d+$/);
  await h.send(u.callback(wang, join.data!));
  expect(h.telegram.texts(WANG)).toContain("✅ 报名成功。活动开始前24小时和2小时会提醒您。");

  // Twice: refused, nobody hears it again; a volunteer cannot announce.
  const sent = h.telegram.texts(WANG).length;
  await h.send(u.callback(staff, announce!.data!));
  await h.flush();
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This event has already been announced." });
  await h.send(u.callback(wang, announce!.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.flush();
  expect(h.telegram.texts(WANG).length).toBe(sent);
  await h.send(u.callback(staff, "eoa:99999999"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({
    show_alert: true,
    text: "This event no longer exists, or it is not in your community.",
  });
});
