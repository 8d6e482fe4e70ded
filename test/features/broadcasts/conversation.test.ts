import { sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { defaultFeatures } from "../../../src/bot/create-bot.js";
import { broadcasts, reportCategories } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { areaButton, audienceButton, previewAction, stopButton } from "../../../src/features/broadcasts/keyboards.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";
import { broadcastRunner, resetBroadcasts, seedResidents } from "./helpers.js";

let database: TestDatabase;
let home: number;
const STAFF = 5001;
const RESIDENT = 5002;
const u = updates();
const staff = u.user(STAFF, { languageCode: "en" });
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: STAFF, firstName: "Staff", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: new Date() });
  await recordUser(database.db, { id: RESIDENT, firstName: "Ann", languageCode: "en" }, new Date());
  await seedResidents(database.db, home, 100_000, 20);
});
afterAll(() => database.close());
beforeEach(() => resetBroadcasts(database.db));

const harness = () => createHarness({ db: database.db, features: defaultFeatures });
const buttons = (h: Harness) => h.telegram.lastButtons(STAFF);
const press = (h: Harness, data: string) => h.send(u.callback(staff, data));

function withEntities(update: Update, entities: Array<{ type: string; offset: number; length: number }>): Update {
  (update.message as { entities?: unknown }).entities = entities;
  return update;
}

function photo(caption: string, entities: Array<{ type: string; offset: number; length: number }> = []): Update {
  const update = u.photo(staff, { caption });
  (update.message as { caption_entities?: unknown }).caption_entities = entities;
  return update;
}

it("composes, previews exactly, toggles urgent, sends now; the job delivers to every resident", async () => {
  const h = harness();
  await h.send(u.command(staff, "broadcast"));
  expect(h.telegram.lastText(STAFF)).toBe("Who should receive it?");
  expect(buttons(h).map((b) => b.text)).toEqual(["👥 All residents", "🙋 Volunteers", "🧹 Inspectors and staff", "📍 Residents of one area", "Cancel"]);
  await press(h, audienceButton.pack({ audience: "all" }));
  expect(h.telegram.lastText(STAFF)).toBe(
    "Send the notice: text (formatting is kept, at most 4000 characters), or one photo with a caption (at most 928 characters).",
  );
  const entities = [
    { type: "bold", offset: 0, length: 4 },
    { type: "italic", offset: 5, length: 5 },
  ];
  await h.send(withEntities(u.text(staff, "停水通知 Water off tomorrow 9-12"), entities));
  const sent = h.telegram.sent(STAFF).slice(-3);
  expect(sent[0]!.payload.text).toBe("Preview: recipients will see the next message, its heading in their own language.");
  expect(sent[1]!.payload).toMatchObject({ text: "📢 Community notice · 幸福社区 (community staff)\n\n停水通知 Water off tomorrow 9-12" });
  // Everyone in the community: 20 residents, Ann and the staff member.
  expect(sent[2]!.payload.text).toBe("It will go to 22 people (👥 All residents). Sending pauses during quiet hours (21:00–08:00) and resumes in the morning.");
  expect(buttons(h).map((b) => b.data)).toEqual([
    previewAction.pack({ action: "now" }),
    previewAction.pack({ action: "schedule" }),
    previewAction.pack({ action: "urgent" }),
    previewAction.pack({ action: "cancel" }),
  ]);
  await press(h, previewAction.pack({ action: "urgent" }));
  expect(h.telegram.lastText(STAFF)).toBe("It will go to 22 people (👥 All residents). ⚠️ Urgent: delivered during quiet hours too.");
  await press(h, previewAction.pack({ action: "now" }));
  const [row] = await database.db.select().from(broadcasts);
  expect(row).toMatchObject({
    status: "scheduled",
    urgent: true,
    audience: "all",
    text: "停水通知 Water off tomorrow 9-12",
    entities,
    progressChatId: STAFF,
    progressLocale: "en",
  });
  expect(h.telegram.lastText(STAFF)).toBe(`Sending has started (#${row!.id}); progress appears below.`);

  // The start writes one outbox row per recipient; the outbox sends each in its person's language.
  h.telegram.clear();
  await broadcastRunner(database.db, h.clock).tick();
  await h.flush();
  const delivered = h.telegram.callsOf("sendMessage").filter((c) => String(c.payload.text).endsWith("停水通知 Water off tomorrow 9-12"));
  expect(delivered).toHaveLength(22);
  const heading = "📢 Community notice · 幸福社区 (community staff)";
  const toStaff = delivered.find((c) => c.payload.chat_id === STAFF)!;
  expect(toStaff.payload.text).toBe(`${heading}\n\n停水通知 Water off tomorrow 9-12`);
  // What staff formatted stays on the same words, after the heading.
  expect(toStaff.payload.entities).toEqual([
    { type: "bold", offset: 0, length: heading.length },
    ...entities.map((e) => ({ ...e, offset: e.offset + heading.length + 2 })),
  ]);
  const toResident = delivered.find((c) => c.payload.chat_id === 100_000)!;
  expect(toResident.payload.text).toBe("📢 社区通知 · 幸福社区（社区工作人员）\n\n停水通知 Water off tomorrow 9-12");
  await broadcastRunner(database.db, h.clock).tick(); // nothing left: done
  await h.flush();
  expect(h.telegram.lastText(STAFF)).toBe(`✅ Broadcast #${row!.id} finished: sent 22, failed 0, skipped 0 (of 22).`);
  // One progress message, edited in place.
  expect(h.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === STAFF && String(c.payload.text).includes(`#${row!.id}`))).toHaveLength(1);
  expect(h.telegram.callsOf("editMessageText").filter((c) => c.payload.chat_id === STAFF).length).toBeGreaterThan(0);

  // /broadcasts lists it with its figures.
  await h.send(u.command(staff, "broadcasts"));
  expect(h.telegram.lastText(STAFF)).toMatch(
    new RegExp(
      `^Latest broadcasts \\(1\\):\\n#${row!.id} ✅ done \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d · 👥 All residents · sent 22 / failed 0 / skipped 0 / left 0 · 停水通知 Water off tomorrow 9-12$`,
    ),
  );
});

it("refuses an empty or over-long message with the limit, and an over-long caption; takes a photo", async () => {
  const h = harness();
  await h.send(u.command(staff, "broadcast"));
  await press(h, audienceButton.pack({ audience: "all" }));
  await h.send(u.text(staff, "   "));
  expect(h.telegram.lastText(STAFF)).toBe("The notice cannot be empty. Please send it again.");
  // Telegram's limits less the room the recipients' heading takes.
  await h.send(u.text(staff, "长".repeat(4001)));
  expect(h.telegram.lastText(STAFF)).toBe("The text is too long: at most 4000 characters, this one has 4001. Please shorten it and send it again.");
  await h.send(photo("x".repeat(929)));
  expect(h.telegram.lastText(STAFF)).toBe("The caption is too long: at most 928 characters, this one has 929. Please shorten it and send it again.");
  await h.send(u.sticker(staff));
  expect(h.telegram.lastText(STAFF)).toBe("Please send text, or one photo.");
  const entities = [{ type: "underline", offset: 0, length: 3 }];
  await h.send(photo("垃圾站 moves to Gate 2", entities));
  const preview = h.telegram.callsOf("sendPhoto").at(-1)!;
  const headed = "📢 Community notice · 幸福社区 (community staff)";
  expect(preview.payload).toMatchObject({
    chat_id: STAFF,
    caption: `${headed}\n\n垃圾站 moves to Gate 2`,
    caption_entities: [
      { type: "bold", offset: 0, length: headed.length },
      { type: "underline", offset: headed.length + 2, length: 3 },
    ],
  });
  expect(preview.payload.photo).toMatch(/^large-/);
  await press(h, previewAction.pack({ action: "cancel" }));
  expect(h.telegram.lastText(STAFF)).toBe("Cancelled; nothing was sent.");
  expect(await database.db.select().from(broadcasts)).toEqual([]);
});

it("schedules in the community's time zone; refuses bad, past and too distant times; /broadcasts cancels it", async () => {
  const h = harness(); // the clock: 2026-05-01 10:00 in Shanghai
  await h.send(u.command(staff, "broadcast"));
  await press(h, audienceButton.pack({ audience: "team" }));
  await h.send(u.text(staff, "Staff meeting at 3 pm"));
  expect(h.telegram.sent(STAFF).at(-1)!.payload.text).toMatch(/^It will go to 1 person \(🧹 Inspectors and staff\)/);
  await press(h, previewAction.pack({ action: "schedule" }));
  expect(h.telegram.lastText(STAFF)).toBe("When should it go? Type YYYY-MM-DD HH:mm (Asia/Shanghai time), e.g. 2026-05-02 09:00.");
  await h.send(u.text(staff, "tomorrow morning"));
  expect(h.telegram.lastText(STAFF)).toBe("That is not a date and time. Please type YYYY-MM-DD HH:mm, e.g. 2026-05-02 09:00.");
  await h.send(u.text(staff, "2026-02-30 09:00"));
  expect(h.telegram.lastText(STAFF)).toBe("That is not a date and time. Please type YYYY-MM-DD HH:mm, e.g. 2026-05-02 09:00.");
  await h.send(u.text(staff, "2026-05-01 09:59"));
  expect(h.telegram.lastText(STAFF)).toBe("That time has passed. Please give a time in the future.");
  await h.send(u.text(staff, "2026-07-31 10:01"));
  expect(h.telegram.lastText(STAFF)).toBe("A broadcast can be scheduled at most 90 days ahead. Please give an earlier time.");
  await h.send(u.text(staff, "2026-05-02 09:00"));
  const [row] = await database.db.select().from(broadcasts);
  expect(row!.runAt).toEqual(new Date("2026-05-02T01:00:00Z"));
  expect(h.telegram.lastText(STAFF)).toBe(`Scheduled (#${row!.id}) for 2026-05-02 09:00. See or cancel it with /broadcasts.`);

  await h.send(u.command(staff, "broadcasts"));
  expect(h.telegram.lastText(STAFF)).toContain(
    `#${row!.id} 🕒 scheduled 2026-05-02 09:00 · 🧹 Inspectors and staff · sent 0 / failed 0 / skipped 0 / left 0 · Staff meeting at 3 pm`,
  );
  expect(buttons(h)).toEqual([{ text: `Cancel #${row!.id}`, data: stopButton.pack({ id: row!.id }), url: undefined }]);
  // A resident cannot press it.
  await h.send(u.callback(u.user(RESIDENT, { languageCode: "en" }), stopButton.pack({ id: row!.id })));
  expect(h.telegram.callbackAnswers().at(-1)!.payload).toMatchObject({
    show_alert: true,
    text: "Sorry, you are not allowed to do this. Please contact the community staff if you need it.",
  });
  await press(h, stopButton.pack({ id: row!.id }));
  expect(h.telegram.callbackAnswers().at(-1)!.payload.text).toBe("Stopping…");
  expect((await database.db.select().from(broadcasts))[0]!.status).toBe("cancelled");
  expect(h.telegram.lastText(STAFF)).toBe(`⛔ Broadcast #${row!.id} stopped: sent 0, failed 0, skipped 0 (of 0).`);
});

it("refuses non-staff, and says so when the audience is empty", async () => {
  const h = harness();
  await h.send(u.command(u.user(RESIDENT, { languageCode: "en" }), "broadcast"));
  expect(h.telegram.lastText(RESIDENT)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  await h.send(u.command(u.user(RESIDENT, { languageCode: "en" }), "broadcasts"));
  expect(h.telegram.lastText(RESIDENT)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  await h.send(u.command(staff, "broadcast"));
  await press(h, audienceButton.pack({ audience: "volunteers" }));
  expect(h.telegram.lastText(STAFF)).toBe("Nobody in this audience can receive messages; nothing will be sent.");
  expect(await database.db.select().from(broadcasts)).toEqual([]);
});

it("one area: residents whose latest report was in it", async () => {
  const h = harness();
  await h.send(u.command(staff, "broadcast"));
  await press(h, audienceButton.pack({ audience: "area" }));
  expect(h.telegram.lastText(STAFF)).toBe("No areas are set up yet. Please choose another audience.");
  const [area] = await database.db
    .execute(sql`insert into areas (community_id, name) values (${home}, '一组') returning id`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ id: number }>);
  const [other] = await database.db
    .execute(sql`insert into areas (community_id, name) values (${home}, '二组') returning id`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ id: number }>);
  const [category] = await database.db.select().from(reportCategories).limit(1);
  const report = (n: number, reporter: number, areaId: number, at: string) =>
    database.db.execute(sql`insert into reports (community_id, number, category_id, reporter_id, area_id, created_at, updated_at)
      values (${home}, ${n}, ${category!.id}, ${reporter}, ${areaId}, ${at}::timestamptz, ${at}::timestamptz)`);
  await report(1, 100_001, area!.id, "2026-04-01T00:00:00Z");
  await report(2, 100_002, other!.id, "2026-04-01T00:00:00Z");
  await report(3, 100_002, area!.id, "2026-04-02T00:00:00Z"); // latest in 一组
  await report(4, 100_003, area!.id, "2026-04-01T00:00:00Z");
  await report(5, 100_003, other!.id, "2026-04-03T00:00:00Z"); // latest in 二组
  await press(h, audienceButton.pack({ audience: "area" }));
  expect(h.telegram.lastText(STAFF)).toBe("Which area? (Residents whose latest report was in it.)");
  await press(h, areaButton.pack({ area: area!.id }));
  await h.send(u.text(staff, "Clean-up day on Saturday"));
  expect(h.telegram.sent(STAFF).at(-1)!.payload.text).toMatch(/^It will go to 2 people \(📍 Residents of one area: 一组\)/);
});
