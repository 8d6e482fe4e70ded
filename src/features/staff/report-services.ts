import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import type { Deliverer } from "../../outbox/sender.js";
import { combineNotifiers } from "../reports/notifier.js";
import { deliverResidentNotice, REPORT_NOTICE, residentNotifier } from "../reports/resident-notices.js";
import { createReportWorkflow, type ReportServices } from "../reports/workflow.js";
import { assigneeNotifier, deliverTaskAssigned, refreshStaffCards, STAFF_CARD, staffCardDeliverer, staffCardNotifier, TASK_ASSIGNED } from "./card-notifier.js";

/**
 * Who hears about reports: the reporter and supporters in private, staff through the group
 * card, the assignee in private. Staff plug their card into the reports' notifier here, at
 * start-up (the bot and the jobs call this), so the reports feature never reaches for staff.
 */
export function createReportServices(deps: { db: Database; clock: Clock; logger: Logger }): ReportServices {
  const notifier = combineNotifiers([residentNotifier, staffCardNotifier, assigneeNotifier]);
  return {
    notifier,
    workflow: createReportWorkflow({ db: deps.db, clock: deps.clock, logger: deps.logger, notifier }),
    refreshViews: refreshStaffCards,
  };
}

/** How the outbox sends what the report notifiers wrote. */
export function reportDeliverers(db: Database): Record<string, Deliverer> {
  return { [REPORT_NOTICE]: deliverResidentNotice, [STAFF_CARD]: staffCardDeliverer(db), [TASK_ASSIGNED]: deliverTaskAssigned };
}
