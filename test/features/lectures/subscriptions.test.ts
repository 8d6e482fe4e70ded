import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { lectureSubscriptions, lectureTopics } from "../../../src/db/schema/index.js";
import { grantRole } from "../../../src/features/accounts/service.js";
import { listTopics, subscriptionsOf } from "../../../src/features/lectures/topics.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
});
afterAll(() => database.close());

it("a new resident is asked once at /start (in Chinese), chooses topics by toggles, every lecture, then stops them all", async () => {
  const h = createHarness({ db: database.db });
  const wang = u.user(52_001, { languageCode: "zh-hans" });
  await h.send(u.command(wang, "start"));
  const texts = h.telegram.texts(wang.id);
  expect(texts[0]).toBe("📚 社区会举办讲座（法律、健康、交通安全等）。您想收到讲座通知吗？我们只发送您选择的内容。");
  expect(texts.at(-1)).toContain("您好！欢迎使用");
  const question = h.telegram.sent(wang.id)[0]!;
  expect(JSON.stringify(question.payload)).toContain("lso:yes");
  // Asked once: a second /start only welcomes.
  h.telegram.clear();
  await h.send(u.command(wang, "start"));
  expect(h.telegram.texts(wang.id)).toHaveLength(1);
  // Nothing is subscribed before a yes.
  expect(await subscriptionsOf(database.db, wang.id, home)).toEqual({ allTopics: false, topicIds: [], asked: true });

  await h.send(u.callback(wang, "lso:yes"));
  expect(h.telegram.lastText(wang.id)).toBe("📚 您想收到哪些讲座的通知？点主题即可开启或关闭。");
  const topics = await listTopics(database.db, home, h.clock.now());
  expect(topics.map((t) => `${t.name["zh-CN"]}/${t.name.en}`)).toEqual([
    "法律/Law",
    "交通安全/Traffic safety",
    "健康/Health",
    "防诈骗/Fraud prevention",
    "垃圾分类/Waste sorting",
    "文明公约/Civic code",
  ]);
  expect(h.telegram.lastButtons(wang.id).map((b) => b.text)).toEqual([
    "⬜ 法律",
    "⬜ 交通安全",
    "⬜ 健康",
    "⬜ 防诈骗",
    "⬜ 垃圾分类",
    "⬜ 文明公约",
    "⬜ 全部讲座",
    "🔕 不再接收任何讲座通知",
  ]);
  const law = topics[0]!.id;
  await h.send(u.callback(wang, `lst:${law}`));
  const edited = h.telegram.callsOf("editMessageReplyMarkup").at(-1)!;
  expect(JSON.stringify(edited.payload)).toContain("✅ 法律");
  expect(await subscriptionsOf(database.db, wang.id, home)).toMatchObject({ allTopics: false, topicIds: [law] });
  await h.send(u.callback(wang, "lsa:1"));
  expect(await subscriptionsOf(database.db, wang.id, home)).toMatchObject({ allTopics: true });

  // Forged buttons: another community's or no topic, a bad flag: polite, nothing changes.
  for (const data of ["lst:999999", "lst:abc", "lsa:7", "lso:maybe"]) await h.send(u.callback(wang, data));
  expect(
    h.telegram
      .callbackAnswers()
      .slice(-4)
      .every((a) => (a.payload as { show_alert?: boolean }).show_alert),
  ).toBe(true);
  expect(await subscriptionsOf(database.db, wang.id, home)).toMatchObject({ allTopics: true, topicIds: [law] });

  await h.send(u.command(wang, "unsubscribe"));
  expect(h.telegram.lastText(wang.id)).toBe("🔕 您将不再收到讲座通知。发送 /subscribe 可以重新开启。");
  expect(await subscriptionsOf(database.db, wang.id, home)).toEqual({ allTopics: false, topicIds: [], asked: true });
});

it("a resident who says no gets nothing; an English one reads the topics in English", async () => {
  const h = createHarness({ db: database.db });
  const ann = u.user(52_002, { languageCode: "en" });
  await h.send(u.command(ann, "start"));
  expect(h.telegram.texts(ann.id)[0]).toContain("Would you like to hear about them?");
  await h.send(u.callback(ann, "lso:no"));
  expect(h.telegram.lastText(ann.id)).toBe("All right, no announcements. You can change your mind any time with /subscribe.");
  expect(await subscriptionsOf(database.db, ann.id, home)).toMatchObject({ allTopics: false, topicIds: [] });
  await h.send(u.command(ann, "subscribe"));
  expect(h.telegram.lastButtons(ann.id)[1]!.text).toBe("⬜ Traffic safety");
  expect(h.telegram.lastButtons(ann.id).at(-2)!.text).toBe("⬜ Every lecture");
});

it("admins keep the topics: add in both languages, refuse a duplicate, remove one and its subscribers are told in their language", async () => {
  const h = createHarness({ db: database.db });
  const admin = u.user(52_010, { languageCode: "en" });
  const zh = u.user(52_011, { languageCode: "zh-hans" });
  const en = u.user(52_012, { languageCode: "en" });
  for (const user of [admin, zh, en]) await h.send(u.command(user, "start"));
  await grantRole(database.db, { userId: admin.id, communityId: home, role: "admin", grantedBy: null, at: h.clock.now() });

  await h.send(u.command(admin, "topic_add", "消防安全 / Fire safety"));
  expect(h.telegram.lastText(admin.id)).toBe("Topic added: 消防安全 / Fire safety");
  await h.send(u.command(admin, "topic_add", "消防安全 / Fire"));
  expect(h.telegram.lastText(admin.id)).toBe("There is already a topic of that name.");
  await h.send(u.command(admin, "topic_add", "只有中文"));
  expect(h.telegram.lastText(admin.id)).toBe("Please give both names: /topic_add 中文名 / English name");
  const [fire] = await database.db.select().from(lectureTopics).where(sql`${lectureTopics.name}->>'en' = 'Fire safety'`);

  for (const user of [zh, en]) await h.send(u.callback(user, `lst:${fire!.id}`));
  // A resident cannot remove topics.
  await h.send(u.callback(zh, `ltr:${fire!.id}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.command(admin, "topics"));
  expect(h.telegram.lastText(admin.id)).toContain("• 消防安全 / Fire safety");
  await h.send(u.callback(admin, `ltr:${fire!.id}:ask`));
  expect(h.telegram.lastText(admin.id)).toBe("Remove this topic? Its subscribers will be told.");
  await h.send(u.callback(admin, `ltr:${fire!.id}:yes`));
  expect(h.telegram.lastText(admin.id)).toBe("Topic removed; its 2 subscribers have been told.");
  expect(h.telegram.lastText(zh.id)).toBe("讲座主题「消防安全」（Fire safety）已取消，您不会再收到这个主题的通知。发送 /subscribe 查看现有主题。");
  expect(h.telegram.lastText(en.id)).toBe(
    'The lecture topic "Fire safety" (消防安全) has been removed, so you will no longer get its announcements. /subscribe shows the topics there are.',
  );
  expect(await database.db.select().from(lectureSubscriptions).where(eq(lectureSubscriptions.topicId, fire!.id))).toEqual([]);
  // Removed twice, or a subscriber's stale toggle: polite, nothing breaks.
  await h.send(u.callback(admin, `ltr:${fire!.id}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This topic no longer exists." });
  await h.send(u.callback(en, `lst:${fire!.id}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This topic no longer exists." });
  expect((await subscriptionsOf(database.db, en.id, home)).topicIds).toEqual([]);
});
