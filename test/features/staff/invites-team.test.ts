import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, userRoles } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { revokeRole } from "../../../src/features/staff/team.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const ADMIN = 3001;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: ADMIN, firstName: "Admin", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: ADMIN, communityId: home, role: "admin", grantedBy: null, at: new Date() });
});
afterAll(() => database.close());

const rolesOf = async (id: number) => (await database.db.select().from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role);

async function invite(h: Harness, role: string): Promise<string> {
  await h.send(u.command(u.user(ADMIN, { languageCode: "en" }), "invite", role));
  const text = h.telegram.lastText(ADMIN)!;
  const link = /https:\/\/t\.me\/community_test_bot\?start=(inv_[A-Za-z0-9_-]+)/.exec(text);
  expect(link, text).not.toBeNull();
  return link![1]!;
}

it("an admin's invite link makes whoever opens it staff, once, within 48 hours", async () => {
  const h = createHarness({ db: database.db });
  const payload = await invite(h, "staff");
  expect(h.telegram.lastText(ADMIN)).toContain('Invite link for the role "community staff": it works once');
  await h.send(u.command(u.user(3100, { languageCode: "en" }), "start", payload));
  expect(h.telegram.lastText(3100)).toBe('Welcome! You now have the role "community staff" in "幸福社区". Send /start to see what you can do.');
  expect(await rolesOf(3100)).toEqual(["staff"]);
  // Their own command menu now shows what staff can do.
  const menu = h.telegram.callsOf("setMyCommands").at(-1)!.payload;
  expect(menu.scope).toEqual({ type: "chat", chat_id: 3100 });
  expect(menu.commands.map((c: { command: string }) => c.command)).toContain("team");
  // Used: the next person gets a refusal.
  await h.send(u.command(u.user(3101, { languageCode: "en" }), "start", payload));
  expect(h.telegram.lastText(3101)).toBe("This invite link has already been used. Please ask an admin for a new one.");
  expect(await rolesOf(3101)).toEqual([]);

  const late = await invite(h, "inspector");
  h.clock.advance(48 * 3600_000 + 1);
  await h.send(u.command(u.user(3102, { languageCode: "en" }), "start", late));
  expect(h.telegram.lastText(3102)).toBe("This invite link has expired. Please ask an admin for a new one.");
  await h.send(u.command(u.user(3103, { languageCode: "en" }), "start", "inv_forgedtoken123"));
  expect(h.telegram.lastText(3103)).toBe("This invite link is not valid. Please ask an admin for a new one.");
  expect(await rolesOf(3102)).toEqual([]);
  expect((await database.db.select().from(auditLog).where(eq(auditLog.action, "invite.redeem"))).map((a) => a.actorId)).toEqual([3100]);
});

it("gives one role when two people open the same link at once", async () => {
  const h = createHarness({ db: database.db });
  const payload = await invite(h, "inspector");
  await Promise.all([
    h.send(u.command(u.user(3110, { languageCode: "en" }), "start", payload)),
    h.send(u.command(u.user(3111, { languageCode: "en" }), "start", payload)),
  ]);
  const granted = [...(await rolesOf(3110)), ...(await rolesOf(3111))];
  expect(granted).toEqual(["inspector"]);
});

it("refuses /invite to non-admins and explains the usage", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(3120, { languageCode: "en" }), "invite", "admin"));
  expect(h.telegram.lastText(3120)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  await h.send(u.command(u.user(ADMIN, { languageCode: "en" }), "invite", "king"));
  expect(h.telegram.lastText(ADMIN)).toBe("Usage: /invite staff, /invite inspector, /invite admin or /invite volunteer.");
});

it("/team lists members; an admin revokes a role after confirming, but never the last admin", async () => {
  const h = createHarness({ db: database.db });
  await recordUser(database.db, { id: 3130, firstName: "Chen", username: "chen" }, new Date());
  await grantRole(database.db, { userId: 3130, communityId: home, role: "inspector", grantedBy: ADMIN, at: new Date() });
  const admin = u.user(ADMIN, { languageCode: "en" });
  await h.send(u.command(admin, "team"));
  expect(h.telegram.lastText(ADMIN)).toContain("• Chen @chen: inspector");
  const revoke = h.telegram.lastButtons(ADMIN).find((b) => b.text === "Revoke inspector from Chen")!;
  await h.send(u.callback(admin, revoke.data!));
  expect(h.telegram.lastText(ADMIN)).toBe('Revoke the role "inspector"?');
  await h.send(u.callback(admin, `trv-ok:3130:inspector`));
  expect(h.telegram.lastText(ADMIN)).toBe("Revoked.");
  expect(await rolesOf(3130)).toEqual([]);
  expect(
    h.telegram
      .callsOf("setMyCommands")
      .at(-1)!
      .payload.commands.map((c: { command: string }) => c.command),
  ).not.toContain("tasks");
  expect((await database.db.select().from(auditLog).where(eq(auditLog.action, "role.revoke")))[0]).toMatchObject({ actorId: ADMIN, subject: "user:3130" });

  // A resident cannot press a forwarded revoke button; the last admin cannot be removed.
  await h.send(u.callback(u.user(3131, { languageCode: "en" }), `trv-ok:${ADMIN}:admin`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect(await revokeRole(database.db, { communityId: home, userId: ADMIN, role: "admin", actorId: 3100, at: new Date() })).toEqual({
    ok: false,
    reason: "last-admin",
  });
  expect(await rolesOf(ADMIN)).toEqual(["admin"]);
});

it("/audit shows admins each recent staff action as a sentence in their language, and nobody else", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(ADMIN, { languageCode: "en" }), "audit"));
  const lines = h.telegram.lastText(ADMIN)!.split("\n");
  expect(lines[0]).toBe("Recent staff actions (newest first):");
  expect(lines).toContain('• 2026-05-01 10:00 User3001 took the role "inspector" from Chen.');
  expect(lines).toContain('• 2026-05-01 10:00 User3001 created an invite link for the role "community staff".');
  expect(lines).toContain("• 2026-05-01 10:00 User3100 joined as community staff through an invite link.");
  // Sentences, not the stored action names and JSON.
  expect(lines.join("\n")).not.toMatch(/role\.revoke|invite\.create|[{}→]/);
  await h.send(u.command(u.user(ADMIN, { languageCode: "zh-hans" }), "audit"));
  expect(h.telegram.lastText(ADMIN)!.split("\n")).toContain("• 2026-05-01 10:00 User3001 撤销了 Chen 的“督查员”身份。");
  await h.send(u.command(u.user(3100, { languageCode: "en" }), "audit"));
  expect(h.telegram.lastText(3100)).toBe("Sorry, only community admins can do this. Please ask an admin if it needs doing.");
});

it("/templates lists the standard replies; admins add and retire them", async () => {
  const h = createHarness({ db: database.db });
  await recordUser(database.db, { id: 3140, firstName: "Staff", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: 3140, communityId: home, role: "staff", grantedBy: null, at: new Date() });
  const { seedDefaultTemplates } = await import("../../../src/features/staff/templates.js");
  await seedDefaultTemplates(database.db, home, (l, k) => h.i18n.t(l, k));
  const admin = u.user(ADMIN, { languageCode: "en" });
  await h.send(u.command(admin, "templates", "reject 已移交城管 | Passed to city management"));
  expect(h.telegram.lastText(ADMIN)).toBe("Added.");
  await h.send(u.command(admin, "templates", "reject only one language"));
  expect(h.telegram.lastText(ADMIN)).toBe("To add a standard reply: /templates reject 中文 | English (or resolve)");
  await h.send(u.command(u.user(3140, { languageCode: "en" }), "templates", "reject a | b"));
  expect(h.telegram.lastText(3140)).toBe("Sorry, only community admins can do this. Please ask an admin if it needs doing.");
  await h.send(u.command(u.user(3140, { languageCode: "en" }), "templates"));
  expect(h.telegram.lastText(3140)).toContain("• Passed to city management");
  await h.send(u.command(admin, "templates"));
  const retire = h.telegram.lastButtons(ADMIN).find((b) => b.text.startsWith("Retire: Passed to city"))!;
  await h.send(u.callback(admin, retire.data!));
  await h.send(u.command(admin, "templates"));
  expect(h.telegram.lastText(ADMIN)).not.toContain("Passed to city management");
});
