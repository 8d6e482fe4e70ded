import type { I18n } from "@grammyjs/i18n";
import { GrammyError, type Api } from "grammy";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Clock } from "../../clock.js";
import type { BotContext } from "../../bot/context.js";
import type { Database } from "../../db/client.js";
import { reports, reportSupporters, users, type ReportStatus } from "../../db/schema/index.js";
import { resolveLocale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import { setBlocked } from "../accounts/service.js";
import type { ReportChange } from "./actions.js";
import { fixedKeyboard } from "./keyboards.js";
import type { ReportNotifier } from "./notifier.js";
import { formatReportNumber } from "./numbers.js";

/** What the reporter (and each supporter) is told when a report reaches a state. */
const messageKeys: Partial<Record<ReportStatus, string>> = {
  accepted: "report-notify-accepted",
  assigned: "report-notify-assigned",
  in_progress: "report-notify-in-progress",
  resolved: "report-notify-resolved",
  rejected: "report-notify-rejected",
  duplicate: "report-notify-duplicate",
  closed: "report-notify-closed",
  reopened: "report-notify-reopened",
};

interface Recipient {
  id: number;
  locale: string | null;
  telegramLanguage: string | null;
  isReporter: boolean;
}

async function recipientsOf(db: Database, reportId: number): Promise<Recipient[]> {
  const rows = await db
    .select({ id: users.id, locale: users.locale, telegramLanguage: users.telegramLanguage, reporterId: reports.reporterId })
    .from(reports)
    .innerJoin(
      users,
      or(eq(users.id, reports.reporterId), sql`${users.id} in (select ${reportSupporters.userId} from ${reportSupporters} where ${reportSupporters.reportId} = ${reports.id})`),
    )
    .where(and(eq(reports.id, reportId), isNull(users.blockedAt)));
  return rows.map((r) => ({ id: r.id, locale: r.locale, telegramLanguage: r.telegramLanguage, isReporter: r.id === r.reporterId }));
}

/**
 * Tells the reporter and the supporters, each in their language, at every step. The person
 * who took the action (the reporter pressing "fixed") already has their answer in the chat.
 * Only the reporter gets the Fixed / Not fixed question.
 */
export function createTelegramReportNotifier(deps: { api: Api; db: Database; i18n: I18n<BotContext>; clock: Clock; logger: Logger }): ReportNotifier {
  const send = async (recipient: Recipient, change: ReportChange, key: string) => {
    const locale = resolveLocale(recipient.locale, recipient.telegramLanguage);
    const role = recipient.isReporter ? "reporter" : "supporter";
    const text = deps.i18n.t(locale, key, {
      number: formatReportNumber(change.number),
      note: change.noteByLocale?.[locale] ?? change.note ?? "",
      original: change.duplicateOfNumber ? formatReportNumber(change.duplicateOfNumber) : "",
      role,
    });
    const askFixed = change.to === "resolved" && recipient.isReporter && change.residentMayVerify;
    const markup = askFixed ? { reply_markup: fixedKeyboard(change.reportId, (k, v) => deps.i18n.t(locale, k, v)) } : {};
    const photo = change.to === "resolved" ? change.photoFileIds[0] : undefined;
    try {
      if (photo) await deps.api.sendPhoto(recipient.id, photo, { caption: text, ...markup });
      else await deps.api.sendMessage(recipient.id, text, markup);
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        await setBlocked(deps.db, recipient.id, deps.clock.now());
        return;
      }
      deps.logger.warn({ err: error, user: recipient.id, report: change.reportId }, "could not tell a resident about their report");
    }
  };
  return {
    reportFiled: async () => {},
    async reportChanged(change) {
      const key = messageKeys[change.to];
      if (!key) return;
      for (const recipient of await recipientsOf(deps.db, change.reportId)) {
        if (recipient.id === change.actorId) continue;
        await send(recipient, change, key);
      }
    },
  };
}
