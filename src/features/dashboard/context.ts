import type { Context } from "hono";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { Community } from "../../db/schema/index.js";
import type { Locale, Translate } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { PhotoRef } from "../reports/service.js";
import type { ReportServices, ReportWorkflow } from "../reports/workflow.js";
import type { DashboardSession } from "./sessions.js";
import type { Frame } from "./views/layout.js";

/** What the dashboard runs on, given at start-up: the same database and services as the bot. */
export interface DashboardDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  translate: (locale: string, key: string, vars?: Record<string, string | number>) => string;
  /** The report actions, as the staff group's buttons call them (outbox, card edits, audit). */
  workflow: Pick<ReportWorkflow, "accept" | "assign" | "reject" | "markDuplicate" | "close" | "reopen" | "resolve">;
  /** Re-renders the staff group's cards of these reports, inside a transaction (after hiding what a report shows). */
  refreshViews: ReportServices["refreshViews"];
  /**
   * A Telegram file by its id, fetched with the bot's token on the server (the token never
   * reaches the browser); undefined when Telegram has no such file.
   */
  telegramFile: (fileId: string, kind?: "image" | "audio") => Promise<{ body: ReadableStream<Uint8Array> | ArrayBuffer; contentType: string } | undefined>;
  /**
   * Sends a photo to a staff member's private chat with the bot and answers Telegram's file id
   * for it (the largest size): reports keep photos as file ids, so an after-photo uploaded in the
   * browser becomes one this way. Throws when Telegram refuses it.
   */
  uploadPhoto: (input: { chatId: number; bytes: Uint8Array; filename: string; caption: string }) => Promise<PhotoRef>;
  /** How long a sign-in lasts (DASHBOARD_SESSION_HOURS). */
  sessionHours: number;
  /** Cookies only over https: true when the public URL is https. */
  secureCookies: boolean;
  /** A map tile URL template ({z}/{x}/{y}), or none: the map on a plain background. */
  mapTiles?: string | undefined;
}

/** What the session middleware leaves for the routes behind it. */
export interface SignedIn {
  session: DashboardSession;
  sessionId: string;
  community: Community;
  locale: Locale;
  t: Translate;
  /** The page frame for this person (header, language, sign-out), with a title. */
  frame: (title: string, path?: string) => Frame;
}

export type DashboardEnv = { Variables: { signedIn: SignedIn } };
export type DashboardContext = Context<DashboardEnv>;

export const SESSION_COOKIE = "dashboard_session";
