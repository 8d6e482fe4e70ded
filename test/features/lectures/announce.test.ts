import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createLecture } from "../../../src/features/lectures/service.js";
import { listTopics, setAllTopics, subscriptionsOf, toggleTopic } from "../../../src/features/lectures/topics.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // 10:00 in Shanghai, outside the quiet hours
const STAFF = 55_001;
const WANG = 55_002; // Chinese, subscribed to 法律
const ANN = 55_003; // English, every lecture
const BOB = 55_004; // subscribed to 健康 only
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, lang, name] of [
    [STAFF, "en", "Chen"],
    [WANG, "zh-hans", "王阿姨"],
    [ANN, "en", "Ann"],
    [BOB, "en", "Bob"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
  }
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

it("a lecture is announced to its topic's subscribers and every-lecture ones, each in their language with their name; Register works from it, 'stop these' stops them, a second announcement is refused", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const [law, , health] = await listTopics(database.db, home, T0);
  await toggleTopic(database.db, { userId: WANG, communityId: home, topicId: law!.id, at: T0 });
  await setAllTopics(database.db, { userId: ANN, communityId: home, on: true, at: T0 });
  await toggleTopic(database.db, { userId: BOB, communityId: home, topicId: health!.id, at: T0 });
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "法律讲座",
      topicId: law!.id,
      speaker: "王律师",
      startsAt: new Date(T0.getTime() + 3 * 86400_000),
      endsAt: new Date(T0.getTime() + 3 * 86400_000 + 2 * 3600_000),
      place: "二中",
      seats: 500,
      registrationRequired: true,
      duty: [],
      createdBy: STAFF,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const staff = u.user(STAFF, { languageCode: "en" });
  const wang = u.user(WANG, { languageCode: "zh-hans" });
  const ann = u.user(ANN, { languageCode: "en" });

  await h.send(u.command(staff, "lectures"));
  const announce = h.telegram.lastButtons(STAFF).find((b) => b.text === "📣 Announce to subscribers")!;
  await h.send(u.callback(staff, announce.data!));
  await h.flush();
  expect(h.telegram.texts(STAFF)).toContain("📣 Announcing to 2 people; the progress follows.");
  expect(h.telegram.lastText(WANG)).toBe(
    "王阿姨，您好！有一场您可能感兴趣的讲座：法律讲座\n\n🎓 法律讲座\n🏷 法律 · 🎤 王律师\n🕒 2026-05-04 10:00–12:00\n📍 二中\n剩余 500 个座位",
  );
  expect(h.telegram.lastButtons(WANG).map((b) => b.text)).toEqual(["📝 报名", "⭐ 感兴趣", "🔕 不再接收这类通知"]);
  expect(h.telegram.lastText(ANN)).toBe(
    "Ann, a new lecture you may like: 法律讲座\n\n🎓 法律讲座\n🏷 Law · 🎤 王律师\n🕒 2026-05-04 10:00–12:00\n📍 二中\n500 seats left",
  );
  expect(h.telegram.texts(BOB)).toEqual([]);

  // Twice: refused, nobody hears it again.
  await h.send(u.callback(staff, announce.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This lecture has been announced already." });
  // Not staff: refused.
  await h.send(u.callback(ann, announce.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });

  await h.send(u.callback(wang, h.telegram.lastButtons(WANG)[0]!.data!));
  expect(h.telegram.lastText(WANG)).toMatch(/^✅ 报名成功。您的签到码：[A-Z2-9]{4}。/);
  await h.send(u.callback(ann, h.telegram.lastButtons(ANN)[1]!.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ text: "Noted: you are interested." });
  await h.send(u.callback(ann, h.telegram.lastButtons(ANN).at(-1)!.data!));
  expect(h.telegram.lastText(ANN)).toBe("🔕 You will get no more lecture announcements. /subscribe turns them on again.");
  expect(await subscriptionsOf(database.db, ANN, home)).toMatchObject({ allTopics: false, topicIds: [] });
});
