import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { communities, userRoles, volunteerApplications } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const STAFF = 41_001;
const WANG = 41_002; // Chinese
const ANN = 41_003; // English
const u = updates();
const group = u.group(-100_777);

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  const at = new Date("2026-05-01T02:00:00Z");
  await recordUser(database.db, { id: STAFF, firstName: "陈主任", languageCode: "zh-hans" }, at);
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at });
  await database.db.update(communities).set({ staffGroupChatId: group.id }).where(eq(communities.id, home));
});
afterAll(() => database.close());

const volunteerRole = async (id: number) => (await database.db.select().from(userRoles).where(eq(userRoles.userId, id))).some((r) => r.role === "volunteer");

/** Someone else's contact card, forwarded: not the sender's consent. */
function othersContact(from: ReturnType<typeof u.user>): Update {
  const update = u.contact(from);
  update.message!.contact!.user_id = 99_999;
  return update;
}

it("a resident applies in Chinese, staff approve from the group card (edited in place), a second press changes nothing", async () => {
  const h = createHarness({ db: database.db });
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王" });
  await h.send(u.command(wang, "start"));
  expect(h.telegram.lastButtons(WANG).some((b) => b.data === "menu:volunteer")).toBe(true);

  await h.send(u.callback(wang, "menu:volunteer"));
  expect(h.telegram.lastText(WANG)).toContain("1/4");
  await h.send(u.text(wang, "王阿姨".repeat(20))); // over-long
  expect(h.telegram.lastText(WANG)).toBe("这个称呼太长了，请发不超过 30 个字的称呼。");
  await h.send(u.text(wang, "王阿姨"));
  expect(h.telegram.lastText(WANG)).toContain("2/4");
  const drum = h.telegram.lastButtons(WANG).find((b) => b.text.includes("腰鼓队"))!;
  await h.send(u.callback(wang, drum.data!));
  expect(h.telegram.lastButtons(WANG).find((b) => b.data === drum.data)?.text).toBe("✅ 腰鼓队");
  await h.send(u.callback(wang, "vdone"));
  expect(h.telegram.lastText(WANG)).toContain("3/4");
  await h.send(u.callback(wang, "vtime:weekend"));
  await h.send(u.callback(wang, "vdone"));
  expect(h.telegram.lastText(WANG)).toContain("4/4");
  await h.send(othersContact(wang));
  expect(h.telegram.lastText(WANG)).toBe("这是别人的名片。请用按钮分享您本人的号码，或点“跳过”。");
  await h.send(u.contact(wang));
  expect(h.telegram.lastText(WANG)).toBe("✅ 谢谢您！申请已交给社区工作人员，结果会在这里通知您。");

  // One card in the staff group, with the phone (staff only) and Approve / Decline.
  const card = h.telegram.lastText(group.id)!;
  expect(card).toContain("称呼：王阿姨");
  expect(card).toContain("电话：+8613800000000");
  expect(card).toContain("意向：腰鼓队");
  expect(card).toContain("有空：周末");
  const approve = h.telegram.lastButtons(group.id).find((b) => b.text === "✅ 通过")!;

  // Applying again while it waits is refused politely.
  await h.send(u.command(wang, "volunteer"));
  expect(h.telegram.lastText(WANG)).toBe("您的申请已交给社区工作人员，请耐心等待答复。");

  // A forged approve from a resident in the group changes nothing.
  const stranger = u.user(41_099, { languageCode: "en" });
  await h.send(u.callback(stranger, approve.data!, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect(await volunteerRole(WANG)).toBe(false);

  const staff = u.user(STAFF, { languageCode: "zh-hans", firstName: "陈主任" });
  await h.send(u.callback(staff, approve.data!, 1, group));
  expect(await volunteerRole(WANG)).toBe(true);
  expect(h.telegram.lastText(group.id)).toContain("✅ 已由 陈主任 通过");
  expect(h.telegram.lastText(WANG)).toContain("🎉 欢迎加入志愿者队伍！");
  // Deciding twice is refused and changes nothing.
  await h.send(u.callback(staff, `vapp:${approve.data!.split(":")[1]}:d`, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "这件事已经处理过了，没有做任何改动。" });
  const [app] = await database.db.select().from(volunteerApplications).where(eq(volunteerApplications.userId, WANG));
  expect(app?.status).toBe("approved");

  // A volunteer no longer sees "become a volunteer"; /profile shows what she gave.
  await h.send(u.command(wang, "start"));
  expect(h.telegram.lastButtons(WANG).some((b) => b.data === "menu:volunteer")).toBe(false);
  await h.send(u.command(wang, "profile"));
  expect(h.telegram.lastText(WANG)).toBe("🙋 您的志愿者资料\n称呼：王阿姨\n意向：腰鼓队\n有空：周末\n电话（仅工作人员可见）：+8613800000000");
});

it("a volunteer by invite fills in a profile in English, joins a team the leader approves, and steps down", async () => {
  const h = createHarness({ db: database.db });
  const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
  await h.send(u.command(ann, "start"));
  await grantRole(database.db, { userId: ANN, communityId: home, role: "volunteer", grantedBy: STAFF, at: h.clock.now() });

  await h.send(u.command(ann, "profile"));
  expect(h.telegram.lastText(ANN)).toContain("your profile is empty");
  await h.send(u.callback(ann, "vprof:edit"));
  await h.send(u.text(ann, "Ann"));
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toContain("▫️ Waist-drum team");
  await h.send(u.callback(ann, "vdone"));
  await h.send(u.callback(ann, "vtime:weekday_evening"));
  await h.send(u.callback(ann, "vdone"));
  await h.send(u.text(ann, "Skip"));
  expect(h.telegram.lastText(ANN)).toBe("✅ Your profile is saved. See /profile.");
  await h.send(u.command(ann, "profile"));
  expect(h.telegram.lastText(ANN)).toBe("🙋 Your volunteer profile\nName: Ann\nInterests: —\nFree: Weekday evenings\nPhone (staff only): —");

  // Staff create the drum team and make Wang its leader.
  const staff = u.user(STAFF, { languageCode: "zh-hans", firstName: "陈主任" });
  await h.send(u.command(staff, "team_new", "腰鼓队"));
  expect(h.telegram.texts(STAFF).at(-2)).toBe("✅ 已建立队伍：腰鼓队。");
  const lead = h.telegram.lastButtons(STAFF).find((b) => b.text === "王阿姨")!;
  await h.send(u.callback(staff, lead.data!));
  expect(h.telegram.lastText(STAFF)).toBe("✅ 队长已设置。");
  await h.send(u.command(staff, "team_new", "腰鼓队"));
  expect(h.telegram.lastText(STAFF)).toBe("已经有同名的队伍了。");

  // Ann asks to join; the request reaches Wang in Chinese; Ann cannot approve herself.
  await h.send(u.command(ann, "teams"));
  expect(h.telegram.lastText(ANN)).toBe("👥 Teams:\n• 腰鼓队: leader 王阿姨, 0 members");
  const join = h.telegram.lastButtons(ANN).find((b) => b.text === "➕ Join 腰鼓队")!;
  await h.send(u.callback(ann, join.data!));
  expect(h.telegram.lastText(ANN)).toBe("✅ Your request has gone to the team leader.");
  await h.send(u.callback(ann, join.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "You are already in this team or have asked to join it." });
  expect(h.telegram.lastText(WANG)).toBe("👥 Ann 申请加入腰鼓队。");
  const approve = h.telegram.lastButtons(WANG).find((b) => b.text === "✅ 通过")!;
  await h.send(u.callback(ann, approve.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({
    show_alert: true,
    text: "Only the team's leader or the community staff can decide this.",
  });
  const wang = u.user(WANG, { languageCode: "zh-hans" });
  await h.send(u.callback(wang, approve.data!));
  expect(h.telegram.lastText(ANN)).toBe("🎉 You are now a member of 腰鼓队.");

  // The leader sees first names; staff see phones too.
  await h.send(u.command(wang, "myteam"));
  expect(h.telegram.lastText(WANG)).toBe("👥 腰鼓队：1 名队员\n1. Ann");
  await h.send(u.command(staff, "myteam"));
  expect(h.telegram.lastText(STAFF)).toBe("👥 腰鼓队：1 名队员\n1. Ann（Ann，—）");
  await h.send(u.command(ann, "myteam"));
  expect(h.telegram.lastText(ANN)).toBe("You do not lead a team. See /teams.");

  // Ann steps down after confirming: the role and the team go.
  await h.send(u.callback(ann, "vprof:leave"));
  expect(h.telegram.lastText(ANN)).toContain("Do you really want to step down");
  await h.send(u.callback(ann, "vprof:leave-yes"));
  expect(h.telegram.lastText(ANN)).toContain("You are no longer a volunteer.");
  expect(await volunteerRole(ANN)).toBe(false);
  await h.send(u.command(wang, "myteam"));
  expect(h.telegram.lastText(WANG)).toBe("👥 腰鼓队：0 名队员");
});
