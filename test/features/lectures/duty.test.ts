import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventSignups } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const START = new Date("2026-05-04T06:00:00Z"); // 14:00 in Shanghai
const HELPER = 58_001; // volunteer, Chinese
const SECOND = 58_002; // volunteer, English
const WANG = 58_003; // resident
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, name, lang] of [
    [HELPER, "李叔叔", "zh-hans"],
    [SECOND, "Bob", "en"],
    [WANG, "王阿姨", "zh-hans"],
  ] as const)
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
  await grantRole(database.db, { userId: HELPER, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  await grantRole(database.db, { userId: SECOND, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

it("a lecture's duty slots are in volunteers' /events (the events core), can be signed up for with their seats, and make the helper the door's; residents see the lecture in /lectures only", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "法律进社区",
      topicId: null,
      speaker: "王律师",
      startsAt: START,
      endsAt: new Date(START.getTime() + 2 * 3600_000),
      place: "二中礼堂",
      seats: 100,
      registrationRequired: true,
      duty: [
        { name: "签到", capacity: 1 },
        { name: "引导", capacity: 2 },
      ],
      createdBy: null,
    },
    T0,
  );
  if (!created.ok || !created.dutyEventId) throw new Error("setup");
  const helper = u.user(HELPER, { languageCode: "zh-hans", firstName: "李叔叔" });
  const second = u.user(SECOND, { languageCode: "en", firstName: "Bob" });
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });

  await h.send(u.command(helper, "events"));
  const card = h.telegram.texts(HELPER).find((t) => t.includes("法律进社区"));
  expect(card).toBe("📅 法律进社区\n🕒 2026-05-04 14:00–16:00\n📍 二中礼堂\n• 签到：剩 1 个名额\n• 引导：剩 2 个名额");
  // The lecture's audience event is not offered here: it is registered for in /lectures, with a code.
  expect(h.telegram.texts(HELPER).filter((t) => t.includes("法律进社区"))).toHaveLength(1);
  const join = h.telegram.lastButtons(HELPER).find((b) => b.text.startsWith("✋ 签到"))!;
  await h.send(u.callback(helper, join.data!));
  expect(h.telegram.texts(HELPER)).toContainEqual(expect.stringContaining("报名成功"));
  // The one check-in seat is taken: the second volunteer waits for it, or takes a guide's seat.
  await h.send(u.callback(second, join.data!));
  expect(h.telegram.lastText(SECOND)).toMatch(/on the waitlist/);
  const duty = await database.db.select().from(eventSignups).where(eq(eventSignups.eventId, created.dutyEventId));
  expect(duty.map((s) => [s.userId, s.status])).toEqual([
    [HELPER, "confirmed"],
    [SECOND, "waitlisted"],
  ]);

  // On duty, the helper finds the door under the lecture; the resident does not, and has no duty in /events.
  await h.send(u.command(helper, "lectures"));
  expect(h.telegram.lastButtons(HELPER).map((b) => b.text)).toContain("🚪 现场签到");
  await h.send(u.command(wang, "events"));
  expect(h.telegram.texts(WANG).some((t) => t.includes("法律进社区"))).toBe(false);
  await h.send(u.command(wang, "lectures"));
  expect(h.telegram.lastText(WANG)).toContain("法律进社区");
  expect(h.telegram.lastButtons(WANG).map((b) => b.text)).not.toContain("🚪 现场签到");
});
