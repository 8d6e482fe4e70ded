import { eq } from "drizzle-orm";
import type { Database } from "../../../src/db/client.js";
import { reportCategories, reports, users } from "../../../src/db/schema/index.js";
import { ensureCommunity, grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createDashboard } from "../../../src/features/dashboard/app.js";
import type { DashboardDeps } from "../../../src/features/dashboard/context.js";
import { createSignInLink } from "../../../src/features/dashboard/sessions.js";
import { seedDefaultCategories } from "../../../src/features/reports/categories.js";
import { createReport } from "../../../src/features/reports/service.js";
import { importAreas } from "../../../src/features/staff/areas.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { bindStaffGroup } from "../../../src/features/staff/staff-group.js";
import { silentLogger } from "../../../src/logger.js";
import { createHarness, seedDefaultCommunity, updates, type FakeClock, type Harness } from "../../helpers/harness.js";
import { fileReport } from "../../helpers/reports.js";

/** The people of the dashboard tests: one of each role at home, and staff of another community. */
export const ADMIN = 7001;
export const STAFF = 7002;
export const INSPECTOR = 7003; // leads area A
export const INSPECTOR_B = 7004; // leads area B
export const VOLUNTEER = 7005;
export const RESIDENT = 7006;
export const OTHER_STAFF = 7007; // staff of the other community
export const GROUP = -100_7000;
/** Latitudes of the two areas' centres (longitude 121.5): a report filed there falls in that area. */
export const AREA_A = 31.71;
export const AREA_B = 31.8;
/** A photo's bytes as the fake Telegram serves them. */
export const PHOTO_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
/** A voice note's bytes as the fake Telegram serves them: they name the file, to tell one from another. */
export const voiceBytes = (fileId: string) => new TextEncoder().encode(`ogg:${fileId}`);

/** A photo the dashboard sent to Telegram for its file id (the fake uploader's record). */
export interface Uploaded {
  chatId: number;
  bytes: Uint8Array;
  filename: string;
  caption: string;
  fileId: string;
}

export interface World {
  h: Harness;
  home: number;
  other: number;
  dashboard: ReturnType<typeof createDashboard>;
  deps: DashboardDeps;
  /** Photos sent to Telegram by the dashboard, in order; `failUploads` makes the next ones fail. */
  uploads: Uploaded[];
  failUploads: boolean;
  /** Files a report through the real /report conversation as `resident` at a latitude; its id and number. */
  file(resident: number, latitude: number, options?: { photo?: boolean }): Promise<{ id: number; number: number }>;
}

export async function buildWorld(db: Database, options: { sessionHours?: number; secureCookies?: boolean; mapTiles?: string } = {}): Promise<World> {
  const home = (await seedDefaultCommunity(db)).id;
  const other = (await ensureCommunity(db, { slug: "other", name: "和谐社区", timezone: "Asia/Shanghai" })).id;
  await seedDefaultCategories(db, other, (_locale, key) => key);
  const h = createHarness({ db, config: { publicUrl: "http://dashboard.test" } });
  const at = h.clock.now();
  const people: Array<[number, string, "admin" | "staff" | "inspector" | "volunteer" | null, string]> = [
    [ADMIN, "Liu", "admin", "en"],
    [STAFF, "Chen", "staff", "en"],
    [INSPECTOR, "Zhang", "inspector", "zh-hans"],
    [INSPECTOR_B, "Zhao", "inspector", "en"],
    [VOLUNTEER, "Li", "volunteer", "en"],
    [RESIDENT, "Wang", null, "en"],
  ];
  for (const [id, firstName, role, languageCode] of people) {
    await joinHome(db, id, firstName, languageCode, home, at);
    if (role) await grantRole(db, { userId: id, communityId: home, role, grantedBy: null, at });
  }
  await recordUser(db, { id: OTHER_STAFF, firstName: "Sun", languageCode: "en" }, at);
  await grantRole(db, { userId: OTHER_STAFF, communityId: other, role: "staff", grantedBy: null, at });
  await db.update(users).set({ communityId: other }).where(eq(users.id, OTHER_STAFF));
  await bindStaffGroup(db, { communityId: home, chatId: GROUP, actorId: ADMIN, at });
  await importAreas(
    db,
    home,
    [
      { name: "第一网格", center: [AREA_A, 121.5], radiusMeters: 500, responsible: INSPECTOR },
      { name: "第二网格", center: [AREA_B, 121.5], radiusMeters: 500, responsible: INSPECTOR_B },
    ],
    ADMIN,
    at,
  );
  const services = createReportServices({ db, clock: h.clock, logger: silentLogger });
  const uploads: Uploaded[] = [];
  const deps: DashboardDeps = {
    db,
    clock: h.clock,
    logger: silentLogger,
    translate: (locale, key, vars) => h.i18n.t(locale, key, vars),
    workflow: services.workflow,
    refreshViews: services.refreshViews,
    telegramFile: async (fileId, kind) => {
      if (fileId.startsWith("missing")) return undefined;
      return kind === "audio"
        ? { body: voiceBytes(fileId).slice().buffer, contentType: "audio/ogg" }
        : { body: PHOTO_BYTES.slice().buffer, contentType: "image/jpeg" };
    },
    uploadPhoto: async (input) => {
      if (world.failUploads) throw new Error("Forbidden: bot can't initiate conversation with a user");
      const fileId = `after-${uploads.length + 1}`;
      uploads.push({ ...input, fileId });
      return { fileId, fileUniqueId: `u-${fileId}` };
    },
    sessionHours: options.sessionHours ?? 12,
    secureCookies: options.secureCookies ?? false,
    mapTiles: options.mapTiles,
  };
  const u = updates();
  const world: World = {
    h,
    home,
    other,
    dashboard: createDashboard(deps),
    deps,
    uploads,
    failUploads: false,
    async file(resident, latitude, fileOptions = {}) {
      await joinHome(db, resident, `R${resident}`, "en", home, h.clock.now());
      const id = await fileReport(h, db, u, resident, latitude, fileOptions);
      const [row] = await db.select({ number: reports.number }).from(reports).where(eq(reports.id, id));
      return { id, number: row!.number };
    },
  };
  return world;
}

/**
 * A member of the home community: with two communities a newcomer would be asked which one at
 * /start, so the tests' people are placed at home beforehand.
 */
async function joinHome(db: Database, id: number, firstName: string, languageCode: string, home: number, at: Date): Promise<void> {
  await recordUser(db, { id, firstName, languageCode }, at);
  await db.update(users).set({ communityId: home }).where(eq(users.id, id));
}

/** A report in the other community, filed through the reports service. */
export async function fileElsewhere(db: Database, other: number, reporter: number, description: string, at: Date): Promise<number> {
  const [category] = await db.select().from(reportCategories).where(eq(reportCategories.communityId, other)).limit(1);
  const result = await createReport(
    db,
    {
      clientKey: `elsewhere-${description}`,
      communityId: other,
      reporterId: reporter,
      categoryId: category!.id,
      description,
      voiceFileId: null,
      photos: [],
      location: null,
      address: null,
      areaId: null,
      anonymous: false,
    },
    { dailyLimit: 100, duplicateRadiusMeters: 50, duplicateWindowDays: 14 },
    at,
  );
  if (!result.ok) throw new Error(result.reason);
  return result.number;
}

/** A browser: keeps the session cookie, reads the CSRF token from the pages it gets. */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  lastSetCookie: string | undefined;

  constructor(private readonly world: World) {}

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; text: string; location: string | null; headers: Headers }> {
    const headers = new Headers(init.headers);
    // A browser set to English: pages for nobody in particular speak it (people's own pages speak theirs).
    if (!headers.has("Accept-Language")) headers.set("Accept-Language", "en-GB,en;q=0.9");
    if (this.cookie) headers.set("Cookie", this.cookie);
    const response = await this.world.dashboard.request(`http://dashboard.test${path}`, { ...init, headers, redirect: "manual" });
    const setCookie = response.headers.get("Set-Cookie");
    if (setCookie) {
      this.lastSetCookie = setCookie;
      const [pair] = setCookie.split(";");
      this.cookie = /=$/.test(pair!) || /Max-Age=0/i.test(setCookie) ? undefined : pair;
    }
    const text = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (csrf) this.csrf = csrf;
    return { status: response.status, text, location: response.headers.get("Location"), headers: response.headers };
  }

  get(path: string) {
    return this.request(path);
  }

  /** A form post; the CSRF token is added unless the test leaves it out or forges one. */
  post(path: string, fields: Record<string, string> = {}, options: { csrf?: string | false } = {}) {
    const body = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) body.set("_csrf", csrf);
    return this.request(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  /** A form with files, as a browser sends it (multipart); the CSRF token as in `post`. */
  postFiles(
    path: string,
    fields: Record<string, string>,
    files: Array<{ name: string; bytes: Uint8Array; filename: string; type?: string }>,
    options: { csrf?: string | false } = {},
  ) {
    const body = new FormData();
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) body.set("_csrf", csrf);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    for (const file of files) body.append(file.name, new File([file.bytes], file.filename, { type: file.type ?? "application/octet-stream" }));
    return this.request(path, { method: "POST", body });
  }

  /** Signs in with a fresh link for this member (as /dashboard gives it) and opens the list. */
  async signIn(userId: number, communityId: number, clock: FakeClock): Promise<void> {
    const link = await createSignInLink(this.world.deps.db, { userId, communityId, at: clock.now() });
    if (!link) throw new Error(`${userId} may not open the dashboard`);
    const answer = await this.post("/dashboard/sign-in", { token: link.token }, { csrf: false });
    if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}: ${answer.text}`);
    await this.get("/dashboard/reports");
  }
}
