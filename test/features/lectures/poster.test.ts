import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { cjkFont, lecturePosterPdf, type PosterText } from "../../../src/features/lectures/poster.js";
import { createLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { telegramWithUploads } from "../../helpers/uploads.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const START = new Date("2026-05-04T06:00:00Z");
const STAFF = 59_001;
const WANG = 59_002;
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: STAFF, firstName: "陈主任", languageCode: "zh-hans" }, T0);
  await recordUser(database.db, { id: WANG, firstName: "王阿姨", languageCode: "zh-hans" }, T0);
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

const text: PosterText = {
  heading: ["讲座签到", "Lecture check-in"],
  time: ["时间：", "Time:"],
  place: ["地点：", "Place:"],
  scan: ["扫码签到", "Scan to check in"],
  code: ["出示签到码", "Show your code"],
};
const input = {
  title: "法律知识进社区",
  when: "2026-05-04 14:00–16:00",
  place: "第二中学礼堂",
  link: "https://t.me/community_test_bot?start=chk_ABCDEF",
  text,
};

it("the door poster is one A4 page of PDF with the CJK font embedded (a subset); without a CJK font there is none", async () => {
  // .ci/run installs Debian's fonts-noto-cjk; a machine without them gets no poster (tested below).
  expect(cjkFont()).toBeDefined();
  const pdf = (await lecturePosterPdf(input))!;
  const raw = pdf.toString("latin1");
  expect(raw.startsWith("%PDF-")).toBe(true);
  expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
  expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  expect(raw).toMatch(/\/FontFile2|\/FontFile3/);
  // Subset: the font inside is a small part of the 16 MB collection.
  expect(pdf.length).toBeLessThan(400_000);
  expect(await lecturePosterPdf(input, cjkFont([{ path: "/nonexistent/font.ttc", face: "x" }]) ?? null)).toBeUndefined();
});

it("staff get the QR image and the poster from the lecture's card; a resident cannot, a forged action changes nothing", async () => {
  const clock = new FakeClock(T0);
  const { telegram, uploads } = telegramWithUploads();
  const h = createHarness({ db: database.db, clock, telegram });
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "法律知识进社区",
      topicId: null,
      speaker: "王律师",
      startsAt: START,
      endsAt: new Date(START.getTime() + 2 * 3600_000),
      place: "第二中学礼堂",
      seats: 100,
      registrationRequired: true,
      duty: [],
      createdBy: STAFF,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const staff = u.user(STAFF, { languageCode: "zh-hans", firstName: "陈主任" });
  await h.send(u.command(staff, "lectures"));
  const button = h.telegram.lastButtons(STAFF).find((b) => b.text === "🖨 门口签到海报和二维码")!;
  expect(button.data).toBe(`ldr:${created.lectureId}:poster`);
  await h.send(u.callback(staff, button.data!));
  expect(uploads.map((up) => [up.method, up.files[0]!.filename])).toEqual([
    ["sendPhoto", expect.stringMatching(/^checkin-[A-Z2-9]{6}\.png$/)],
    ["sendDocument", `lecture-${created.lectureId}-poster.pdf`],
  ]);
  expect(uploads[0]!.fields.caption).toContain("?start=chk_");
  expect(uploads[1]!.fields.caption).toBe("🖨 「法律知识进社区」门口签到海报（A4，可直接打印）：已报名的居民扫码签到，讲座结束后会请他们评价。");

  await h.send(u.callback(u.user(WANG, { languageCode: "zh-hans" }), button.data!));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  // An action no button has: refused, and the lecture is not cancelled (it used to fall through to Cancel).
  await h.send(u.callback(staff, `ldr:${created.lectureId}:zzz`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.command(staff, "lectures"));
  expect(h.telegram.lastText(STAFF)).toContain("法律知识进社区");
  expect(uploads).toHaveLength(2);
});
