import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reports, reportSupporters, users, type ReportStatus } from "../../db/schema/index.js";
import { enqueueMessages, Priority } from "../../outbox/enqueue.js";
import type { Deliverer } from "../../outbox/sender.js";
import type { ReportChange } from "./actions.js";
import { fixedKeyboard } from "./keyboards.js";
import type { ReportNotifier } from "./notifier.js";
import { formatReportNumber } from "./numbers.js";

/** The outbox kind of a resident's notice about their (or a supported) report. */
export const REPORT_NOTICE = "report.status";

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

/**
 * What a notice shows, and no more: no person's id rides along (/forget deletes the person's
 * own rows; the notices to others about what they did must not name them either).
 */
interface NoticePayload {
  reportId: number;
  number: number;
  to: ReportStatus;
  note: string | null;
  noteByLocale: Record<string, string> | null;
  duplicateOfNumber: number | null;
  /** The first after-photo of a resolution. */
  photo: string | null;
  /** The reporter gets Fixed / Not fixed where their answer closes the report. */
  askFixed: boolean;
  isReporter: boolean;
}

function noticeOf(change: ReportChange, isReporter: boolean): NoticePayload {
  return {
    reportId: change.reportId,
    number: change.number,
    to: change.to,
    note: change.note,
    noteByLocale: change.noteByLocale,
    duplicateOfNumber: change.duplicateOfNumber,
    photo: change.to === "resolved" ? (change.photoFileIds[0] ?? null) : null,
    askFixed: change.to === "resolved" && isReporter && change.residentMayVerify,
    isReporter,
  };
}

/** The reporter and the supporters who have not blocked the bot. */
async function recipientsOf(db: Database, reportId: number): Promise<Array<{ id: number; isReporter: boolean }>> {
  const rows = await db
    .select({ id: users.id, reporterId: reports.reporterId })
    .from(reports)
    .innerJoin(
      users,
      or(
        eq(users.id, reports.reporterId),
        sql`${users.id} in (select ${reportSupporters.userId} from ${reportSupporters} where ${reportSupporters.reportId} = ${reports.id})`,
      ),
    )
    .where(and(eq(reports.id, reportId), isNull(users.blockedAt)));
  return rows.map((r) => ({ id: r.id, isReporter: r.id === r.reporterId }));
}

/**
 * Tells the reporter and the supporters at every step, each in their language when it is sent.
 * The person who took the action (the reporter pressing "fixed") already has their answer in
 * the chat.
 */
export const residentNotifier: ReportNotifier = {
  reportFiled: async () => {},
  async reportChanged(tx, change) {
    if (!messageKeys[change.to]) return;
    const recipients = (await recipientsOf(tx, change.reportId)).filter((r) => r.id !== change.actorId);
    await enqueueMessages(
      tx,
      recipients.map((r) => ({
        kind: REPORT_NOTICE,
        chatId: r.id,
        userId: r.id,
        payload: noticeOf(change, r.isReporter),
        priority: Priority.person,
      })),
      new Date(change.at),
    );
  },
};

/** In the recipient's language as it is when sent; a resolution comes with its first after-photo. */
export const deliverResidentNotice: Deliverer = async (message, { api, locale, t }) => {
  const notice = message.payload as NoticePayload;
  const key = messageKeys[notice.to];
  if (!key) return;
  const text = t(key, {
    number: formatReportNumber(notice.number),
    note: notice.noteByLocale?.[locale] ?? notice.note ?? "",
    original: notice.duplicateOfNumber ? formatReportNumber(notice.duplicateOfNumber) : "",
    role: notice.isReporter ? "reporter" : "supporter",
  });
  const markup = notice.askFixed ? { reply_markup: fixedKeyboard(notice.reportId, t) } : {};
  if (notice.photo) await api.sendPhoto(message.chatId, notice.photo, { caption: text, ...markup });
  else await api.sendMessage(message.chatId, text, markup);
};
