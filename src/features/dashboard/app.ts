import { readFile } from "node:fs/promises";
import { timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import { isLocale, resolveLocale, type Locale, type Translate } from "../../i18n.js";
import { roleNameKeys } from "../accounts/roles.js";
import { findCommunity } from "../accounts/service.js";
import { SESSION_COOKIE, type DashboardDeps, type DashboardEnv, type SignedIn } from "./context.js";
import { broadcastRoutes } from "./broadcast-routes.js";
import { dailyRoutes } from "./daily-routes.js";
import { eventRoutes } from "./event-routes.js";
import { lectureRoutes } from "./lecture-routes.js";
import { reportRoutes } from "./report-routes.js";
import { RESOLVE_FORM_MAX_BYTES } from "./resolve-action.js";
import { volunteerRoutes } from "./volunteer-routes.js";
import { endSession, loadSession, peekSignIn, redeemSignIn, setSessionLocale, type DashboardSession, type PersonLanguage } from "./sessions.js";
import { messagePage, page, type Frame, type Viewer } from "./views/layout.js";

const staticFiles: Record<string, string> = {
  "dashboard.css": "text/css; charset=utf-8",
  "dashboard.js": "text/javascript; charset=utf-8",
};
const publicDirectory = new URL("./public/", import.meta.url);

/**
 * Nothing from elsewhere: no scripts, styles, images, voice notes, frames or form targets but our
 * own; images also from the map's tile server when one is set (its origin only).
 */
function contentSecurityPolicy(mapTiles: string | undefined): string {
  const tileOrigin = mapTiles ? ` ${new URL(mapTiles.replace(/\{[zxy]\}/g, "0")).origin}` : "";
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'${tileOrigin}; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

function translator(deps: DashboardDeps, locale: Locale): Translate {
  return (key, vars) => deps.translate(locale, key, vars);
}

/**
 * Before signing in: the language the address asks for, else the person's when the link or the
 * cookie says who they are, else the browser's, else Chinese.
 */
function anonymousLocale(c: Context, person?: PersonLanguage): Locale {
  const asked = c.req.query("lang");
  if (isLocale(asked)) return asked;
  if (person) return isLocale(person.sessionLocale) ? person.sessionLocale : resolveLocale(person.locale, person.telegramLanguage);
  const accepted = (c.req.header("Accept-Language") ?? "").split(",")[0]?.trim() ?? "";
  return resolveLocale(null, accepted || null);
}

const roleOrder = ["admin", "staff", "inspector"] as const;

function viewerOf(session: DashboardSession, communityName: string, t: Translate): Viewer {
  const role = roleOrder.find((r) => session.roles.includes(r)) ?? "inspector";
  return { name: session.name, roleLabel: t(roleNameKeys[role]), communityName, csrf: session.csrfToken, staff: role !== "inspector" };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The staff dashboard under /dashboard on the bot's own HTTP server. */
export function createDashboard(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>().basePath("/dashboard");
  const cookieOptions = { path: "/dashboard", httpOnly: true, sameSite: "Lax", secure: deps.secureCookies } as const;
  const policy = contentSecurityPolicy(deps.mapTiles);

  app.use(async (c, next) => {
    await next();
    c.header("Content-Security-Policy", policy);
    c.header("X-Content-Type-Options", "nosniff");
    // The sign-in address carries its token: no page of ours hands its address to anyone.
    c.header("Referrer-Policy", "no-referrer");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });

  // A form posted from another site is refused before anything else looks at it.
  app.use(async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.header("Sec-Fetch-Site") === "cross-site") {
      const t = translator(deps, anonymousLocale(c));
      return c.html(messagePage({ locale: anonymousLocale(c), t, title: t("dashboard-title") }, t("dashboard-csrf")), 403);
    }
    await next();
  });

  // Nothing bigger than our largest form (a resolve with its after-photos) is read at all.
  app.use(
    bodyLimit({
      maxSize: RESOLVE_FORM_MAX_BYTES,
      onError: (c) => {
        const t = translator(deps, anonymousLocale(c));
        return c.html(messagePage({ locale: anonymousLocale(c), t, title: t("dashboard-title") }, t("dashboard-upload-too-large")), 413);
      },
    }),
  );

  app.get("/static/:file", async (c) => {
    const type = staticFiles[c.req.param("file")];
    if (!type) return c.notFound();
    const body = await readFile(new URL(c.req.param("file"), publicDirectory));
    return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=300" });
  });

  const anonymousFrame = (c: Context, person?: PersonLanguage): Frame => {
    const locale = anonymousLocale(c, person);
    const t = translator(deps, locale);
    return { locale, t, title: t("dashboard-title") };
  };
  const pleaseSignIn = (c: Context, key: string, status: 200 | 401, person?: PersonLanguage) => {
    const frame = anonymousFrame(c, person);
    return c.html(messagePage(frame, frame.t(key, { hours: deps.sessionHours })), status);
  };

  app.get("/", async (c) => {
    const result = await loadSession(deps.db, getCookie(c, SESSION_COOKIE), deps.clock.now());
    if (result.ok) return c.redirect("/dashboard/reports", 303);
    return pleaseSignIn(c, "dashboard-session-none", 200);
  });

  const linkRefusals = {
    unknown: "dashboard-link-unknown",
    used: "dashboard-link-used",
    expired: "dashboard-link-expired",
    "not-allowed": "dashboard-link-not-allowed",
  };

  // The link from the bot: one press signs in (a robot fetching the address uses nothing up).
  app.get("/sign-in", async (c) => {
    const token = c.req.query("token");
    const peek = await peekSignIn(deps.db, token, deps.clock.now());
    if (!peek.ok) return pleaseSignIn(c, linkRefusals[peek.reason], 401, peek.language);
    const locale = isLocale(c.req.query("lang")) ? (c.req.query("lang") as Locale) : resolveLocale(peek.locale, peek.telegramLanguage);
    const t = translator(deps, locale);
    const frame: Frame = { locale, t, title: t("dashboard-sign-in-title") };
    return c.html(
      page(
        frame,
        html`<section class="message sign-in">
          <h1>${t("dashboard-sign-in-title")}</h1>
          <p>${t("dashboard-sign-in-as", { name: peek.name })}</p>
          <form method="post" action="/dashboard/sign-in">
            <input type="hidden" name="token" value="${token}" />
            <button type="submit" data-testid="sign-in">${t("dashboard-sign-in-button")}</button>
          </form>
        </section>`,
      ),
    );
  });

  app.post("/sign-in", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token : "";
    const result = await redeemSignIn(deps.db, { token, at: deps.clock.now(), sessionHours: deps.sessionHours });
    if (!result.ok) {
      deps.logger.warn({ reason: result.reason }, "dashboard sign-in refused");
      return pleaseSignIn(c, linkRefusals[result.reason], 401, result.language);
    }
    setCookie(c, SESSION_COOKIE, result.sessionId, { ...cookieOptions, expires: result.expiresAt });
    return c.redirect("/dashboard/reports", 303);
  });

  // Everything below needs a live session; what changes something also needs the session's CSRF token.
  const signedIn = createMiddleware<DashboardEnv>(async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    const result = await loadSession(deps.db, sessionId, deps.clock.now());
    if (!result.ok) {
      if (sessionId !== undefined) deleteCookie(c, SESSION_COOKIE, cookieOptions);
      const keys = {
        none: "dashboard-session-none",
        expired: "dashboard-session-expired",
        ended: "dashboard-session-none",
        revoked: "dashboard-session-revoked",
      };
      return pleaseSignIn(c, keys[result.reason], 401, result.language);
    }
    const { session } = result;
    const community = await findCommunity(deps.db, session.communityId);
    const locale = isLocale(session.sessionLocale) ? session.sessionLocale : resolveLocale(session.locale, session.telegramLanguage);
    const t = translator(deps, locale);
    if (!community) return pleaseSignIn(c, "dashboard-session-none", 401);
    const viewer = viewerOf(session, community.name, t);
    const state: SignedIn = {
      session,
      sessionId: sessionId!,
      community,
      locale,
      t,
      frame: (title, path) => ({ locale, t, title, viewer, path }),
    };
    c.set("signedIn", state);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      const given = typeof form._csrf === "string" ? form._csrf : "";
      if (!sameSecret(given, session.csrfToken)) {
        deps.logger.warn({ user: session.userId, path: c.req.path }, "dashboard form without a valid CSRF token refused");
        return c.html(messagePage(state.frame(t("dashboard-title")), t("dashboard-csrf"), { href: "/dashboard/reports", label: t("dashboard-back") }), 403);
      }
    }
    await next();
  });

  // Every other address needs a session: a new page is closed until it is opened here on purpose.
  const open = new Set(["/dashboard", "/dashboard/", "/dashboard/sign-in"]);
  app.use("/*", (c, next) => (open.has(c.req.path) || c.req.path.startsWith("/dashboard/static/") ? next() : signedIn(c, next)));

  app.post("/logout", async (c) => {
    const { sessionId, frame, t } = c.get("signedIn");
    await endSession(deps.db, sessionId, deps.clock.now());
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
    const signedOut = frame(t("dashboard-title"));
    return c.html(messagePage({ ...signedOut, viewer: undefined }, t("dashboard-signed-out")));
  });

  app.post("/language", async (c) => {
    const { sessionId } = c.get("signedIn");
    const form = await c.req.parseBody();
    if (isLocale(form.locale)) await setSessionLocale(deps.db, sessionId, form.locale);
    // Only a path of our own: never a redirect to somewhere else.
    const back =
      typeof form.back === "string" && /^\/dashboard(\/[\w\-/?=&%.+]*)?$/.test(form.back) && !form.back.startsWith("//") ? form.back : "/dashboard/reports";
    return c.redirect(back, 303);
  });

  reportRoutes(app, deps);
  dailyRoutes(app, deps);
  volunteerRoutes(app, deps);
  eventRoutes(app, deps);
  lectureRoutes(app, deps);
  broadcastRoutes(app, deps);
  return app;
}
