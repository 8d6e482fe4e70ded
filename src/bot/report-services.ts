import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { combineNotifiers, type ReportNotifier } from "../features/reports/notifier.js";
import { deliverResidentNotice, REPORT_NOTICE, residentNotifier } from "../features/reports/resident-notices.js";
import { createReportWorkflow, type ReportWorkflow } from "../features/reports/workflow.js";
import { assigneeNotifier, deliverTaskAssigned, STAFF_CARD, staffCardDeliverer, staffCardNotifier, TASK_ASSIGNED } from "../features/staff/card-notifier.js";
import type { Logger } from "../logger.js";
import type { Deliverer } from "../outbox/sender.js";

export interface ReportServices {
  /** Writes who hears about a report into the outbox, inside the change's transaction. */
  notifier: ReportNotifier;
  workflow: ReportWorkflow;
}

/**
 * Who hears about reports: the reporter and supporters in private, staff through the group
 * card, the assignee in private.
 */
export function createReportServices(deps: { db: Database; clock: Clock; logger: Logger }): ReportServices {
  const notifier = combineNotifiers([residentNotifier, staffCardNotifier, assigneeNotifier]);
  return { notifier, workflow: createReportWorkflow({ db: deps.db, clock: deps.clock, logger: deps.logger, notifier }) };
}

/** How the outbox sends what the report notifiers wrote. */
export function reportDeliverers(db: Database): Record<string, Deliverer> {
  return { [REPORT_NOTICE]: deliverResidentNotice, [STAFF_CARD]: staffCardDeliverer(db), [TASK_ASSIGNED]: deliverTaskAssigned };
}
