import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { combineNotifiers, type ReportNotifier } from "../features/reports/notifier.js";
import { createTelegramReportNotifier } from "../features/reports/telegram-notifier.js";
import { createReportWorkflow, type ReportWorkflow } from "../features/reports/workflow.js";
import { createAssigneeNotifier, createStaffCardNotifier } from "../features/staff/card-notifier.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";

export interface ReportServices {
  /** Tells residents and the staff group about a report. */
  notifier: ReportNotifier;
  workflow: ReportWorkflow;
}

/**
 * Who hears about reports: the reporter and supporters in private, staff through the group
 * card, the assignee in private.
 */
export function createReportServices(deps: { api: Api; db: Database; i18n: I18n<BotContext>; clock: Clock; logger: Logger }): ReportServices {
  const notifier = combineNotifiers([createTelegramReportNotifier(deps), createStaffCardNotifier(deps), createAssigneeNotifier(deps)], (error) =>
    deps.logger.warn({ err: error }, "a report notification failed"),
  );
  return { notifier, workflow: createReportWorkflow({ db: deps.db, clock: deps.clock, logger: deps.logger, notifier }) };
}
