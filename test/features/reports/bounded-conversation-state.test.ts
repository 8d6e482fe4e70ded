import { eq, sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, conversationStates, reportCategories, reports } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

// A step that keeps re-asking must not keep what it refused: the replay log is stored after
// every update and replayed before every reply, so its size is both storage and latency.

let database: TestDatabase;
let dirtySpot: number;
beforeAll(async () => {
  database = await createTestDatabase();
  const communityId = (await seedDefaultCommunity(database.db)).id;
  await database.db.insert(areas).values({ communityId, name: "North", centerLatitude: 31.23, centerLongitude: 121.47, radiusMeters: 5000 });
  dirtySpot = (await database.db.select().from(reportCategories)).find((c) => c.code === "dirty-spot")!.id;
});
afterAll(() => database.close());

const u = updates();
const WRONG = 1000;
const LIMIT_BYTES = 20 * 1024;

/** Bytes of the stored conversation state of a private chat, as Postgres holds it. */
async function stateBytes(userId: number): Promise<number> {
  const [row] = await database.db
    .select({ bytes: sql<number>`octet_length(${conversationStates.value}::text)` })
    .from(conversationStates)
    .where(eq(conversationStates.key, `${userId}:${userId}`));
  return Number(row?.bytes ?? 0);
}

/** Sends the updates one by one; returns the stored state's size after each and each reply's time. */
async function sendAll(h: Harness, userId: number, batch: Update[]): Promise<{ sizes: number[]; millis: number[] }> {
  const sizes: number[] = [];
  const millis: number[] = [];
  for (const update of batch) {
    const started = performance.now();
    await h.send(update);
    millis.push(performance.now() - started);
    sizes.push(await stateBytes(userId));
  }
  return { sizes, millis };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The reply to the last wrong answers is no slower than to the first ones (generous, the machine is shared). */
function expectNoSlowdown(millis: number[]): void {
  const first = mean(millis.slice(0, 50));
  const last = mean(millis.slice(-50));
  expect(last).toBeLessThan(first * 2 + 10);
}

async function finish(h: Harness, userId: number) {
  const user = u.user(userId, { languageCode: "en" });
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.23 + (userId % 100) * 0.001, 121.47));
  await h.send(u.callback(user, "rsum:confirm"));
  expect(h.telegram.lastText(userId)).toMatch(/^✅ Report received! Your tracking number is R-\d{6}\./);
  expect(await database.db.select().from(reports).where(eq(reports.reporterId, userId))).toHaveLength(1);
  expect(await stateBytes(userId)).toBe(0);
}

it("keeps the state small through 1,000 wrong descriptions, re-asking once each, and then files the report", { timeout: 300_000 }, async () => {
  const h = createHarness({ db: database.db, config: { FLOOD_LIMIT: 100_000 } }); // 1,000 messages in seconds: not a flood here;
  const id = 1501;
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  const atStep = await stateBytes(id);
  h.telegram.clear();

  // Over-long texts, stickers and empty-looking texts, in turn.
  const wrong = Array.from({ length: WRONG }, (_, i) =>
    i % 3 === 0 ? u.text(user, "x".repeat(1001 + i)) : i % 3 === 1 ? u.sticker(user) : u.text(user, "   "),
  );
  const { sizes, millis } = await sendAll(h, id, wrong);
  console.log(
    JSON.stringify({
      step: "description",
      atStepBytes: atStep,
      maxBytes: Math.max(...sizes),
      firstMs: mean(millis.slice(0, 50)),
      lastMs: mean(millis.slice(-50)),
    }),
  );
  expect(Math.max(...sizes)).toBeLessThan(LIMIT_BYTES);
  // Nothing of a refused answer is kept: the state is what it was when the step asked.
  expect(new Set(sizes)).toEqual(new Set([atStep]));
  expectNoSlowdown(millis);

  // One answer per wrong message, and only that.
  const sent = h.telegram.sent(id);
  expect(sent).toHaveLength(WRONG);
  expect(sent.filter((c) => String(c.payload.text).startsWith("That description is too long"))).toHaveLength(Math.ceil(WRONG / 3));
  expect(sent.filter((c) => String(c.payload.text).startsWith("Please describe the problem"))).toHaveLength(WRONG - Math.ceil(WRONG / 3));
  expect(h.telegram.calls.filter((c) => !c.method.startsWith("send"))).toEqual([]);

  // The step is where it was: the next good answer is taken, and the next replay re-sends nothing.
  h.telegram.clear();
  await h.send(u.text(user, "Garbage piled up by the gate"));
  expect(h.telegram.texts(id)).toEqual([expect.stringMatching(/^Step 3: send photos/)]);
  await finish(h, id);
});

it("keeps the state small through 1,000 wrong answers at a button step, answering each press once", { timeout: 300_000 }, async () => {
  const h = createHarness({ db: database.db, config: { FLOOD_LIMIT: 100_000 } }); // 1,000 messages in seconds: not a flood here;
  const id = 1502;
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  const atStep = await stateBytes(id);
  h.telegram.clear();

  // Typed words, a forged category, and a stale button from a later step, in turn.
  const wrong = Array.from({ length: WRONG }, (_, i) =>
    i % 3 === 0 ? u.text(user, `garbage ${i}`) : i % 3 === 1 ? u.callback(user, "rcat:999999") : u.callback(user, "rsum:confirm"),
  );
  const { sizes, millis } = await sendAll(h, id, wrong);
  console.log(
    JSON.stringify({
      step: "category",
      atStepBytes: atStep,
      maxBytes: Math.max(...sizes),
      firstMs: mean(millis.slice(0, 50)),
      lastMs: mean(millis.slice(-50)),
    }),
  );
  expect(Math.max(...sizes)).toBeLessThan(LIMIT_BYTES);
  expect(new Set(sizes)).toEqual(new Set([atStep]));
  expectNoSlowdown(millis);

  const presses = wrong.filter((update) => update.callback_query).length;
  expect(h.telegram.callbackAnswers()).toHaveLength(presses);
  expect(new Set(h.telegram.callbackAnswers().map((c) => c.payload.callback_query_id)).size).toBe(presses);
  expect(h.telegram.texts(id)).toEqual(Array(WRONG).fill("Please tap one of the buttons above to choose the kind of problem, or send /cancel to leave."));

  h.telegram.clear();
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  // The question shows the choice in place of its buttons, then the next step.
  expect(h.telegram.texts(id)).toEqual([
    "Step 1 of 4: what kind of problem is it?\n✅ 🗑️ Dirty spot or garbage pile",
    expect.stringMatching(/^Step 2: what is wrong\?/),
  ]);
  await h.send(u.text(user, "Broken bin"));
  await finish(h, id);
});

it("keeps the state small at the photo step: refused files, known photos and photos past the fifth", async () => {
  const h = createHarness({ db: database.db });
  const id = 1503;
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.text(user, "Broken bins"));
  const atStep = await stateBytes(id);
  const pdf = u.photo(user);
  pdf.message = {
    ...pdf.message!,
    photo: undefined,
    document: { file_id: "doc-1", file_unique_id: "udoc-1", mime_type: "application/pdf", file_size: 1000 },
  } as never;
  for (let i = 0; i < 30; i++) await h.send(i % 2 === 0 ? pdf : u.sticker(user));
  expect(await stateBytes(id)).toBe(atStep);

  await h.send(u.photo(user, { fileUniqueId: "same" }));
  const withOne = await stateBytes(id);
  h.telegram.clear();
  for (let i = 0; i < 30; i++) await h.send(u.photo(user, { fileUniqueId: "same" }));
  expect(await stateBytes(id)).toBe(withOne);
  expect(h.telegram.texts(id)).toEqual(Array(30).fill('📷 Photo received. Send more, or tap "Done".'));

  for (let i = 0; i < 5; i++) await h.send(u.photo(user, { fileUniqueId: `more-${i}` }));
  const full = await stateBytes(id);
  h.telegram.clear();
  for (let i = 0; i < 30; i++) await h.send(u.photo(user, { fileUniqueId: `extra-${i}` }));
  expect(await stateBytes(id)).toBe(full);
  expect(h.telegram.texts(id)).toEqual([]);
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.2395, 121.47));
  expect(h.telegram.lastText(id)).toContain("Photos: 5");
});

it('goes back to "where?" and re-shows the summary without growing the state', async () => {
  const h = createHarness({ db: database.db });
  const id = 1504;
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, `rcat:${dirtySpot}`));
  await h.send(u.text(user, "Broken bins"));
  await h.send(u.callback(user, "rdone"));
  const atPlace = await stateBytes(id);

  // Outside every area, "somewhere else" asks again from the same point of the conversation.
  const sizes: number[] = [];
  for (let i = 0; i < 20; i++) {
    await h.send(u.location(user, 31.3, 121.6));
    expect(h.telegram.lastText(id)).toBe("This spot seems to be outside the community's areas. Report it anyway?");
    await h.send(u.callback(user, "rout:again"));
    expect(h.telegram.lastText(id)).toMatch(/^Step 4: where is it\?/);
    sizes.push(await stateBytes(id));
  }
  // The same log, but for the new prompt's message id and date.
  for (const size of sizes) expect(Math.abs(size - atPlace)).toBeLessThan(16);

  await h.send(u.location(user, 31.2404, 121.47));
  expect(h.telegram.lastText(id)).toContain("Please check your report:");
  const atSummary = await stateBytes(id);
  h.telegram.clear();
  for (let i = 0; i < 50; i++) await h.send(u.callback(user, i % 2 ? "rsum:zzz" : "rout:yes"));
  expect(await stateBytes(id)).toBe(atSummary);
  expect(h.telegram.texts(id)).toEqual(Array(50).fill("Please tap one of the buttons above."));
  await h.send(u.callback(user, "rsum:confirm"));
  expect(h.telegram.lastText(id)).toMatch(/^✅ Report received!/);
});
