import { html } from "hono/html";
import type { Locale, Translate } from "../../../i18n.js";

export type Html = ReturnType<typeof html>;

/** Who is signed in, as the header shows them, with the CSRF token their forms carry. */
export interface Viewer {
  name: string;
  roleLabel: string;
  communityName: string;
  csrf: string;
  /** Staff and admins also see the evaluation figures. */
  staff: boolean;
}

export interface Frame {
  locale: Locale;
  t: Translate;
  title: string;
  viewer?: Viewer | undefined;
  /** The path to come back to after a language switch. */
  path?: string | undefined;
}

/** A hidden field with the session's CSRF token: every form that changes something carries one. */
export const csrfField = (viewer: Viewer) => html`<input type="hidden" name="_csrf" value="${viewer.csrf}" />`;

function languageSwitch(frame: Frame): Html {
  const choices: Array<[Locale, string]> = [
    ["zh-CN", "中文"],
    ["en", "English"],
  ];
  if (!frame.viewer) {
    // Before signing in there is nobody to store the choice for: the page's address carries it.
    return html`<nav class="languages" aria-label="${frame.t("dashboard-language")}">
      ${choices.map(([locale, label]) =>
        locale === frame.locale ? html`<strong>${label}</strong>` : html`<a href="?lang=${locale}" lang="${locale}">${label}</a>`,
      )}
    </nav>`;
  }
  return html`<form class="languages" method="post" action="/dashboard/language" aria-label="${frame.t("dashboard-language")}">
    ${csrfField(frame.viewer)}<input type="hidden" name="back" value="${frame.path ?? "/dashboard/reports"}" />
    ${choices.map(([locale, label]) =>
      locale === frame.locale
        ? html`<strong>${label}</strong>`
        : html`<button type="submit" name="locale" value="${locale}" lang="${locale}" data-testid="language-${locale}">${label}</button>`,
    )}
  </form>`;
}

/** The sections; what only staff and admins may open is not offered to an inspector. */
function sections(frame: Frame, viewer: Viewer): Html {
  const links: Array<[string, string, boolean]> = [
    ["/dashboard/reports", "dashboard-nav-reports", true],
    ["/dashboard/map", "dashboard-nav-map", true],
    ["/dashboard/figures", "dashboard-nav-figures", viewer.staff],
    ["/dashboard/daily", "dashboard-nav-daily", viewer.staff],
    ["/dashboard/volunteers", "dashboard-nav-volunteers", viewer.staff],
    ["/dashboard/events", "dashboard-nav-events", viewer.staff],
    ["/dashboard/lectures", "dashboard-nav-lectures", viewer.staff],
    ["/dashboard/broadcasts", "dashboard-nav-broadcasts", viewer.staff],
  ];
  const here = (frame.path ?? "").split("?")[0]!;
  return html`<nav class="sections">${links
    .filter(([, , shown]) => shown)
    .map(([href, key]) =>
      here === href || here.startsWith(`${href}/`)
        ? html`<a href="${href}" aria-current="page">${frame.t(key)}</a>`
        : html`<a href="${href}">${frame.t(key)}</a>`,
    )}</nav>`;
}

/** The page around every view: header with the community and the person, language, sign-out. */
export function page(frame: Frame, body: Html): Html {
  const { t, viewer } = frame;
  return html`<!doctype html>
<html lang="${frame.locale}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${frame.title === t("dashboard-title") ? frame.title : `${frame.title} · ${t("dashboard-title")}`}</title>
    <link rel="stylesheet" href="/dashboard/static/dashboard.css" />
    <script src="/dashboard/static/dashboard.js" defer></script>
  </head>
  <body>
    <header class="top">
      <a class="brand" href="/dashboard/reports">${viewer ? `${viewer.communityName} · ` : ""}${t("dashboard-title")}</a>
      ${viewer ? sections(frame, viewer) : ""}
      <div class="who">
        ${languageSwitch(frame)}
        ${
          viewer
            ? html`<span class="person">${t("dashboard-signed-in-as", { name: viewer.name, role: viewer.roleLabel })}</span>
                <form method="post" action="/dashboard/logout">${csrfField(viewer)}<button type="submit" class="link">${t("dashboard-logout")}</button></form>`
            : ""
        }
      </div>
    </header>
    <main>${body}</main>
  </body>
</html>`;
}

/** A page that only says something (a refused link, a missing report, a form that was out of date). */
export function messagePage(frame: Frame, message: string, action?: { href: string; label: string }): Html {
  return page(
    frame,
    html`<section class="message" role="alert">
      <p>${message}</p>
      ${action ? html`<p><a class="button" href="${action.href}">${action.label}</a></p>` : ""}
    </section>`,
  );
}
