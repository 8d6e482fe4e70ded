import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamMembers, teams, users, volunteerProfiles } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createSignInLink } from "../../../src/features/dashboard/sessions.js";
import { markAttendance } from "../../../src/features/events/roster-service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { ADMIN, Browser, buildWorld, INSPECTOR, OTHER_STAFF, RESIDENT, STAFF, VOLUNTEER, type World } from "./fixture.js";

/*
 * Volunteers and events on the dashboard, against figures worked out by hand (Shanghai, UTC+8;
 * the clock stands at Friday 1 May 2026, 10:00):
 *
 *   Past: rehearsal Sat 25 April 09:00–11:00, 鼓手 2 seats: Li (7005) marked present → 120 min;
 *         王芳 (7010, shows as 芳姐) marked absent; 钱 (7011) waits (no. 1).
 *   Coming: the drum team's rehearsal Sun 3 May 09:00, no limit, for 腰鼓队 only: 王芳 signed up.
 *   Elsewhere: a rehearsal of the other community, never shown here.
 *
 *   Li: April 2.0 h, in all 2.0 h, 1 came, 0/1 absent.  芳姐: 0 h, 1/1 (100%) absent.
 */

const FANG = 7010;
const QIAN = 7011;
let database: TestDatabase;
let world: World;
let staff: Browser;
let past: number;
let coming: number;
let elsewhere: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  world = await buildWorld(db);
  const home = world.home;
  const T0 = new Date("2026-04-20T02:00:00Z");
  for (const [id, name] of [
    [FANG, "王芳"],
    [QIAN, "钱"],
  ] as const) {
    await recordUser(db, { id, firstName: name, languageCode: "zh-hans" }, T0);
    await db.update(users).set({ communityId: home }).where(eq(users.id, id));
    await grantRole(db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  }
  await db.insert(volunteerProfiles).values({ userId: FANG, communityId: home, displayName: "芳姐", phone: "+8613800000000", updatedAt: T0 });
  const [team] = await db.insert(teams).values({ communityId: home, name: "腰鼓队", leaderId: FANG, createdAt: T0 }).returning();
  await db.insert(teamMembers).values({ teamId: team!.id, userId: VOLUNTEER, status: "approved", requestedAt: T0 });

  const join = async (slotId: number, userId: number) => {
    const signed = await signUp(db, { slotId, userId, at: T0 });
    if (!signed.ok) throw new Error(signed.reason);
    return signed.signupId;
  };
  const rehearsal = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-04-25T01:00:00Z"), at: T0 }, 2);
  past = rehearsal.eventId;
  const li = await join(rehearsal.slotId, VOLUNTEER);
  const fang = await join(rehearsal.slotId, FANG);
  await join(rehearsal.slotId, QIAN);
  await markAttendance(db, { signupId: li, communityId: home, present: true, at: new Date("2026-04-25T01:30:00Z") });
  await markAttendance(db, { signupId: fang, communityId: home, present: false, at: new Date("2026-04-25T01:30:00Z") });

  const team3May = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-03T01:00:00Z"), at: T0 }, null, {
    audience: "team",
    teamId: team!.id,
  });
  coming = team3May.eventId;
  await join(team3May.slotId, FANG);
  elsewhere = (await createRehearsal(db, { communityId: world.other, startsAt: new Date("2026-04-26T01:00:00Z"), at: T0 }, 5)).eventId;

  staff = new Browser(world);
  await staff.signIn(STAFF, home, world.h.clock);
});
afterAll(() => database.close());

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("the volunteers page", () => {
  it("lists each volunteer with teams, hours this month and in all, and how often they did not come", async () => {
    const page = await staff.get("/dashboard/volunteers");
    expect(page.status).toBe(200);
    expect(page.text).toContain("3 volunteers; this month (2026-05) 0.0 hours in all.");
    expect(page.text).toMatch(
      /<td data-label="Name">Li<\/td>\s*<td data-label="Teams">腰鼓队<\/td>\s*<td[^>]*>0\.0<\/td>\s*<td[^>]*>2\.0<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0\/1 \(0%\)<\/td>/,
    );
    expect(page.text).toMatch(
      /芳姐 \(王芳\)<br \/><span class="badge">\+8613800000000<\/span><\/td>\s*<td data-label="Teams">腰鼓队<\/td>[\s\S]*?1\/1 \(100%\)/,
    );
    expect(page.text).toContain("<strong>腰鼓队</strong> · 1 member: Li");
    expect(page.text).toContain('href="/dashboard/volunteers/hours.csv"');
  });

  it("shows a chosen month's hours, and names a month it cannot show (400)", async () => {
    const april = await staff.get("/dashboard/volunteers?month=2026-04");
    expect(april.status).toBe(200);
    expect(april.text).toContain("Hours in 2026-04");
    expect(april.text).toContain("2.0 hours by 1 volunteers.");
    expect(april.text).toContain('<option value="2026-04" selected>');
    expect((await staff.get("/dashboard/volunteers")).text).toContain("Nobody served at an event that month.");
    for (const month of ["2026-13", "2027-01", "April", "2026-4"]) {
      const page = await staff.get(`/dashboard/volunteers?month=${month}`);
      expect(page.status, month).toBe(400);
      expect(page.text, month).toContain(`&quot;${month}&quot; is not a month that can be shown`);
      expect(page.text, month).toContain("Hours in 2026-05");
    }
  });

  it("downloads the bot's hours file: UTF-8 with BOM, a row per volunteer and month", async () => {
    const raw = await world.dashboard.request("http://dashboard.test/dashboard/volunteers/hours.csv", { headers: { Cookie: staff.cookie! } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("Content-Disposition")).toBe('attachment; filename="volunteer-hours-2026-05.csv"');
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvLines(new TextDecoder().decode(bytes))).toEqual(["Name,Telegram name,Month,Hours,Events", "Li,Li,2026-04,2,1"]);
  });
});

describe("the events pages", () => {
  it("lists coming and past events with seats, waiting lists and who came, team-only ones marked", async () => {
    const page = await staff.get("/dashboard/events");
    expect(page.status).toBe(200);
    const [comingPart, pastPart] = page.text.split('data-testid="events-past"');
    expect(comingPart).toContain(`href="/dashboard/events/${coming}"`);
    expect(comingPart).toContain("腰鼓队 only");
    expect(comingPart).toMatch(/data-label="Seats taken">1 \(no limit\)<\/td>/);
    expect(pastPart).toContain(`href="/dashboard/events/${past}"`);
    expect(pastPart).toMatch(/data-label="Seats taken">2\/2<\/td>\s*<td data-label="Waiting">1<\/td>\s*<td data-label="Came">1 present, 1 absent<\/td>/);
    expect(page.text).not.toContain(`/dashboard/events/${elsewhere}"`);
  });

  it("shows an event's roster and attendance sheet: present, absent, waiting", async () => {
    const page = await staff.get(`/dashboard/events/${past}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>腰鼓队排练</h1>");
    expect(page.text).toContain("1 present, 1 absent, 0 not marked");
    expect(page.text).toMatch(/>Li<\/td>[\s\S]*?present<\/span>[\s\S]*?<td data-label="Hours">2\.0/);
    expect(page.text).toMatch(/>王芳<\/td>\s*<td data-label="Phone">\+8613800000000<\/td>[\s\S]*?absent<\/span>/);
    expect(page.text).toMatch(/>钱<\/td>[\s\S]*?waitlist no\. 1<\/span>/);
    expect(page.text).toContain("鼓手: 2/2 · 1 waiting");
    // Before it begins, a seat holder is "signed up", not "not marked".
    const before = await staff.get(`/dashboard/events/${coming}`);
    expect(before.text).toMatch(/>王芳<\/td>[\s\S]*?signed up<\/span>/);
    expect(before.text).not.toContain("not marked");
  });

  it("downloads the roster's file (the same as the roster's button in Telegram)", async () => {
    const raw = await world.dashboard.request(`http://dashboard.test/dashboard/events/${past}/roster.csv`, { headers: { Cookie: staff.cookie! } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("Content-Disposition")).toBe(`attachment; filename="roster-${past}-2026-04-25.csv"`);
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvLines(new TextDecoder().decode(bytes));
    expect(rows[0]).toBe("Role,Name,Phone,Status,Signed up,Checked in,Hours,Adjusted by staff");
    // A phone starting with + is escaped for Excel (formula escaping), as in every export.
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 4).join(","))).toEqual([
      "鼓手,Li,,present",
      "鼓手,王芳,'+8613800000000,absent",
      "鼓手,钱,,waitlist no. 1",
    ]);
  });

  it("answers another community's event, and ids that are not ids, as not found (404)", async () => {
    for (const path of [
      `/dashboard/events/${elsewhere}`,
      `/dashboard/events/${elsewhere}/roster.csv`,
      "/dashboard/events/0",
      "/dashboard/events/abc",
      "/dashboard/events/99999999999999999999",
    ]) {
      const answer = await staff.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).toContain("There is no such event in this community.");
      expect(answer.text, path).not.toContain("腰鼓队排练");
    }
    const theirs = new Browser(world);
    await theirs.signIn(OTHER_STAFF, world.other, world.h.clock);
    expect((await theirs.get(`/dashboard/events/${elsewhere}`)).status).toBe(200);
    expect((await theirs.get(`/dashboard/events/${past}`)).status).toBe(404);
    expect((await theirs.get("/dashboard/volunteers")).text).not.toContain("芳姐");
  });

  it("names a page number it cannot read (400) and shows the latest", async () => {
    const page = await staff.get("/dashboard/events?page=x");
    expect(page.status).toBe(400);
    expect(page.text).toContain("That page number could not be read");
    expect(page.text).toContain(`href="/dashboard/events/${past}"`);
  });
});

describe("who may open them", () => {
  const paths = () => [
    "/dashboard/volunteers",
    "/dashboard/volunteers/hours.csv",
    "/dashboard/events",
    `/dashboard/events/${past}`,
    `/dashboard/events/${past}/roster.csv`,
  ];

  it("staff and admins; an inspector is refused (as the bot's /volunteers and /roster) and offered no link", async () => {
    const admin = new Browser(world);
    await admin.signIn(ADMIN, world.home, world.h.clock);
    const inspector = new Browser(world);
    await inspector.signIn(INSPECTOR, world.home, world.h.clock);
    for (const path of paths()) {
      expect((await admin.get(path)).status, path).toBe(200);
      const refused = await inspector.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.text, path).not.toContain("芳姐");
    }
    const list = await inspector.get("/dashboard/reports");
    expect(list.text).not.toContain("/dashboard/volunteers");
    expect(list.text).not.toContain("/dashboard/events");
    expect((await staff.get("/dashboard/reports")).text).toContain('href="/dashboard/volunteers"');
  });

  it("volunteers and residents get no sign-in at all, and nobody signed in is asked to sign in", async () => {
    for (const id of [VOLUNTEER, RESIDENT]) {
      expect(await createSignInLink(database.db, { userId: id, communityId: world.home, at: world.h.clock.now() })).toBeUndefined();
    }
    for (const path of paths()) expect((await new Browser(world).get(path)).status, path).toBe(401);
  });
});
