import type { Api } from "grammy";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { pruneUpdateLedger } from "../db/update-ledger.js";
import { broadcastJobs } from "../features/broadcasts/jobs.js";
import { DEFAULT_BROADCAST_CONFIG } from "../features/broadcasts/config.js";
import { DAILY_REPORT_HOUR, evaluationJobs } from "../features/evaluation/feature.js";
import type { EvaluationJobDeps } from "../features/evaluation/jobs.js";
import { createReportServices } from "../features/staff/report-services.js";
import { overdueSweep } from "../features/staff/overdue-job.js";
import type { Logger } from "../logger.js";
import { pruneOutbox } from "../outbox/settle.js";
import { pruneSignIns } from "../features/dashboard/sessions.js";
import { remindersOf, signupMessages } from "../features/events/messages.js";
import { DEFAULT_SIGNUP_RULES, expireOffers } from "../features/events/signups.js";
import { askAttendeesForFeedback, LECTURE_FEEDBACK_JOB } from "../features/lectures/feedback-job.js";
import type { JobKind } from "./queue.js";
import type { JobHandler, Schedule } from "./runner.js";

const LEDGER_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** An occurrence key per hour or day: two instances ticking enqueue the same job once. */
export const hourKey = (at: Date) => at.toISOString().slice(0, 13);
export const dayKey = (at: Date) => at.toISOString().slice(0, 10);
export const minuteKey = (at: Date) => at.toISOString().slice(0, 16);
export const fiveMinuteKey = (at: Date) => `${at.toISOString().slice(0, 14)}${String(Math.floor(at.getUTCMinutes() / 5) * 5).padStart(2, "0")}`;

/** Enqueues `name` once per period, as soon as the period has begun. */
export function everyPeriod(name: string, key: (at: Date) => string): Schedule {
  return {
    name,
    enqueueDue: async (now, queue) => {
      await queue.enqueue(name, {}, { runAt: now, singletonKey: `${name}:${key(now)}` });
    },
  };
}

export interface AppJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  api: Api;
  i18n: EvaluationJobDeps["i18n"];
  config: Pick<Config, "REPORT_AUTO_CLOSE_DAYS"> & Partial<Pick<Config, "DAILY_REPORT_HOUR" | "broadcast" | "EVENT_REMINDERS" | "LECTURE_REMINDERS">>;
}

/** The background work of the whole app: what each job does and when it is due. */
export function appJobs(deps: AppJobDeps): { handlers: Record<string, JobHandler>; schedules: Schedule[]; kinds: Record<string, JobKind> } {
  const { workflow } = createReportServices(deps);
  const evaluation = evaluationJobs(deps, { dailyReportHour: deps.config.DAILY_REPORT_HOUR ?? DAILY_REPORT_HOUR });
  const broadcasts = broadcastJobs({ ...deps, broadcast: deps.config.broadcast ?? DEFAULT_BROADCAST_CONFIG });
  return {
    handlers: {
      ...evaluation.handlers,
      ...broadcasts.handlers,
      "reports.auto-close": async () => {
        const closed = await workflow.autoCloseUnanswered(deps.config.REPORT_AUTO_CLOSE_DAYS);
        if (closed.length > 0) deps.logger.info({ closed: closed.length }, "reports closed without an answer");
      },
      "reports.overdue": async () => {
        const told = await overdueSweep(deps)();
        if (told > 0) deps.logger.info({ told }, "overdue reports announced");
      },
      "ledger.prune": async () => {
        const before = new Date(deps.clock.now().getTime() - LEDGER_RETENTION_MS);
        await pruneUpdateLedger(deps.db, before);
        await pruneOutbox(deps.db, before);
        await pruneSignIns(deps.db, deps.clock.now());
      },
      // Attendees of a lecture that has ended are asked for a rating, however they were checked in.
      [LECTURE_FEEDBACK_JOB]: async () => {
        const asked = await askAttendeesForFeedback(deps.db, deps.clock.now());
        if (asked > 0) deps.logger.info({ asked }, "lecture attendees asked for feedback");
      },
      // A seat offered to the next in line and not taken in time passes on.
      "events.offers": async () => {
        const offered = await expireOffers(
          deps.db,
          deps.clock.now(),
          DEFAULT_SIGNUP_RULES,
          signupMessages(() => deps.clock.now(), remindersOf(deps.config)),
        );
        if (offered.length > 0) deps.logger.info({ offered: offered.length }, "lapsed seat offers passed on");
      },
    },
    schedules: [
      ...evaluation.schedules,
      ...broadcasts.schedules,
      everyPeriod("reports.overdue", fiveMinuteKey),
      everyPeriod("reports.auto-close", hourKey),
      everyPeriod("ledger.prune", dayKey),
      everyPeriod("events.offers", fiveMinuteKey),
      everyPeriod(LECTURE_FEEDBACK_JOB, minuteKey),
    ],
    kinds: { ...broadcasts.kinds },
  };
}
