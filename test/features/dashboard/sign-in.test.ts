import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardSessions, dashboardSignIns, reports } from "../../../src/db/schema/index.js";
import { grantRole } from "../../../src/features/accounts/service.js";
import { createSignInLink, pruneSignIns } from "../../../src/features/dashboard/sessions.js";
import { revokeRole } from "../../../src/features/staff/team.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, updates } from "../../helpers/harness.js";
import { ADMIN, AREA_A, Browser, buildWorld, INSPECTOR, RESIDENT, STAFF, VOLUNTEER, type World } from "./fixture.js";

// Signing in to the dashboard: the one-time link from /dashboard, the session cookie, its end
// (logout, expiry, a revoked role) and the CSRF token every change needs.

let database: TestDatabase;
let world: World;
const u = updates();
const HOUR = 3600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.db);
});
afterAll(() => database.close());

/** Telegram sends each member's own name with every update. */
const names: Record<number, string> = { [STAFF]: "Chen", [INSPECTOR]: "Zhang", [ADMIN]: "Liu", [RESIDENT]: "Wang", [VOLUNTEER]: "Li" };
const member = (id: number, languageCode = id === INSPECTOR ? "zh-hans" : "en") => u.user(id, { languageCode, firstName: names[id] ?? `User${id}` });
const tokenOf = (url: string | undefined) => new URL(url!).searchParams.get("token")!;

describe("/dashboard in the bot", () => {
  it("gives inspectors, staff and admins a link to this server's sign-in page, with a button", async () => {
    const { h } = world;
    for (const [id, language] of [
      [STAFF, "en"],
      [INSPECTOR, "zh-hans"],
      [ADMIN, "en"],
    ] as const) {
      await h.send(u.command(member(id, language), "dashboard"));
      const [button] = h.telegram.lastButtons(id);
      expect(button?.url).toMatch(/^http:\/\/dashboard\.test\/dashboard\/sign-in\?token=[A-Za-z0-9_-]{32}$/);
      expect(h.telegram.lastText(id)).toMatch(language === "en" ? /works once, only for you, for 10 minutes/ : /只能用一次，10 分钟内有效/);
    }
  });

  it("politely refuses residents and volunteers, and makes no link", async () => {
    const { h } = world;
    for (const id of [RESIDENT, VOLUNTEER]) {
      h.telegram.clear();
      await h.send(u.command(member(id), "dashboard"));
      expect(h.telegram.lastText(id)).toBe(
        "The dashboard is for the community's inspectors, staff and admins. If you need it, please ask the community staff.",
      );
      expect(h.telegram.lastButtons(id)).toEqual([]);
    }
  });

  it("says so when the server has no public address to link to", async () => {
    const h = createHarness({ db: database.db });
    await h.send(u.command(member(STAFF), "dashboard"));
    expect(h.telegram.lastText(STAFF)).toMatch(/not set up on this server yet/);
  });
});

describe("the sign-in link", () => {
  async function linkFor(id: number): Promise<string> {
    await world.h.send(u.command(member(id), "dashboard"));
    return tokenOf(world.h.telegram.lastButtons(id)[0]?.url);
  }

  it("opens a page that names the person and signs in with one press; the cookie is HttpOnly and SameSite=Lax", async () => {
    const token = await linkFor(STAFF);
    const browser = new Browser(world);
    // Opening the page (or a robot previewing it) uses nothing up.
    for (let i = 0; i < 2; i++) {
      const page = await browser.get(`/dashboard/sign-in?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("This link signs you in as Chen.");
    }
    const signedIn = await browser.post("/dashboard/sign-in", { token }, { csrf: false });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/dashboard/reports");
    expect(browser.lastSetCookie).toMatch(/^dashboard_session=[A-Za-z0-9_-]{32}; .*Path=\/dashboard/);
    expect(browser.lastSetCookie).toMatch(/HttpOnly/);
    expect(browser.lastSetCookie).toMatch(/SameSite=Lax/);
    expect(browser.lastSetCookie).not.toMatch(/Secure/);
    const list = await browser.get("/dashboard/reports");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Chen · community staff");
    expect(list.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  });

  it("works once: a used, expired or forged link gets a clear page and no cookie", async () => {
    const used = await linkFor(STAFF);
    await new Browser(world).post("/dashboard/sign-in", { token: used }, { csrf: false });
    const expired = await linkFor(STAFF);
    world.h.clock.advance(10 * 60_000);
    const cases: Array<[string, RegExp]> = [
      [used, /has been used already/],
      [expired, /has expired/],
      ["A".repeat(32), /not valid/],
      ["<script>", /not valid/],
      ["", /not valid/],
    ];
    for (const [token, message] of cases) {
      for (const method of ["GET", "POST"] as const) {
        const browser = new Browser(world);
        const answer =
          method === "GET"
            ? await browser.get(`/dashboard/sign-in?token=${encodeURIComponent(token)}`)
            : await browser.post("/dashboard/sign-in", { token }, { csrf: false });
        expect(answer.status, `${method} ${token}`).toBe(401);
        expect(answer.text, `${method} ${token}`).toMatch(message);
        expect(browser.cookie).toBeUndefined();
        expect((await browser.get("/dashboard/reports")).status).toBe(401);
      }
    }
  });

  it("is bound to the person it was given to: it signs in only them", async () => {
    const token = await linkFor(INSPECTOR);
    const browser = new Browser(world);
    await browser.post("/dashboard/sign-in", { token }, { csrf: false });
    expect((await browser.get("/dashboard/reports")).text).toContain("Zhang · ");
    const [session] = await database.db.select().from(dashboardSessions).where(eq(dashboardSessions.userId, INSPECTOR));
    expect(session?.communityId).toBe(world.home);
  });

  it("refuses a link whose person lost their role before opening it", async () => {
    await grantRole(database.db, { userId: VOLUNTEER, communityId: world.home, role: "inspector", grantedBy: null, at: world.h.clock.now() });
    const token = await linkFor(VOLUNTEER);
    await revokeRole(database.db, { communityId: world.home, userId: VOLUNTEER, role: "inspector", actorId: ADMIN, at: world.h.clock.now() });
    const answer = await new Browser(world).post("/dashboard/sign-in", { token }, { csrf: false });
    expect(answer.status).toBe(401);
    expect(answer.text).toMatch(/no longer opens the dashboard/);
  });
});

describe("the session", () => {
  it("ends at logout: that cookie opens nothing afterwards", async () => {
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    const cookie = browser.cookie;
    const out = await browser.post("/dashboard/logout");
    expect(out.status).toBe(200);
    expect(out.text).toMatch(/You have signed out/);
    expect(browser.lastSetCookie).toMatch(/dashboard_session=;/);
    const stolen = new Browser(world);
    stolen.cookie = cookie;
    expect((await stolen.get("/dashboard/reports")).status).toBe(401);
  });

  it("ends after DASHBOARD_SESSION_HOURS (12 by default)", async () => {
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    world.h.clock.advance(12 * HOUR - 60_000);
    expect((await browser.get("/dashboard/reports")).status).toBe(200);
    world.h.clock.advance(60_000);
    const expired = await browser.get("/dashboard/reports");
    expect(expired.status).toBe(401);
    expect(expired.text).toMatch(/Your sign-in has ended \(it lasts 12 hours\)/);
  });

  it("ends when the person's role is revoked, and stays ended when it comes back", async () => {
    const browser = new Browser(world);
    await browser.signIn(INSPECTOR, world.home, world.h.clock);
    expect((await browser.get("/dashboard/reports")).status).toBe(200);
    await revokeRole(database.db, { communityId: world.home, userId: INSPECTOR, role: "inspector", actorId: ADMIN, at: world.h.clock.now() });
    const revoked = await browser.get("/dashboard/reports");
    expect(revoked.status).toBe(401);
    // The inspector reads Chinese: the page speaks their language.
    expect(revoked.text).toContain("您在社区中的身份已被取消");
    await grantRole(database.db, { userId: INSPECTOR, communityId: world.home, role: "inspector", grantedBy: ADMIN, at: world.h.clock.now() });
    expect((await browser.get("/dashboard/reports")).status).toBe(401);
  });

  it("needs the session's CSRF token on every change: without it, or with another, nothing changes", async () => {
    const { id, number } = await world.file(7101, AREA_A);
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    const other = new Browser(world);
    await other.signIn(ADMIN, world.home, world.h.clock);
    for (const csrf of [false, other.csrf!, "x"] as const) {
      const answer = await browser.post(`/dashboard/reports/${number}/accept`, {}, { csrf });
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(/out of date or did not come from the dashboard/);
      const out = await browser.post("/dashboard/logout", {}, { csrf });
      expect(out.status).toBe(403);
    }
    expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("new");
    expect((await browser.get("/dashboard/reports")).status).toBe(200);
  });

  it("refuses a form posted from another site before reading it", async () => {
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    const body = new URLSearchParams({ _csrf: browser.csrf! });
    const answer = await browser.request("/dashboard/logout", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
    });
    expect(answer.status).toBe(403);
    expect((await browser.get("/dashboard/reports")).status).toBe(200);
  });

  it("sets the cookie Secure when the public address is https", async () => {
    const secure = await createTestDatabase();
    try {
      const w = await buildWorld(secure.db, { secureCookies: true });
      const browser = new Browser(w);
      await browser.signIn(STAFF, w.home, w.h.clock);
      expect(browser.lastSetCookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it("is in /audit as a sentence", async () => {
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    await world.h.send(u.command(member(ADMIN), "audit"));
    expect(world.h.telegram.lastText(ADMIN)).toContain("Chen signed in to the staff dashboard.");
  });

  it("leaves nothing behind a day after it ended: used or expired links and ended sessions are pruned daily", async () => {
    const browser = new Browser(world);
    await browser.signIn(STAFF, world.home, world.h.clock);
    await createSignInLink(database.db, { userId: STAFF, communityId: world.home, at: world.h.clock.now() });
    await pruneSignIns(database.db, world.h.clock.now());
    expect((await browser.get("/dashboard/reports")).status).toBe(200);
    world.h.clock.advance(37 * HOUR);
    await pruneSignIns(database.db, world.h.clock.now());
    expect(await database.db.$count(dashboardSignIns)).toBe(0);
    expect(await database.db.$count(dashboardSessions)).toBe(0);
  });
});
