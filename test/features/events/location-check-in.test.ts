import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventSignups } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { metersBetween } from "../../../src/features/reports/geo.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * Check-in by sharing a location: within the distance of the event's place during its window
 * checks in (as the code does); too far, too early, over, or an event without a location is
 * answered politely and changes nothing; someone with no event near in time, or a live location
 * (a patrol's route), is left to the rest of the bot.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const PLACE = { latitude: 31.2304, longitude: 121.4737 }; // 文化广场
const WANG = 48_001; // Chinese
const BOB = 48_002; // English
const ZHAO = 48_003; // Chinese, signed up for an event with no location
const LI = 48_004; // volunteer with no event
const u = updates();
const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王芳" });
const bob = u.user(BOB, { languageCode: "en", firstName: "Bob" });
const zhao = u.user(ZHAO, { languageCode: "zh-hans", firstName: "赵敏" });
const li = u.user(LI, { languageCode: "en", firstName: "Li" });
const statusOf = async (userId: number) =>
  (
    await database.db
      .select({ status: eventSignups.status, at: eventSignups.checkedInAt })
      .from(eventSignups)
      .where(and(eq(eventSignups.userId, userId)))
  )[0];

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, firstName, languageCode] of [
    [WANG, "王芳", "zh-hans"],
    [BOB, "Bob", "en"],
    [ZHAO, "赵敏", "zh-hans"],
    [LI, "Li", "en"],
  ] as const) {
    await recordUser(database.db, { id, firstName, languageCode }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  }
  // Saturday 2 May, 19:00–21:00 in Shanghai, at the square; and one at the same time with no location.
  const placed = await createRehearsal(database.db, { communityId: home, startsAt: new Date("2026-05-02T11:00:00Z"), at: T0 }, 10, {
    location: PLACE,
    place: "文化广场",
  });
  const unplaced = await createRehearsal(database.db, { communityId: home, startsAt: new Date("2026-05-02T11:00:00Z"), at: T0 }, 10, { title: "楼道清扫" });
  for (const userId of [WANG, BOB]) await signUp(database.db, { slotId: placed.slotId, userId, at: T0 });
  await signUp(database.db, { slotId: unplaced.slotId, userId: ZHAO, at: T0 });
});
afterAll(() => database.close());

it("/checkin without a code offers a button that shares the location", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.command(bob, "checkin"));
  const sent = h.telegram.calls.filter((c) => c.method === "sendMessage").at(-1)!.payload;
  expect(sent.text).toBe(
    'Please send the check-in code shown at the event, like this: /checkin ABC234\nOr, at the event\'s place, tap "📍 Check in here" below to share your location.',
  );
  expect(sent.reply_markup.keyboard).toEqual([[{ text: "📍 Check in here", request_location: true }]]);
});

it("checks in near the place during the window; too early, too far, over and no location are told politely and change nothing", async () => {
  const clock = new FakeClock(new Date("2026-05-02T10:00:00Z")); // 18:00, an hour before
  const h = createHarness({ db: database.db, clock });
  await h.send(u.location(wang, PLACE.latitude, PLACE.longitude));
  expect(h.telegram.lastText(WANG)).toBe("「腰鼓队排练」的签到 2026-05-02 18:30 开始（开始前 30 分钟）。请到时再发送位置。");
  expect((await statusOf(WANG))!.status).toBe("confirmed");

  clock.advance(45 * 60_000); // 18:45: check-in is open
  const far = { latitude: 31.2404, longitude: 121.4737 };
  await h.send(u.location(bob, far.latitude, far.longitude));
  expect(h.telegram.lastText(BOB)).toBe(
    `You are about ${Math.round(metersBetween(far, PLACE))} m from the place of 腰鼓队排练; check-in by location works within 200 m. Please come closer and try again, or check in with the code.`,
  );
  expect((await statusOf(BOB))!.status).toBe("confirmed");
  await h.send(u.location(bob, 31.231, 121.4737)); // about 67 m away
  expect(h.telegram.lastText(BOB)).toBe("✅ Checked in at 腰鼓队排练. Thank you for coming!");
  expect(await statusOf(BOB)).toEqual({ status: "attended", at: new Date("2026-05-02T10:45:00Z") });
  await h.send(u.location(bob, 31.231, 121.4737));
  expect(h.telegram.lastText(BOB)).toBe("You are already checked in at 腰鼓队排练.");

  // A nearer distance configured by the deployment applies.
  const strict = createHarness({ db: database.db, clock, config: { EVENT_CHECKIN_RADIUS_METERS: 50 } as never });
  await strict.send(u.location(wang, 31.231, 121.4737));
  expect(strict.telegram.lastText(WANG)).toBe(
    `您离「腰鼓队排练」的地点约 ${Math.round(metersBetween({ latitude: 31.231, longitude: 121.4737 }, PLACE))} 米；按位置签到需要在 50 米以内。请走近一些再试，或用签到码签到。`,
  );
  expect((await statusOf(WANG))!.status).toBe("confirmed");

  await h.send(u.location(zhao, PLACE.latitude, PLACE.longitude));
  expect(h.telegram.lastText(ZHAO)).toBe("「楼道清扫」没有登记位置，请用组织者出示的签到码签到。");
  expect((await statusOf(ZHAO))!.status).toBe("confirmed");

  // No event near in time, or a live location: not a check-in at all.
  await h.send(u.location(li, PLACE.latitude, PLACE.longitude));
  expect(h.telegram.texts(LI).some((t) => t.includes("check"))).toBe(false);
  const live = u.location(wang, PLACE.latitude, PLACE.longitude);
  (live.message!.location as { live_period?: number }).live_period = 900;
  await h.send(live);
  expect((await statusOf(WANG))!.status).toBe("confirmed");

  clock.advance(2 * 3600_000 + 20 * 60_000); // 21:05: over
  await h.send(u.location(wang, PLACE.latitude, PLACE.longitude));
  expect(h.telegram.lastText(WANG)).toBe("活动已结束，签到已关闭。请联系组织者为您登记。");
  expect((await statusOf(WANG))!.status).toBe("confirmed");
});
