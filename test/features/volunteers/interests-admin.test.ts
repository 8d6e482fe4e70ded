import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { listInterests } from "../../../src/features/volunteers/interests.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * Admins keep the interests list: /interests shows both names with a button to take one off
 * (asked first), /interest_add 中文名 / English name adds one (or brings a removed one back);
 * staff are refused; each change is in /audit as a sentence.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const ADMIN = 58_001; // Chinese
const ANN = 58_002; // admin, English
const STAFF = 58_003;
const u = updates();
const admin = u.user(ADMIN, { languageCode: "zh-hans", firstName: "刘书记" });
const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, name, lang, role] of [
    [ADMIN, "刘书记", "zh-hans", "admin"],
    [ANN, "Ann", "en", "admin"],
    [STAFF, "Chen", "en", "staff"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
});
afterAll(() => database.close());

const names = async () => (await listInterests(database.db, home)).map((i) => i.name["zh-CN"]);

it("an admin adds and takes off interests in Chinese; bad input is answered and changes nothing; staff are refused; /audit in English", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.command(admin, "interests"));
  expect(h.telegram.lastText(ADMIN)).toBe(
    [
      "🙋 志愿者可选的服务方向（中文 / 英文）：",
      "• 腰鼓队 / Waist-drum team",
      "• 讲座值班 / Lecture duty",
      "• 环境整治 / Clean-up days",
      "• 文明劝导 / Civility guidance",
      "• 关爱老人 / Caring for the elderly",
      "点一个可将其从列表中移除（已选它的志愿者资料不变）。添加请发送 /interest_add 中文名 / English name",
    ].join("\n"),
  );
  const elderly = h.telegram.lastButtons(ADMIN).find((b) => b.text === "✖ 关爱老人")!;

  await h.send(u.command(admin, "interest_add", "垃圾分类"));
  expect(h.telegram.lastText(ADMIN)).toBe("请给出两个名称：/interest_add 中文名 / English name");
  await h.send(u.command(admin, "interest_add", `${"长".repeat(21)} / Long`));
  expect(h.telegram.lastText(ADMIN)).toBe("每种语言的名称最多 20 个字。");
  await h.send(u.command(admin, "interest_add", "垃圾分类 / Waste sorting"));
  expect(h.telegram.lastText(ADMIN)).toBe("已添加服务方向：垃圾分类 / Waste sorting");
  await h.send(u.command(admin, "interest_add", "垃圾分类 / Sorting"));
  expect(h.telegram.lastText(ADMIN)).toBe("已经有同名的服务方向了。");
  expect(await names()).toEqual(["腰鼓队", "讲座值班", "环境整治", "文明劝导", "关爱老人", "垃圾分类"]);

  await h.send(u.callback(admin, elderly.data!));
  expect(h.telegram.lastText(ADMIN)).toBe("要把这个服务方向从列表中移除吗？已选它的志愿者资料不变。");
  await h.send(u.callback(admin, h.telegram.lastButtons(ADMIN)[0]!.data!));
  expect(h.telegram.lastText(ADMIN)).toBe("✅ 已从列表中移除。");
  expect(await names()).toEqual(["腰鼓队", "讲座值班", "环境整治", "文明劝导", "垃圾分类"]);
  await h.send(u.callback(admin, elderly.data!.replace(":ask", ":yes")));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "这个服务方向已不在列表中。" });
  await h.send(u.callback(admin, "vinx:abc:yes"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.show_alert).toBe(true);

  // Staff may not; nothing changes.
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
  await h.send(u.command(staff, "interest_add", "舞蹈 / Dance"));
  expect(h.telegram.lastText(STAFF)).toBe("Sorry, only community admins can do this. Please ask an admin if it needs doing.");
  await h.send(u.callback(staff, elderly.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.show_alert).toBe(true);
  expect(await names()).toHaveLength(5);

  // Added again, a removed one comes back.
  await h.send(u.command(admin, "interest_add", "关爱老人 / Visiting the elderly"));
  expect(await names()).toEqual(["腰鼓队", "讲座值班", "环境整治", "文明劝导", "关爱老人", "垃圾分类"]);

  await h.send(u.command(ann, "audit"));
  const audit = h.telegram.lastText(ANN)!;
  expect(audit).toContain("刘书记 added the volunteer interest 垃圾分类 / Waste sorting.");
  expect(audit).toContain("刘书记 took the volunteer interest 关爱老人 / Caring for the elderly off the list.");
  expect(audit).toContain("刘书记 added the volunteer interest 关爱老人 / Visiting the elderly.");
});
