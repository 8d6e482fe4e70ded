import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, teamMembers, teams } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { isTeamMember } from "../../../src/features/volunteers/teams.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * Removing a team member: the leader (in Chinese) or staff (in English) from /myteam, asked
 * first; the person is told in their language, the removal is audited; another member, a
 * forged id or a second press changes nothing.
 */
let database: TestDatabase;
let home: number;
let teamId: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const LEAD = 57_001; // leader, Chinese
const STAFF = 57_002; // staff, English, admin too (for /audit)
const WANG = 57_003; // member, Chinese
const BOB = 57_004; // member, English
const u = updates();
const lead = u.user(LEAD, { languageCode: "zh-hans", firstName: "李队长" });
const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
const membership: Record<number, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  home = (await seedDefaultCommunity(db)).id;
  for (const [id, name, lang, roles] of [
    [LEAD, "李队长", "zh-hans", ["volunteer"]],
    [STAFF, "Chen", "en", ["staff", "admin"]],
    [WANG, "王芳", "zh-hans", ["volunteer"]],
    [BOB, "Bob", "en", ["volunteer"]],
  ] as const) {
    await recordUser(db, { id, firstName: name, languageCode: lang }, T0);
    for (const role of roles) await grantRole(db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
  const [team] = await db.insert(teams).values({ communityId: home, name: "腰鼓队", leaderId: LEAD, createdAt: T0 }).returning();
  teamId = team!.id;
  for (const userId of [WANG, BOB]) {
    const [row] = await db.insert(teamMembers).values({ teamId, userId, status: "approved", requestedAt: T0 }).returning();
    membership[userId] = row!.id;
  }
});
afterAll(() => database.close());

it("the leader removes a member from /myteam in Chinese, asked first; the member is told in English; a member cannot remove anyone", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.command(lead, "myteam"));
  expect(h.telegram.lastButtons(LEAD).map((b) => [b.text, b.data])).toEqual([
    ["➖ 王芳（腰鼓队）", `trm:${membership[WANG]}:ask`],
    ["➖ Bob（腰鼓队）", `trm:${membership[BOB]}:ask`],
  ]);
  // A member pressing a forwarded button: refused, nothing changes.
  await h.send(u.callback(u.user(WANG, { languageCode: "zh-hans", firstName: "王芳" }), `trm:${membership[BOB]}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "只有队长或社区工作人员可以处理。" });
  await h.send(u.callback(lead, `trm:${membership[BOB]}:ask`));
  expect(h.telegram.lastText(LEAD)).toBe("要把 Bob 移出「腰鼓队」吗？会通知 TA。");
  await h.send(u.callback(lead, `trm:${membership[BOB]}:no`));
  expect(h.telegram.lastText(LEAD)).toBe("没有任何改动。");
  expect(await isTeamMember(database.db, teamId, BOB)).toBe(true);
  await h.send(u.callback(lead, `trm:${membership[BOB]}:yes`));
  expect(h.telegram.lastText(LEAD)).toBe("✅ Bob 已不在「腰鼓队」。");
  expect(h.telegram.lastText(BOB)).toBe("You are no longer a member of 腰鼓队. Ask the team's leader or the community staff if you think this is a mistake.");
  expect(await isTeamMember(database.db, teamId, BOB)).toBe(false);
  // Twice, or a forged id: polite, nothing more happens.
  await h.send(u.callback(lead, `trm:${membership[BOB]}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "TA 已经不是这个团队的成员了。" });
  await h.send(u.callback(lead, "trm:99999999:yes"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.show_alert).toBe(true);
  await h.send(u.callback(lead, `trm:${membership[WANG]}:maybe`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.show_alert).toBe(true);
  expect(h.telegram.texts(BOB)).toHaveLength(1);
});

it("staff remove a member in English; /audit tells both removals", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.command(staff, "myteam"));
  expect(h.telegram.lastButtons(STAFF).map((b) => b.text)).toEqual(["➖ 王芳 (腰鼓队)"]);
  await h.send(u.callback(staff, `trm:${membership[WANG]}:ask`));
  expect(h.telegram.lastText(STAFF)).toBe("Remove 王芳 from 腰鼓队? They will be told.");
  await h.send(u.callback(staff, `trm:${membership[WANG]}:yes`));
  expect(h.telegram.lastText(STAFF)).toBe("✅ 王芳 is no longer in 腰鼓队.");
  expect(h.telegram.lastText(WANG)).toBe("您已不再是「腰鼓队」的成员。如有疑问，请联系团队负责人或社区工作人员。");
  expect(
    (await database.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId)).orderBy(teamMembers.id)).map((m) => [m.userId, m.status, m.decidedBy]),
  ).toEqual([
    [WANG, "left", STAFF],
    [BOB, "left", LEAD],
  ]);
  await h.send(u.command(staff, "audit"));
  expect(h.telegram.lastText(STAFF)).toContain("Chen removed 王芳 from the team 腰鼓队.");
  expect(h.telegram.lastText(STAFF)).toContain("李队长 removed Bob from the team 腰鼓队.");
  expect(await database.db.$count(auditLog)).toBe(2);
});
