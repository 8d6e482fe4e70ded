import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { applyReportAction, ReportActionError, resolvedUnansweredBefore, type Actor, type ReportChange } from "./actions.js";
import type { ReportNotifier } from "./notifier.js";
import type { PhotoRef } from "./service.js";

/**
 * The staff and resident actions on a report, as the staff chat buttons, the resident's
 * answers and a later dashboard call them: the transition and the messages that tell the
 * people concerned (outbox rows) commit together, and are sent after.
 */
export function createReportWorkflow(deps: { db: Database; clock: Clock; notifier: ReportNotifier; logger: Logger }) {
  const act = (input: Parameters<typeof applyReportAction>[1]): Promise<ReportChange> =>
    applyReportAction(deps.db, input, deps.clock.now(), (tx, change) => deps.notifier.reportChanged(tx, change));
  return {
    act,
    accept: (reportId: number, actor: Actor) => act({ reportId, actor, action: "accept" }),
    assign: (reportId: number, actor: Actor, assigneeId: number) => act({ reportId, actor, action: "assign", assigneeId }),
    start: (reportId: number, actor: Actor) => act({ reportId, actor, action: "start" }),
    handBack: (reportId: number, actor: Actor, note?: string) => act({ reportId, actor, action: "handBack", note }),
    resolve: (reportId: number, actor: Actor, note: string, photos: PhotoRef[] = [], noteByLocale?: Record<string, string>) =>
      act({ reportId, actor, action: "resolve", note, photos, noteByLocale }),
    reject: (reportId: number, actor: Actor, reason: string, noteByLocale?: Record<string, string>) =>
      act({ reportId, actor, action: "reject", note: reason, noteByLocale }),
    markDuplicate: (reportId: number, actor: Actor, duplicateOfId: number) => act({ reportId, actor, action: "markDuplicate", duplicateOfId }),
    close: (reportId: number, actor: Actor, note?: string) => act({ reportId, actor, action: "close", note }),
    reopen: (reportId: number, actor: Actor, words: { note?: string; voiceFileId?: string; photos?: PhotoRef[] } = {}) =>
      act({ reportId, actor, action: "reopen", ...words }),

    /**
     * Closes reports the reporter left unanswered for `days` after "resolved". Safe to run on
     * several instances at once: a report another instance (or the reporter) closed first is
     * skipped, so each is closed and announced once.
     */
    async autoCloseUnanswered(days: number): Promise<ReportChange[]> {
      const cutoff = new Date(deps.clock.now().getTime() - days * 86_400_000);
      const closed: ReportChange[] = [];
      const skipped = new Set<number>();
      for (;;) {
        const ids = (await resolvedUnansweredBefore(deps.db, cutoff, 100 + skipped.size)).filter((id) => !skipped.has(id));
        if (ids.length === 0) return closed;
        for (const id of ids) {
          try {
            closed.push(await act({ reportId: id, actor: "system", action: "close" }));
          } catch (error) {
            if (!(error instanceof ReportActionError)) throw error;
            skipped.add(id);
          }
        }
      }
    },
  };
}

export type ReportWorkflow = ReturnType<typeof createReportWorkflow>;

/** The report workflow and who hears about reports, as the bot, jobs and features receive them. */
export interface ReportServices {
  /** Writes who hears about a report into the outbox, inside the change's transaction. */
  notifier: ReportNotifier;
  workflow: ReportWorkflow;
  /** Inside a transaction: re-render whatever shows these reports to staff (their group cards), e.g. after /forget. */
  refreshViews(tx: Database, reportIds: readonly number[], at: Date): Promise<void>;
}
