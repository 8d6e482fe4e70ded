import type { Database } from "../../db/client.js";
import type { ReportChange } from "./actions.js";

/**
 * Who hears about a report, told inside the transaction of the change: each implementation
 * writes its messages into the outbox with that transaction, so they exist exactly when the
 * change does and are sent later, paced, by the outbox sender (src/outbox/). The reports
 * feature defines the interface; the bot wires in the resident notices, the staff card and
 * the assignee's task.
 */
export interface ReportNotifier {
  /** A report was just filed (a resident's Confirm, a patrol finding). */
  reportFiled(tx: Database, event: { reportId: number; at: Date }): Promise<void>;
  /** A report moved from one state to another. */
  reportChanged(tx: Database, change: ReportChange): Promise<void>;
}

export const silentReportNotifier: ReportNotifier = {
  reportFiled: async () => {},
  reportChanged: async () => {},
};

/** Several notifiers in turn, in the same transaction: one failing fails the change. */
export function combineNotifiers(notifiers: readonly ReportNotifier[]): ReportNotifier {
  return {
    async reportFiled(tx, event) {
      for (const notifier of notifiers) await notifier.reportFiled(tx, event);
    },
    async reportChanged(tx, change) {
      for (const notifier of notifiers) await notifier.reportChanged(tx, change);
    },
  };
}
