import type { I18n } from "@grammyjs/i18n";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Api, Middleware } from "grammy";
import type { BotContext, InnerContext } from "./context.js";
import type { ReportServices } from "../features/reports/workflow.js";
import type { UpdateSteps } from "./update-steps.js";

/** Everything a feature may use, injected so tests can swap the clock, database and config. */
export interface AppDeps {
  db: Database;
  /** The bot's API, for messages that are not replies (notifications, jobs). */
  api: Api;
  /** The report workflow and who hears about reports. */
  reports: ReportServices;
  clock: Clock;
  logger: Logger;
  i18n: I18n<BotContext>;
  /** Steps of an update that must not happen twice when the update runs again. */
  steps: UpdateSteps;
  /** Plugins every conversation installs on its fresh contexts (i18n, the member, the logger). */
  conversationPlugins: Middleware<InnerContext>[];
  config: Pick<
    Config,
    | "ADMIN_TELEGRAM_IDS"
    | "FLOOD_LIMIT"
    | "FLOOD_WINDOW_SECONDS"
    | "REPORT_DAILY_LIMIT"
    | "REPORT_DUPLICATE_RADIUS_METERS"
    | "REPORT_DUPLICATE_DAYS"
    | "REPORT_AUTO_CLOSE_DAYS"
  > &
    /** Quiet hours and rate of bulk sends (broadcasts, announcements); the defaults when absent. */
    Partial<Pick<Config, "broadcast" | "EVENT_REMINDERS" | "LECTURE_REMINDERS">> &
    /** Where the dashboard's sign-in links point; without it /dashboard says it is not set up. */
    Partial<Pick<Config, "publicUrl">>;
}
