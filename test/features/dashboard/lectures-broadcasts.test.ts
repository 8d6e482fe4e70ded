import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../src/db/schema/index.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { sendBulk } from "../../../src/features/broadcasts/bulk.js";
import { addWalkIn, checkInAtDoor } from "../../../src/features/lectures/door.js";
import { saveComment, saveRating } from "../../../src/features/lectures/feedback.js";
import { createLecture, registerForLecture, type NewLecture } from "../../../src/features/lectures/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { newBroadcast, testConfig } from "../broadcasts/helpers.js";
import { ADMIN, Browser, buildWorld, INSPECTOR, OTHER_STAFF, RESIDENT, STAFF, VOLUNTEER, type World } from "./fixture.js";

/*
 * Lectures and broadcasts on the dashboard (Shanghai, UTC+8; the clock stands at 1 May 2026,
 * 10:00, in 2026-Q2):
 *
 *   法律讲座, Sat 25 April 14:00–16:00, 3 seats: 7101–7103 registered, 7104 waits; 7101 and 7102
 *   came (5 stars "很有用", 4 stars), 7103 did not; one walk-in.  → 3 registered, 2 came, 1 walk-in,
 *   1 did not come, 4.5 stars from 2.
 *   交通安全讲座, Sun 10 May, no limit: 7101 registered.
 *   The other community's lecture and broadcast are never shown here.
 *
 *   A staff notice to everyone scheduled for later (nothing written yet), and the lecture's bulk
 *   announcement to three people: one sent, one failed (blocked), one left.
 */

const PEOPLE = [7101, 7102, 7103, 7104];
let database: TestDatabase;
let world: World;
let staff: Browser;
let law: number;
let traffic: number;
let elsewhere: number;
let bulk: number;
let scheduled: number;
let otherBroadcast: number;

const lecture = (over: Partial<NewLecture>): NewLecture => ({
  communityId: 0,
  title: "法律讲座",
  topicId: null,
  speaker: "王律师",
  startsAt: new Date("2026-04-25T06:00:00Z"),
  endsAt: new Date("2026-04-25T08:00:00Z"),
  place: "二中",
  seats: 3,
  registrationRequired: true,
  duty: [],
  createdBy: null,
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  world = await buildWorld(db);
  const home = world.home;
  const T0 = new Date("2026-04-20T02:00:00Z");
  for (const id of PEOPLE) {
    await recordUser(db, { id, firstName: `P${id}`, languageCode: "zh-hans" }, T0);
    await db.update(users).set({ communityId: home }).where(eq(users.id, id));
  }
  const created = async (input: NewLecture) => {
    const result = await createLecture(db, input, T0);
    if (!result.ok) throw new Error(result.reason);
    return result.lectureId;
  };
  law = await created(lecture({ communityId: home }));
  const codes: string[] = [];
  for (const userId of PEOPLE) {
    const r = await registerForLecture(db, { lectureId: law, userId, at: T0 });
    if (r.ok) codes.push(r.code);
  }
  const at = new Date("2026-04-25T06:05:00Z");
  for (const code of codes.slice(0, 2)) await checkInAtDoor(db, { lectureId: law, code, at });
  await addWalkIn(db, law);
  await saveRating(db, { lectureId: law, userId: PEOPLE[0]!, rating: 5, at });
  await saveComment(db, { lectureId: law, userId: PEOPLE[0]!, comment: "很有用", at });
  await saveRating(db, { lectureId: law, userId: PEOPLE[1]!, rating: 4, at });
  // A resident's words are anything: shown as text, never as markup.
  await saveComment(db, { lectureId: law, userId: PEOPLE[1]!, comment: '<script>alert("x")</script>', at });
  traffic = await created(
    lecture({ communityId: home, title: "交通安全讲座", startsAt: new Date("2026-05-10T06:00:00Z"), endsAt: new Date("2026-05-10T07:00:00Z"), seats: null }),
  );
  await registerForLecture(db, { lectureId: traffic, userId: PEOPLE[0]!, at: T0 });
  elsewhere = await created(lecture({ communityId: world.other, title: "别处的讲座" }));

  const now = world.h.clock.now();
  scheduled = await newBroadcast(db, home, now, { runAt: new Date("2026-05-02T02:00:00Z"), createdBy: STAFF, progressChatId: STAFF });
  bulk = (
    await sendBulk(db, {
      communityId: home,
      createdBy: null,
      label: "法律讲座",
      urgent: false,
      runAt: now,
      progressChatId: null,
      clientKey: "lecture-test-bulk",
      recipients: [RESIDENT, VOLUNTEER, INSPECTOR].map((userId) => ({ userId, kind: "notice", payload: { key: "x" } })),
      rules: testConfig(),
      at: now,
    })
  ).id;
  // Delivery as the outbox would leave it: one sent, one refused by a person who blocked the bot.
  await db.execute(
    sql`update outbox_messages set status = 'sent', sent_at = ${now.toISOString()}::timestamptz where bulk_id = ${bulk} and user_id = ${RESIDENT}`,
  );
  await db.execute(sql`update outbox_messages set status = 'unreachable', last_error = 'telegram 403' where bulk_id = ${bulk} and user_id = ${VOLUNTEER}`);
  otherBroadcast = await newBroadcast(db, world.other, now, { createdBy: OTHER_STAFF, progressChatId: OTHER_STAFF });

  staff = new Browser(world);
  await staff.signIn(STAFF, home, world.h.clock);
});
afterAll(() => database.close());

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("the lectures pages", () => {
  it("shows the quarter's lectures with registrations, attendance and ratings, and the lectures to come", async () => {
    const page = await staff.get("/dashboard/lectures");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Lectures in 2026-Q2");
    expect(page.text).toContain("2 lectures; 3 people came (attendees and walk-ins).");
    expect(page.text).toMatch(
      new RegExp(
        `/dashboard/lectures/${law}">法律讲座</a></td>\\s*<td data-label="registered">3</td>\\s*<td data-label="came">2</td>\\s*<td data-label="walk-ins">1</td>\\s*<td data-label="did not come">1</td>\\s*<td data-label="Rating">4.5 ★ \\(2\\)</td>`,
      ),
    );
    const coming = page.text.split('data-testid="lectures-quarter"')[0]!.split('data-testid="lectures-coming"')[1]!;
    expect(coming).toContain(`/dashboard/lectures/${traffic}">交通安全讲座</a>`);
    expect(coming).toContain("1 (no limit)");
    expect(page.text).not.toContain("别处的讲座");
    expect(page.text).toContain('href="/dashboard/lectures.csv?quarter=2026-Q2"');
    const q1 = await staff.get("/dashboard/lectures?quarter=2026-Q1");
    expect(q1.text).toContain("0 lectures; 0 people came");
    expect(q1.text).toContain('<option value="2026-Q1" selected>');
  });

  it("names a quarter it cannot read (400) and shows this one", async () => {
    for (const quarter of ["2026-Q5", "Q2", "2026-13"]) {
      const page = await staff.get(`/dashboard/lectures?quarter=${quarter}`);
      expect(page.status, quarter).toBe(400);
      expect(page.text, quarter).toContain(`&quot;${quarter}&quot; is not a quarter that can be read`);
      expect(page.text, quarter).toContain("Lectures in 2026-Q2");
    }
  });

  it("downloads the quarter's file, the same as /lectures_csv", async () => {
    const raw = await world.dashboard.request("http://dashboard.test/dashboard/lectures.csv?quarter=2026-Q2", { headers: { Cookie: staff.cookie! } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("Content-Disposition")).toBe('attachment; filename="lectures-2026-Q2.csv"');
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvLines(new TextDecoder().decode(bytes))).toEqual([
      "lecture,title,starts,registered,attended,walk_ins,no_shows,ratings,average_rating",
      `${law},法律讲座,2026-04-25 14:00,3,2,1,1,2,4.5`,
      `${traffic},交通安全讲座,2026-05-10 14:00,1,0,0,0,0,`,
    ]);
    const refused = await staff.get("/dashboard/lectures.csv?quarter=soon");
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Which quarter?");
  });

  it("shows a lecture's figures, comments and registrations", async () => {
    const page = await staff.get(`/dashboard/lectures/${law}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>法律讲座</h1>");
    expect(page.text).toContain("王律师");
    expect(page.text).toMatch(/<strong>3<\/strong>registered<\/li>\s*<li><strong>2<\/strong>came<\/li>\s*<li><strong>1<\/strong>walk-ins/);
    expect(page.text).toContain("<strong>4.5</strong>average stars (2 ratings)");
    expect(page.text).toContain('<span class="stars" aria-label="5">★★★★★</span> 很有用');
    expect(page.text).toContain("★★★★</span> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).toMatch(/>P7101<\/td>\s*<td data-label="Status">present<\/td>/);
    expect(page.text).toMatch(/>P7103<\/td>\s*<td data-label="Status">did not come<\/td>/);
    expect(page.text).toMatch(/>P7104<\/td>\s*<td data-label="Status">waitlist no\. 1<\/td>/);
    expect(page.text).toContain("3/3 · 1 waiting");
  });

  it("answers another community's lecture, and ids that are not ids, as not found (404)", async () => {
    for (const path of [`/dashboard/lectures/${elsewhere}`, "/dashboard/lectures/0", "/dashboard/lectures/x1", "/dashboard/lectures/123456789012345678"]) {
      const answer = await staff.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).toContain("There is no such lecture in this community.");
    }
    const theirs = new Browser(world);
    await theirs.signIn(OTHER_STAFF, world.other, world.h.clock);
    expect((await theirs.get(`/dashboard/lectures/${elsewhere}`)).status).toBe(200);
    expect((await theirs.get(`/dashboard/lectures/${law}`)).status).toBe(404);
  });
});

describe("the broadcasts page", () => {
  it("lists the community's broadcasts with their state and progress from the outbox rows", async () => {
    const page = await staff.get("/dashboard/broadcasts");
    expect(page.status).toBe(200);
    expect(page.text).toContain("2 broadcasts");
    const row = (id: number) => page.text.split(`data-broadcast="${id}"`)[1]!.split("</tr>")[0]!;
    expect(row(bulk)).toContain("📋 Announcement");
    expect(row(bulk)).toContain("法律讲座");
    expect(row(bulk)).toContain('<meter min="0" max="100" value="67">67%</meter>');
    expect(row(bulk)).toContain("1 sent · 1 failed · 0 skipped · 1 left, of 3");
    expect(row(scheduled)).toContain("🕒 scheduled");
    expect(row(scheduled)).toContain("2026-05-02 10:00");
    expect(row(scheduled)).toContain("停水通知 Water off");
    expect(row(scheduled)).toContain("not started yet");
    expect(page.text).not.toContain(`data-broadcast="${otherBroadcast}"`);
  });
});

describe("who may open them", () => {
  const paths = () => ["/dashboard/lectures", "/dashboard/lectures.csv", `/dashboard/lectures/${law}`, "/dashboard/broadcasts"];

  it("staff and admins; an inspector is refused (as /lectures_csv and /broadcasts) and offered no link; nobody signed in is asked to", async () => {
    const admin = new Browser(world);
    await admin.signIn(ADMIN, world.home, world.h.clock);
    const inspector = new Browser(world);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    for (const path of paths()) {
      expect((await admin.get(path)).status, path).toBe(200);
      const refused = await inspector.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.text, path).not.toContain("法律讲座");
      expect((await new Browser(world).get(path)).status, path).toBe(401);
    }
    const list = await inspector.get("/dashboard/reports");
    expect(list.text).not.toContain("/dashboard/lectures");
    expect(list.text).not.toContain("/dashboard/broadcasts");
  });
});
