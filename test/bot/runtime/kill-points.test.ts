import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../../src/db/client.js";
import { communities, processedUpdates, reports } from "../../../src/db/schema/index.js";
import type { Emulator, MessageView, TgUser } from "../../../src/sandbox/emulator/index.js";
import type { TestDatabase } from "../../helpers/database.js";
import { createRuntimeWorld, eventually, forever, type RuntimeWorld } from "../../helpers/instances.js";

/*
 * A resident files a report while the polling instance is killed at each point of the Confirm
 * update's life; another instance takes over. The report exists once, the resident gets the
 * tracking number, the staff card is posted once, and the conversation is where it should be.
 */

let world: RuntimeWorld;
let database: TestDatabase;
let emulator: Emulator;
let wang: TgUser;
let groupId: number;

beforeEach(async () => {
  world = await createRuntimeWorld();
  database = world.database;
  emulator = world.server.emulator;
  wang = emulator.createUser({ first_name: "王阿姨", language_code: "zh-hans", started: true });
  groupId = emulator.createGroup({ title: "社区工作群", type: "supergroup" }).id;
  await database.db.update(communities).set({ staffGroupChatId: groupId });
});

afterEach(() => world.tearDown());

const instance = (options?: Parameters<RuntimeWorld["start"]>[0]) => world.start(options);

const buttons = (m: MessageView) =>
  ((m.replyMarkup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();
const withButton = (prefix: string) => (m: MessageView) => buttons(m).some((b) => b.callback_data?.startsWith(prefix));

/** The first bot message in `chatId` after `afterSeq` that matches. */
function botMessage(chatId: number, afterSeq: number, match: (m: MessageView) => boolean, timeoutMs = 15_000): Promise<MessageView> {
  return eventually(() => emulator.messages(chatId).find((m) => m.fromBot && m.seq > afterSeq && match(m)), timeoutMs);
}
const lastSeq = (chatId: number) => emulator.messages(chatId).at(-1)?.seq ?? 0;

/** /report up to the summary; returns the summary message. */
async function reportUntilSummary(): Promise<MessageView> {
  emulator.sendText(wang.id, "/report");
  const kinds = await botMessage(wang.id, 0, withButton("rcat:"));
  emulator.pressButton(wang.id, wang.id, kinds.messageId, buttons(kinds)[0]!.callback_data!);
  await botMessage(wang.id, kinds.seq, () => true);
  emulator.sendText(wang.id, "3号楼东侧垃圾堆了三天没人清理");
  const photos = await botMessage(wang.id, lastSeq(wang.id) - 1, withButton("rdone"));
  emulator.pressButton(wang.id, wang.id, photos.messageId, "rdone");
  const where = await botMessage(wang.id, photos.seq, () => true);
  emulator.sendLocation(wang.id, 31.2306, 121.474);
  return botMessage(wang.id, where.seq, withButton("rsum:confirm"));
}

const reportCount = async () => database.db.$count(reports);
const cards = () => emulator.messages(groupId).filter((m) => m.fromBot && /R-000001/.test(m.text ?? m.caption ?? ""));
/** Messages telling the tracking number (the summary, edited into the receipt: once however often the edit runs). */
const trackingNumbers = () => emulator.messages(wang.id).filter((m) => m.fromBot && /R-000001/.test(m.text ?? ""));

/** Confirm with `first` killed at the armed point, then `second` takes over. */
async function confirmThroughKill(arm: (reached: () => void) => Parameters<RuntimeWorld["start"]>[0]) {
  let reached!: () => void;
  const atKillPoint = new Promise<void>((resolve) => (reached = resolve));
  const first = await instance(arm(() => reached()));
  const summary = await reportUntilSummary();
  emulator.pressButton(wang.id, wang.id, summary.messageId, "rsum:confirm");
  await atKillPoint;
  first.kill();
  await instance();
  return summary;
}

/** One report, one tracking number for the resident, one card for staff, and nothing left to run. */
async function expectFiledOnce(): Promise<void> {
  await eventually(() => trackingNumbers().length > 0 && cards().length > 0, 20_000);
  // Nothing more comes: recovery has finished and found nothing else to run.
  await eventually(
    async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${processedUpdates} where status <> 'done'`))[0]!.n === 0,
    20_000,
  );
  expect(await reportCount()).toBe(1);
  expect(cards()).toHaveLength(1);
  expect(trackingNumbers()).toHaveLength(1);
}

async function expectConversationOver(): Promise<void> {
  // The resident is not stuck half-way: a new /report starts at step 1.
  const before = lastSeq(wang.id);
  emulator.sendText(wang.id, "/report");
  await botMessage(wang.id, before, withButton("rcat:"));
}

describe("a kill at each point of an update loses nothing and does nothing twice", () => {
  it("killed after getUpdates answered, before the batch was saved: Telegram delivers it again", async () => {
    let armed = false;
    await confirmThroughKill((reached) => ({
      afterFetch: async (updates) => {
        if (armed || !updates.some((u) => u.callback_query?.data === "rsum:confirm")) return;
        armed = true;
        reached();
        await forever();
      },
    }));
    await expectFiledOnce();
    await expectConversationOver();
  });

  it("killed after the report was written, before the reply: the next instance answers and posts the card", async () => {
    const summary = await confirmThroughKill((reached) => ({
      hangCall: (method, body) => {
        // The tracking number is an edit of the summary the resident confirmed (the staff card,
        // also naming R-000001, goes to the group by the outbox).
        if (method !== "editMessageText" || !body.includes("R-000001") || !body.includes(`"chat_id":${wang.id}`)) return false;
        reached();
        return true;
      },
    }));
    await expectFiledOnce();
    expect(trackingNumbers()[0]?.messageId).toBe(summary.messageId);
    await expectConversationOver();
  });

  it("killed after the reply, before the ledger said done: the report is not filed twice", async () => {
    let armed = false;
    await confirmThroughKill((reached) => ({
      beforeComplete: async () => {
        if (armed || trackingNumbers().length === 0) return;
        armed = true;
        reached();
        await forever();
      },
    }));
    await expectFiledOnce();
    await expectConversationOver();
  });

  it("killed after answering a step, before done: the resident's next answer waits for the rerun and is not lost", async () => {
    let reached!: () => void;
    const atKillPoint = new Promise<void>((resolve) => (reached = resolve));
    let armed = true;
    const first = await instance({
      beforeComplete: async () => {
        if (!armed) return;
        armed = false;
        reached();
        await forever();
      },
    });
    emulator.sendText(wang.id, "/report");
    await atKillPoint;
    const kinds = await botMessage(wang.id, 0, withButton("rcat:"));
    first.kill();
    await instance();
    // The resident answers at once; the instance that took over has not yet rerun /report.
    emulator.pressButton(wang.id, wang.id, kinds.messageId, buttons(kinds)[0]!.callback_data!);
    await botMessage(wang.id, kinds.seq, (m) => /^Step 2|^第 2 步/.test(m.text ?? ""), 20_000);
    emulator.sendText(wang.id, "3号楼东侧垃圾堆了三天没人清理");
    await botMessage(wang.id, lastSeq(wang.id) - 1, withButton("rdone"));
  });

  it("a clean stop hands polling over: the standby polls within seconds and nothing is handled twice", async () => {
    const first = await instance();
    const second = await instance();
    await eventually(() => first.runtime.polling() === "active" || second.runtime.polling() === "active");
    const [active, standby] = first.runtime.polling() === "active" ? [first, second] : [second, first];
    expect(standby.runtime.polling()).toBe("standby");
    await active.stop();
    world.instances.splice(world.instances.indexOf(active), 1);
    const summary = await reportUntilSummary();
    expect(standby.runtime.polling()).toBe("active");
    emulator.pressButton(wang.id, wang.id, summary.messageId, "rsum:confirm");
    await expectFiledOnce();
  });
});

describe("ledger rows", () => {
  it("keep neither the payload nor the chat once done", async () => {
    await instance();
    emulator.sendText(wang.id, "/start");
    await botMessage(wang.id, 0, () => true);
    await eventually(async () => {
      const rows = await database.db.select().from(processedUpdates).where(eq(processedUpdates.status, "done"));
      return rows.length > 0 && rows.every((row) => row.payload === null && row.chatKey === null);
    });
  });
});
