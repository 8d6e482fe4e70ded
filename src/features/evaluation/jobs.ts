import type { I18n } from "@grammyjs/i18n";
import { type Api, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { communities } from "../../db/schema/index.js";
import type { JobHandler, Schedule } from "../../jobs/runner.js";
import type { Logger } from "../../logger.js";
import { findCommunity } from "../accounts/service.js";
import { addLocalDays } from "../../time.js";
import { DAILY_CHART_DAYS, dailyPicture } from "./charts/pictures.js";
import { recordDay, storedDay } from "./daily.js";
import { enqueueMessages, Priority } from "../../outbox/enqueue.js";
import type { Deliverer } from "../../outbox/sender.js";
import { renderDailyReport } from "./daily-view.js";
import { addDays, DEFAULT_TIMEZONE, dayIn, hourIn, isDay } from "./days.js";
import { splitMessage } from "./messages.js";
import { daysOf, reportCategories, reportsPerDay } from "./series.js";

/** Local hour (community time zone) at which the daily report is recorded and posted: 18:00. */
export const DAILY_REPORT_HOUR = 18;
export const DAILY_REPORT_JOB = "evaluation.daily-report";

export interface EvaluationJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  api: Api;
  i18n: I18n<BotContext>;
}

export interface EvaluationJobOptions {
  /** 0–23, in each community's time zone; default DAILY_REPORT_HOUR. */
  dailyReportHour?: number;
}

/** The job's occurrence key: one per community per local day, however many instances tick. */
export const dailyReportKey = (communityId: number, day: string) => `${DAILY_REPORT_JOB}:${communityId}:${day}`;

/**
 * Once the hour has come in a community's time zone, its daily report for the local day is put
 * on the queue, once (singleton key). A day whose hour passed while no instance was running is
 * not caught up later: /daily shows it on demand.
 */
export function dailyReportSchedule(db: Database, hour: number, logger: Logger): Schedule {
  return {
    name: DAILY_REPORT_JOB,
    enqueueDue: async (now, queue) => {
      const rows = await db.select({ id: communities.id, timezone: communities.timezone }).from(communities);
      for (const community of rows) {
        try {
          const tz = community.timezone || DEFAULT_TIMEZONE;
          if (hourIn(now, tz) < hour) continue;
          const day = dayIn(now, tz);
          await queue.enqueue(DAILY_REPORT_JOB, { communityId: community.id, day }, { runAt: now, singletonKey: dailyReportKey(community.id, day) });
        } catch (error) {
          logger.error({ err: error, community: community.id }, "could not schedule the daily report");
        }
      }
    },
  };
}

/**
 * The daily report's job: the day is recorded (日记录, once) and posted to the community's staff
 * group in Chinese, the group's language.
 */
export function dailyReportHandler(deps: EvaluationJobDeps): JobHandler {
  return async (payload) => {
    const { communityId, day } = (payload ?? {}) as { communityId?: unknown; day?: unknown };
    if (typeof communityId !== "number" || typeof day !== "string" || !isDay(day)) {
      deps.logger.warn({ payload }, "daily report job with a bad payload dropped");
      return;
    }
    const at = deps.clock.now();
    const { created } = await recordDay(deps.db, communityId, day, at);
    const community = await findCommunity(deps.db, communityId);
    if (!community?.staffGroupChatId) {
      deps.logger.info({ community: communityId, day, created }, "daily report recorded; no staff group to post it to");
      return;
    }
    // Once per community and day, however often the job runs (a retry after a crash): the text,
    // then its chart (one chat's messages go in id order). The chart is a message of its own, so
    // a failed upload is tried again without sending the text twice.
    const message: DailyReportMessage = { communityId, day };
    const toGroup = { chatId: community.staffGroupChatId, payload: message, priority: Priority.group };
    await enqueueMessages(
      deps.db,
      [
        { kind: DAILY_REPORT_MESSAGE, ...toGroup, dedupeKey: dailyMessageKey(communityId, day) },
        { kind: DAILY_CHART_MESSAGE, ...toGroup, dedupeKey: dailyChartKey(communityId, day) },
      ],
      at,
    );
    deps.logger.info({ community: communityId, day, created }, "daily report recorded and handed to the outbox");
  };
}

/** Once per community and day in the outbox, ever. */
const dailyMessageKey = (communityId: number, day: string) => ["daily", communityId, day].join("/");

const dailyChartKey = (communityId: number, day: string) => ["daily-chart", communityId, day].join("/");

/** The outbox kind of a day's report to the staff group, rendered from the stored record when sent. */
export const DAILY_REPORT_MESSAGE = "evaluation.daily";
interface DailyReportMessage {
  communityId: number;
  day: string;
}

export function dailyReportDeliverer(db: Database): Deliverer {
  return async (message, { api, locale, t }) => {
    const { communityId, day } = message.payload as DailyReportMessage;
    if (!isDay(day)) return;
    const figures = await storedDay(db, communityId, day);
    if (!figures) return;
    for (const part of splitMessage(renderDailyReport(figures, locale, t))) await api.sendMessage(message.chatId, part);
  };
}

/**
 * The outbox kind of the daily report's chart: reports per day by kind over the last
 * DAILY_CHART_DAYS days up to the record's cut, drawn as a PNG when it is sent (the outbox row
 * holds only the community and the day). Nothing is sent without a record or with no reports.
 */
export const DAILY_CHART_MESSAGE = "evaluation.daily-chart";

export function dailyChartDeliverer(db: Database): Deliverer {
  return async (message, { api, locale, t }) => {
    const { communityId, day } = message.payload as DailyReportMessage;
    if (!isDay(day)) return;
    const figures = await storedDay(db, communityId, day);
    if (!figures) return;
    const fromUtc = addLocalDays(new Date(figures.to), -DAILY_CHART_DAYS, figures.timezone).toISOString();
    const [perDay, categories] = await Promise.all([
      reportsPerDay(db, communityId, { fromUtc, toUtc: figures.asOf, timezone: figures.timezone }),
      reportCategories(db, communityId),
    ]);
    const days = daysOf(addDays(day, 1 - DAILY_CHART_DAYS), day);
    const picture = await dailyPicture({ communityName: figures.communityName, categories, series: { days, perDay } }, locale, t);
    if (!picture) return;
    await api.sendPhoto(message.chatId, new InputFile(picture.png, `daily-${day}.png`), { caption: picture.title });
  };
}

/** The evaluation feature's background work, in the shape of appJobs: handlers and schedules. */
export function evaluationJobs(deps: EvaluationJobDeps, options: EvaluationJobOptions = {}): { handlers: Record<string, JobHandler>; schedules: Schedule[] } {
  const hour = options.dailyReportHour ?? DAILY_REPORT_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`dailyReportHour must be 0–23, not ${hour}`);
  return {
    handlers: { [DAILY_REPORT_JOB]: dailyReportHandler(deps) },
    schedules: [dailyReportSchedule(deps.db, hour, deps.logger)],
  };
}
