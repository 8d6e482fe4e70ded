import { eq } from "drizzle-orm";
import type { User } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportCategories, reports, reportSupporters } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

// "Same problem nearby?" offers only other people's open reports, and a +1 that cannot be taken
// says why (issue 13, item 10).

let database: TestDatabase;
let dirtySpot: number;
const u = updates();
const SPOT = { latitude: 31.2405, longitude: 121.4805 };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
  dirtySpot = (await database.db.select().from(reportCategories)).find((c) => c.code === "dirty-spot")!.id;
});
afterAll(() => database.close());

/** /report up to the place, 10 m north of SPOT unless told; the bot's answer is then the offer or the summary. */
async function reportAtSpot(h: Harness, user: User, north = 0.00009) {
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.text(user, "Garbage by the bus stop"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, SPOT.latitude + north, SPOT.longitude));
}

const numberOf = (n: number) => `R-${String(n).padStart(6, "0")}`;

it("does not offer a resident their own report as the same problem, but offers it to a neighbour", async () => {
  const h = createHarness({ db: database.db });
  const wang = u.user(3201, { languageCode: "zh-hans" });
  await reportAtSpot(h, wang);
  await h.send(u.callback(wang, "rsum:confirm"));
  const [original] = await database.db.select().from(reports).where(eq(reports.reporterId, 3201));

  // Wang reports the same spot again: no "someone nearby" about her own report.
  await reportAtSpot(h, wang);
  expect(h.telegram.lastText(3201)).toMatch(/^请核对您的上报/);
  await h.send(u.command(wang, "cancel"));

  const li = u.user(3202, { languageCode: "zh-hans" });
  await reportAtSpot(h, li);
  expect(h.telegram.lastText(3202)).toContain(`附近已经有人反映了同样的问题：\n• ${numberOf(original!.number)}`);
  await h.send(u.callback(li, `rdup:${original!.id}`, 42));
  // The offer shows what was chosen instead of its buttons.
  expect(h.telegram.callsOf("editMessageText").at(-1)?.payload).toMatchObject({ chat_id: 3202, message_id: 42 });
  expect(h.telegram.callsOf("editMessageText").at(-1)?.payload.text).toMatch(/\n✅ 👍 就是这个 R-\d{6}，我也反映$/);
  expect(h.telegram.lastText(3202)).toBe(`👍 已记录！您已支持 ${numberOf(original!.number)}，处理进展也会通知您。`);
});

it("says why a +1 is refused: the report is no longer open, or was already supported", async () => {
  const h = createHarness({ db: database.db });
  const zhao = u.user(3211, { languageCode: "en" });
  await reportAtSpot(h, zhao, 0.0003); // 33 m: offered Wang's report, which is another problem
  await h.send(u.callback(zhao, "rnew"));
  await h.send(u.callback(zhao, "rsum:confirm"));
  const [theirs] = await database.db.select().from(reports).where(eq(reports.reporterId, 3211));

  // Offered while open, dealt with before the press.
  const qian = u.user(3212, { languageCode: "en" });
  await reportAtSpot(h, qian);
  expect(h.telegram.lastText(3212)).toContain(numberOf(theirs!.number));
  await database.db.update(reports).set({ status: "rejected" }).where(eq(reports.id, theirs!.id));
  await h.send(u.callback(qian, `rdup:${theirs!.id}`));
  const texts = h.telegram.texts(3212);
  expect(texts.at(-2)).toBe(`${numberOf(theirs!.number)} is no longer open (it has been dealt with), so we go on with yours as a new report.`);
  expect(texts.at(-1)).toMatch(/^Please check your report:/);
  expect(await database.db.select().from(reportSupporters).where(eq(reportSupporters.userId, 3212))).toEqual([]);
  await h.send(u.command(qian, "cancel"));

  // Supported once; offered again on a later report, the press says so instead of "noted".
  await database.db.update(reports).set({ status: "new" }).where(eq(reports.id, theirs!.id));
  for (const expected of ["👍 Noted! You now support", "You already support"]) {
    await reportAtSpot(h, qian);
    await h.send(u.callback(qian, `rdup:${theirs!.id}`));
    expect(h.telegram.lastText(3212)).toContain(expected);
  }
  expect(await database.db.select().from(reportSupporters).where(eq(reportSupporters.userId, 3212))).toHaveLength(1);
});
