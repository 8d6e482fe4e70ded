import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { broadcastsFeature } from "../../../src/features/broadcasts/feature.js";
import { broadcasts, outboxMessages } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { sendBulk, type BulkRecipient } from "../../../src/features/broadcasts/bulk.js";
import { NOTICE, type NoticePayload } from "../../../src/outbox/notice.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { broadcastRunner, resetBroadcasts, seedResidents, testConfig } from "./helpers.js";
import { stopButton } from "../../../src/features/broadcasts/keyboards.js";

let database: TestDatabase;
let home: number;
const STAFF = 6001;
const u = updates();
const staff = u.user(STAFF, { languageCode: "en" });
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: STAFF, firstName: "Staff", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: new Date() });
  await seedResidents(database.db, home, 200_000, 3, "en");
  await seedResidents(database.db, home, 210_000, 3, "zh-hans");
});
afterAll(() => database.close());
beforeEach(() => resetBroadcasts(database.db));

/** What a lecture announcement would write: the person's name, and buttons of the caller's own. */
const announcement = (userId: number): BulkRecipient => ({
  userId,
  kind: NOTICE,
  payload: {
    key: "welcome",
    vars: { name: `R${userId}` },
    buttons: [[{ key: "button-yes", data: `lec:reg:${userId}` }]],
  } satisfies NoticePayload,
});
const everyone = [200_000, 200_001, 200_002, 210_000, 210_001, 210_002];

it("another feature's announcement: each recipient's own draft, in their language, with the caller's buttons; progress to the author", async () => {
  const h = createHarness({ db: database.db, features: [broadcastsFeature] });
  const { id } = await sendBulk(database.db, {
    communityId: home,
    createdBy: STAFF,
    label: "Lecture: healthy eating",
    urgent: true,
    runAt: h.clock.now(),
    progressChatId: STAFF,
    clientKey: "lecture-7-announce",
    recipients: everyone.map(announcement),
    rules: testConfig(),
    at: h.clock.now(),
  });
  // The same key again (a retried job) makes nothing more.
  await sendBulk(database.db, {
    communityId: home,
    createdBy: STAFF,
    label: "Lecture: healthy eating",
    urgent: true,
    runAt: h.clock.now(),
    progressChatId: STAFF,
    clientKey: "lecture-7-announce",
    recipients: everyone.map(announcement),
    rules: testConfig(),
    at: h.clock.now(),
  });
  expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.bulkId, id))).toHaveLength(6);
  await h.flush();
  expect(h.telegram.lastText(200_001)).toBe("Hello, R200001! Welcome to the community assistant. What would you like to do?");
  expect(h.telegram.lastText(210_002)).toBe(h.i18n.t("zh-CN", "welcome", { name: "R210002" }));
  expect(h.telegram.lastText(210_002)).toContain("R210002");
  expect(h.telegram.lastButtons(210_002)).toMatchObject([{ text: "是的", data: "lec:reg:210002" }]);
  expect(h.telegram.lastButtons(200_002)).toMatchObject([{ text: "Yes", data: "lec:reg:200002" }]);
  await broadcastRunner(database.db, h.clock).tick();
  await h.flush();
  expect(h.telegram.lastText(STAFF)).toBe(`✅ Broadcast #${id} finished: sent 6, failed 0, skipped 0 (of 6).`);

  // /broadcasts names it by its label, with the figures of its outbox rows.
  await h.send(u.command(staff, "broadcasts"));
  expect(h.telegram.lastText(STAFF)).toContain(`#${id} ✅ done`);
  expect(h.telegram.lastText(STAFF)).toContain("📋 Announcement · sent 6 / failed 0 / skipped 0 / left 0 · Lecture: healthy eating");
});

it("quiet hours hold an announcement that is not urgent; Stop cancels what is pending", async () => {
  const h = createHarness({ db: database.db, features: [broadcastsFeature] });
  h.clock.advance(new Date("2026-05-01T14:00:00Z").getTime() - h.clock.now().getTime()); // 22:00 in Shanghai
  const { id } = await sendBulk(database.db, {
    communityId: home,
    createdBy: STAFF,
    label: "Lecture",
    urgent: false,
    runAt: h.clock.now(),
    progressChatId: STAFF,
    clientKey: "lecture-8-announce",
    recipients: everyone.map(announcement),
    rules: testConfig(),
    at: h.clock.now(),
  });
  const rows = await database.db.select().from(outboxMessages).where(eq(outboxMessages.bulkId, id));
  expect(rows.every((r) => r.runAt.getTime() === new Date("2026-05-02T00:00:00Z").getTime())).toBe(true);
  await h.flush();
  expect(h.telegram.sent(200_000)).toEqual([]);
  expect(h.telegram.lastText(STAFF)).toMatch(/🌙 Quiet hours: paused, resumes at 2026-05-02 08:00\.$/);

  await h.send(u.callback(staff, stopButton.pack({ id })));
  expect(h.telegram.callbackAnswers().at(-1)!.payload.text).toBe("Stopping…");
  expect((await database.db.select().from(broadcasts).where(eq(broadcasts.id, id)))[0]!.status).toBe("cancelled");
  const left = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.bulkId, id), eq(outboxMessages.status, "cancelled")));
  expect(left[0]!.n).toBe(6);
  expect(h.telegram.lastText(STAFF)).toBe(`⛔ Broadcast #${id} stopped: sent 0, failed 0, skipped 6 (of 6).\n• stopped before sending: 6`);
  h.clock.advance(12 * 3600_000);
  await h.flush();
  for (const person of everyone) expect(h.telegram.sent(person)).toEqual([]);
});
