import type { I18n } from "@grammyjs/i18n";
import { supportedLocales, type Locale } from "../../i18n.js";

type Translator = Pick<I18n, "t">;

/**
 * The page's own words, from locales/ (## Sandbox). `%1` stands for a value the page fills
 * in itself (a name), since Fluent variables are resolved here on the server.
 */
export function pageStrings(i18n: Translator, locale: Locale): Record<string, string> {
  return {
    title: i18n.t(locale, "sandbox-page-title"),
    banner: i18n.t(locale, "sandbox-banner"),
    persona: i18n.t(locale, "sandbox-persona"),
    roleResident: i18n.t(locale, "sandbox-role-resident"),
    roleVolunteer: i18n.t(locale, "sandbox-role-volunteer"),
    roleInspector: i18n.t(locale, "sandbox-role-inspector"),
    roleStaff: i18n.t(locale, "sandbox-role-staff"),
    roleAdmin: i18n.t(locale, "sandbox-role-admin"),
    chatPrivate: i18n.t(locale, "sandbox-chat-private"),
    chats: i18n.t(locale, "sandbox-chats"),
    language: i18n.t(locale, "sandbox-language"),
    menu: i18n.t(locale, "sandbox-menu"),
    newPersona: i18n.t(locale, "sandbox-new-persona"),
    newPersonaName: i18n.t(locale, "sandbox-new-persona-name"),
    newPersonaRole: i18n.t(locale, "sandbox-new-persona-role"),
    newPersonaLanguage: i18n.t(locale, "sandbox-new-persona-language"),
    newPersonaCreate: i18n.t(locale, "sandbox-new-persona-create"),
    personaLanguageZh: i18n.t(locale, "sandbox-persona-language-zh"),
    personaLanguageEn: i18n.t(locale, "sandbox-persona-language-en"),
    seed: i18n.t(locale, "sandbox-seed"),
    seedRunning: i18n.t(locale, "sandbox-seed-running"),
    cancel: i18n.t(locale, "sandbox-cancel"),
    close: i18n.t(locale, "sandbox-close"),
    ok: i18n.t(locale, "sandbox-ok"),
    inputPlaceholder: i18n.t(locale, "sandbox-input-placeholder"),
    send: i18n.t(locale, "sandbox-send"),
    start: i18n.t(locale, "sandbox-start"),
    emptyChat: i18n.t(locale, "sandbox-empty-chat"),
    emptyGroup: i18n.t(locale, "sandbox-empty-group"),
    attach: i18n.t(locale, "sandbox-attach"),
    attachPhoto: i18n.t(locale, "sandbox-attach-photo"),
    attachVoice: i18n.t(locale, "sandbox-attach-voice"),
    attachLocation: i18n.t(locale, "sandbox-attach-location"),
    attachContact: i18n.t(locale, "sandbox-attach-contact"),
    commands: i18n.t(locale, "sandbox-commands"),
    commandsNone: i18n.t(locale, "sandbox-commands-none"),
    locationTitle: i18n.t(locale, "sandbox-location-title"),
    locationHint: i18n.t(locale, "sandbox-location-hint"),
    latitude: i18n.t(locale, "sandbox-latitude"),
    longitude: i18n.t(locale, "sandbox-longitude"),
    locationSend: i18n.t(locale, "sandbox-location-send"),
    locationInvalid: i18n.t(locale, "sandbox-location-invalid"),
    location: i18n.t(locale, "sandbox-location"),
    typing: i18n.t(locale, "sandbox-typing"),
    edited: i18n.t(locale, "sandbox-edited"),
    voice: i18n.t(locale, "sandbox-voice"),
    openFile: i18n.t(locale, "sandbox-open-file"),
    joined: i18n.t(locale, "sandbox-joined", { names: "%1" }),
    left: i18n.t(locale, "sandbox-left", { name: "%1" }),
    buttonUnsupported: i18n.t(locale, "sandbox-button-unsupported"),
    error: i18n.t(locale, "sandbox-error"),
    reconnecting: i18n.t(locale, "sandbox-reconnecting"),
    sending: i18n.t(locale, "sandbox-sending"),
    locationLive: i18n.t(locale, "sandbox-location-live"),
    liveDevice: i18n.t(locale, "sandbox-live-device"),
    liveSharing: i18n.t(locale, "sandbox-live-sharing", { count: "%1" }),
    liveSimulated: i18n.t(locale, "sandbox-live-simulated"),
    liveFromDevice: i18n.t(locale, "sandbox-live-from-device"),
    liveStop: i18n.t(locale, "sandbox-live-stop"),
    liveEnded: i18n.t(locale, "sandbox-live-ended"),
    liveLocation: i18n.t(locale, "sandbox-live-location"),
    liveFallback: i18n.t(locale, "sandbox-live-fallback"),
  };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** JSON inside <script>: nothing in it may close the element or open a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

/**
 * The web chat page: a static shell with its words in the chosen language; app.js draws the
 * chat. No build step, no framework, nothing fetched from the network.
 */
export function renderPage(i18n: Translator, locale: Locale, boot: Record<string, unknown>): string {
  const s = pageStrings(i18n, locale);
  const h = (key: string): string => escapeHtml(s[key] ?? key);
  const languageLinks = supportedLocales
    .map((linkLocale) => {
      const name = escapeHtml(i18n.t(linkLocale, `language-name-${linkLocale}`));
      return linkLocale === locale
        ? `<strong aria-current="true" lang="${linkLocale}">${name}</strong>`
        : `<a href="/?lang=${linkLocale}" lang="${linkLocale}" hreflang="${linkLocale}" data-testid="language-${linkLocale}">${name}</a>`;
    })
    .join(" · ");
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light">
<title>${h("title")}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/static/app.css">
</head>
<body>
<div class="app">
  <header class="top">
    <div class="top-row">
      <label class="persona-picker"><span class="label">${h("persona")}</span>
        <select id="persona" data-testid="persona"></select>
      </label>
      <button type="button" id="menu-button" class="icon-button" aria-haspopup="true" aria-controls="menu" title="${h("menu")}">⋮</button>
    </div>
    <nav id="chats" class="chat-tabs" aria-label="${h("chats")}"></nav>
    <div id="menu" class="menu" hidden>
      <button type="button" id="new-persona">${h("newPersona")}</button>
      <button type="button" id="seed">${h("seed")}</button>
    </div>
    <p class="banner">${h("banner")} <span class="languages" aria-label="${h("language")}">${languageLinks}</span></p>
  </header>
  <main id="messages" class="messages" aria-live="polite"></main>
  <div id="typing" class="typing" hidden></div>
  <div id="status" class="status" hidden></div>
  <div id="reply-keyboard" class="reply-keyboard" hidden></div>
  <div id="attach-menu" class="attach-menu" hidden>
    <button type="button" data-attach="photo">${h("attachPhoto")}</button>
    <button type="button" data-attach="voice">${h("attachVoice")}</button>
    <button type="button" data-attach="location">${h("attachLocation")}</button>
    <button type="button" data-attach="contact">${h("attachContact")}</button>
  </div>
  <div id="commands-menu" class="commands-menu" hidden></div>
  <div id="live-bar" class="live-bar" hidden><span id="live-text"></span><button type="button" id="live-stop" class="secondary">${h("liveStop")}</button></div>
  <button type="button" id="start" class="start-button" hidden>${h("start")}</button>
  <form id="composer" class="composer" autocomplete="off">
    <button type="button" id="attach" class="icon-button" title="${h("attach")}" aria-label="${h("attach")}" aria-controls="attach-menu">📎</button>
    <button type="button" id="commands" class="icon-button" title="${h("commands")}" aria-label="${h("commands")}" aria-controls="commands-menu">/</button>
    <textarea id="text" rows="1" placeholder="${h("inputPlaceholder")}" aria-label="${h("inputPlaceholder")}"></textarea>
    <button type="submit" id="send" class="send-button">${h("send")}</button>
  </form>
  <input type="file" id="photo-file" accept="image/*" hidden>
  <input type="file" id="voice-file" accept="audio/*,.ogg,.oga,.opus,.mp3,.m4a,.wav" hidden>
</div>

<dialog id="location-dialog" class="dialog">
  <form method="dialog" id="location-form">
    <h2>${h("locationTitle")}</h2>
    <p class="hint">${h("locationHint")}</p>
    <div id="map" class="map" role="application" aria-label="${h("locationTitle")}"><div id="map-pin" class="pin" hidden>📍</div></div>
    <div class="coordinates">
      <label>${h("latitude")} <input id="latitude" inputmode="decimal" required></label>
      <label>${h("longitude")} <input id="longitude" inputmode="decimal" required></label>
    </div>
    <p id="location-error" class="error" hidden>${h("locationInvalid")}</p>
    <label class="check"><input type="checkbox" id="live-device"> ${h("liveDevice")}</label>
    <div class="dialog-buttons">
      <button type="button" id="location-cancel" class="secondary">${h("cancel")}</button>
      <button type="button" id="location-live" class="secondary">${h("locationLive")}</button>
      <button type="submit" id="location-send">${h("locationSend")}</button>
    </div>
  </form>
</dialog>

<dialog id="persona-dialog" class="dialog">
  <form method="dialog" id="persona-form">
    <h2>${h("newPersona")}</h2>
    <label>${h("newPersonaName")} <input id="persona-name" maxlength="64"></label>
    <label>${h("newPersonaRole")}
      <select id="persona-kind">
        <option value="resident">${h("roleResident")}</option>
        <option value="volunteer">${h("roleVolunteer")}</option>
        <option value="inspector">${h("roleInspector")}</option>
        <option value="staff">${h("roleStaff")}</option>
        <option value="admin">${h("roleAdmin")}</option>
      </select>
    </label>
    <label>${h("newPersonaLanguage")}
      <select id="persona-language">
        <option value="zh-hans">${h("personaLanguageZh")}</option>
        <option value="en">${h("personaLanguageEn")}</option>
      </select>
    </label>
    <div class="dialog-buttons">
      <button type="button" id="persona-cancel" class="secondary">${h("cancel")}</button>
      <button type="submit" id="persona-create">${h("newPersonaCreate")}</button>
    </div>
  </form>
</dialog>

<dialog id="alert-dialog" class="dialog">
  <form method="dialog">
    <p id="alert-text"></p>
    <div class="dialog-buttons"><button type="submit">${h("ok")}</button></div>
  </form>
</dialog>

<div id="toast" class="toast" role="status" hidden></div>
<script id="boot" type="application/json">${scriptJson({ ...boot, locale, strings: s })}</script>
<script src="/sandbox/static/app.js" defer></script>
</body>
</html>
`;
}
