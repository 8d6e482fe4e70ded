import type { ReportChange } from "./actions.js";

/**
 * How the report lifecycle tells people what happened. The domain calls it after each commit;
 * the bot implements it with Telegram messages, tests with a recorder, the staff group issue
 * adds the group card.
 */
export interface ReportNotifier {
  /** A resident filed a new report. */
  reportFiled(event: { reportId: number }): Promise<void>;
  /** A report moved from one state to another. */
  reportChanged(change: ReportChange): Promise<void>;
}

export const silentReportNotifier: ReportNotifier = {
  reportFiled: async () => {},
  reportChanged: async () => {},
};

/** Several notifiers in turn; one failing does not stop the others. */
export function combineNotifiers(notifiers: ReportNotifier[], onError: (error: unknown) => void): ReportNotifier {
  const each = async (call: (n: ReportNotifier) => Promise<void>) => {
    for (const notifier of notifiers) {
      try {
        await call(notifier);
      } catch (error) {
        onError(error);
      }
    }
  };
  return {
    reportFiled: (event) => each((n) => n.reportFiled(event)),
    reportChanged: (change) => each((n) => n.reportChanged(change)),
  };
}
