import { Composer } from "grammy";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { defaultFeatures } from "../../src/bot/create-bot.js";
import type { Feature } from "../../src/bot/feature.js";
import { requireRole } from "../../src/bot/middleware/require-role.js";
import { grantRole } from "../../src/features/accounts/service.js";
import type { GrantedRole } from "../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

/** A menu button for staff and inspectors, as the staff features declare theirs. */
const staffOnly: Feature = {
  name: "staff-only",
  menu: [{ key: "queue", labelKey: "menu-help", roles: ["staff", "inspector"], order: 50 }],
  create() {
    const composer = new Composer<BotContext>();
    composer.callbackQuery("menu:queue", requireRole("staff", "inspector"), (ctx) => ctx.answerCallbackQuery("queue opened"));
    return composer;
  },
};

let database: TestDatabase;
let home: number;
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
});
afterAll(() => database.close());
const u = updates();

async function member(id: number, roles: GrantedRole[]) {
  const h = createHarness({ db: database.db, features: [...defaultFeatures, staffOnly] });
  const user = u.user(id, { languageCode: "en" });
  await h.send(u.command(user, "start")); // joins the only community
  for (const role of roles) await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: h.clock.now() });
  h.telegram.clear();
  return { h, user };
}

const REFUSED = "Sorry, you are not allowed to do this. Please contact the community staff if you need it.";

const table: Array<[string, GrantedRole[], boolean, boolean]> = [
  // who, roles, may organise events (/newevent, /roster and their buttons: staff), may press the queue button (staff or inspector)
  ["resident", [], false, false],
  ["volunteer", ["volunteer"], false, false],
  ["inspector", ["inspector"], false, true],
  ["staff", ["staff"], true, true],
  ["admin", ["admin"], true, true],
];

it.each(table)("checks the role of a %s on every command and button", async (_who, roles, organiser, button) => {
  const id = 400 + table.findIndex((r) => r[0] === _who);
  const { h, user } = await member(id, roles);

  await h.send(u.command(user, "roster"));
  expect(h.telegram.lastText(id)).toBe(organiser ? "There are no events today or coming up. Create one with /newevent." : REFUSED);
  await h.send(u.command(user, "newevent"));
  expect(h.telegram.lastText(id)).toBe(organiser ? "🆕 A new event. What is it called? For example: 腰鼓队排练" : REFUSED);
  await h.send(u.command(user, "cancel"));
  await h.send(u.command(user, "volunteers"));
  if (organiser) expect(h.telegram.lastText(id)).toContain("👥 Volunteers");
  else expect(h.telegram.lastText(id)).toBe(REFUSED);
  await h.send(u.command(user, "cancel"));

  // A button pressed by whoever holds it: a forwarded organiser's button is refused before its data is read.
  for (const data of ["eor:1", "eom:1:p", "eox:1:ask", "eox:1:yes", "eot:1", "eoc:1", "eoq:1", "eoh:1", "eoe:1", "eoa:1", "eol"]) {
    await h.send(u.callback(user, data));
    const text = h.telegram.callbackAnswers().at(-1)?.payload.text;
    if (organiser) expect(text, data).not.toBe(REFUSED);
    else expect(text, data).toBe(REFUSED);
  }
  await h.send(u.command(user, "cancel"));

  await h.send(u.callback(user, "menu:queue"));
  const answer = h.telegram.callbackAnswers().at(-1)?.payload;
  expect(answer?.text).toBe(button ? "queue opened" : REFUSED);

  // The main menu and /help show only what the role allows.
  await h.send(u.command(user, "start"));
  expect(h.telegram.lastButtons(id).some((b) => b.data === "menu:queue")).toBe(button);
  await h.send(u.command(user, "help"));
  expect(h.telegram.lastText(id)?.includes("/roster")).toBe(organiser);
  expect(h.telegram.lastText(id)?.includes("/newevent")).toBe(organiser);
  expect(h.telegram.lastText(id)?.includes("/volunteers")).toBe(organiser);
});

const DENIED = "Sorry, you are not allowed to do this. Please contact the community staff if you need it.";
/** Volunteers and teams: each command and button by who may use it (a refusal changes nothing). */
const volunteerTable: Array<[string, GrantedRole[], Record<"profile" | "teams" | "myteam" | "team_new" | "vprof" | "tjoin" | "tleads", boolean>]> = [
  ["resident", [], { profile: false, teams: false, myteam: false, team_new: false, vprof: false, tjoin: false, tleads: false }],
  ["volunteer", ["volunteer"], { profile: true, teams: true, myteam: true, team_new: false, vprof: true, tjoin: true, tleads: false }],
  ["inspector", ["inspector"], { profile: false, teams: false, myteam: false, team_new: false, vprof: false, tjoin: false, tleads: false }],
  ["staff", ["staff"], { profile: false, teams: true, myteam: true, team_new: true, vprof: false, tjoin: false, tleads: true }],
  ["admin", ["admin"], { profile: true, teams: true, myteam: true, team_new: true, vprof: true, tjoin: true, tleads: true }],
];

it.each(volunteerTable)("volunteer and team commands and buttons check the role of a %s", async (who, roles, may) => {
  const id = 450 + volunteerTable.findIndex((r) => r[0] === who);
  const { h, user } = await member(id, roles);
  for (const command of ["profile", "teams", "myteam", "team_new"] as const) {
    await h.send(u.command(user, command));
    expect(h.telegram.lastText(id) === DENIED, `/${command}`).toBe(!may[command]);
  }
  for (const [button, data] of [
    ["vprof", "vprof:leave"],
    ["tjoin", "tjoin:999"],
    ["tleads", "tleads:999"],
    // Removing a team member: whoever may use /myteam (the leader or staff) gets past the role check.
    ["myteam", "trm:999:yes"],
  ] as const) {
    await h.send(u.callback(user, data));
    expect(h.telegram.callbackAnswers().at(-1)?.payload.text === DENIED, button).toBe(!may[button]);
  }
  // /volunteer and its menu entry are for everyone; /help lists what the role allows.
  await h.send(u.command(user, "help"));
  expect(h.telegram.lastText(id)?.includes("/volunteer")).toBe(true);
  expect(h.telegram.lastText(id)?.includes("/team_new")).toBe(may.team_new);
});

/** Lectures: who may create them, read their figures and CSV, cancel them, keep the topics. */
const lectureTable: Array<[string, GrantedRole[], { staff: boolean; admin: boolean }]> = [
  ["resident", [], { staff: false, admin: false }],
  ["volunteer", ["volunteer"], { staff: false, admin: false }],
  ["inspector", ["inspector"], { staff: false, admin: false }],
  ["staff", ["staff"], { staff: true, admin: false }],
  ["admin", ["admin"], { staff: true, admin: true }],
];

it.each(lectureTable)("lecture commands and buttons check the role of a %s", async (who, roles, may) => {
  const id = 470 + lectureTable.findIndex((r) => r[0] === who);
  const { h, user } = await member(id, roles);
  const refused = (text: string | undefined) => text === DENIED || text === "Sorry, only community admins can do this. Please ask an admin if it needs doing.";
  await h.send(u.command(user, "newlecture"));
  expect(refused(h.telegram.lastText(id)), "/newlecture").toBe(!may.staff);
  await h.send(u.command(user, "cancel"));
  await h.send(u.command(user, "lectures_csv"));
  expect(refused(h.telegram.lastText(id)), "/lectures_csv").toBe(!may.staff);
  for (const command of ["topics", "topic_add"]) {
    await h.send(u.command(user, command));
    expect(refused(h.telegram.lastText(id)), `/${command}`).toBe(!may.admin);
  }
  for (const [data, allowed] of [
    ["ldr:999:stats", may.staff],
    ["ldr:999:cancel", may.staff],
    ["ldr:999:confirm", may.staff],
    ["ltr:999:yes", may.admin],
  ] as const) {
    await h.send(u.callback(user, data));
    expect(refused(h.telegram.callbackAnswers().at(-1)?.payload.text), data).toBe(!allowed);
  }
  // Everyone may read the lectures and their own registrations; /help lists /newlecture for staff only.
  await h.send(u.command(user, "lectures"));
  expect(h.telegram.lastText(id)).toContain("No lectures are coming up");
  await h.send(u.command(user, "help"));
  expect(h.telegram.lastText(id)?.includes("/newlecture")).toBe(may.staff);
  expect(h.telegram.lastText(id)?.includes("/mylectures")).toBe(true);
});

/** The volunteer interests list: admins only, its commands and its button. */
const interestTable: Array<[string, GrantedRole[], boolean]> = [
  ["resident", [], false],
  ["volunteer", ["volunteer"], false],
  ["staff", ["staff"], false],
  ["admin", ["admin"], true],
];

it.each(interestTable)("interest commands and buttons check the role of a %s", async (who, roles, admin) => {
  const id = 530 + interestTable.findIndex((r) => r[0] === who);
  const { h, user } = await member(id, roles);
  const refused = (text: string | undefined) => text === DENIED || text === "Sorry, only community admins can do this. Please ask an admin if it needs doing.";
  for (const command of ["interests", "interest_add"]) {
    await h.send(u.command(user, command));
    expect(refused(h.telegram.lastText(id)), `/${command}`).toBe(!admin);
  }
  await h.send(u.callback(user, "vinx:999:yes"));
  expect(refused(h.telegram.callbackAnswers().at(-1)?.payload.text), "vinx").toBe(!admin);
});
