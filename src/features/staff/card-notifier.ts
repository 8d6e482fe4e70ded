import { InlineKeyboard, type Api } from "grammy";
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, reports } from "../../db/schema/index.js";
import { defaultLocale } from "../../i18n.js";
import { enqueueMessages, Priority, type OutboxDraft } from "../../outbox/enqueue.js";
import type { Deliverer, Translate } from "../../outbox/sender.js";
import type { ReportNotifier } from "../reports/notifier.js";
import { formatReportNumber } from "../reports/numbers.js";
import { taskOpen } from "./keyboards.js";
import { CAPTION_LIMIT, cardKeyboard, renderCard } from "./card-view.js";
import { findCard, loadCardData, saveCard, type CardData } from "./cards.js";

/** Outbox kinds: the report's card in the staff group, and "a task for you" to its assignee. */
export const STAFF_CARD = "staff.card";
export const TASK_ASSIGNED = "report.assigned";

/** The staff group reads the community's language. */
const GROUP_LOCALE = defaultLocale;

/**
 * One card message per report: while one is pending another adds nothing (the deliverer
 * renders the report as it is when it sends).
 */
const cardDraft = (reportId: number, chatId: number): OutboxDraft => ({
  kind: STAFF_CARD,
  chatId,
  payload: { reportId },
  priority: Priority.group,
  topic: `card:${reportId}`,
});

async function staffGroupsOf(db: Database, reportIds: readonly number[]): Promise<Array<{ reportId: number; chatId: number }>> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .select({ reportId: reports.id, chatId: communities.staffGroupChatId })
    .from(reports)
    .innerJoin(communities, eq(communities.id, reports.communityId))
    .where(inArray(reports.id, [...reportIds]));
  return rows.filter((r): r is { reportId: number; chatId: number } => r.chatId !== null);
}

/**
 * Re-renders the cards of these reports from the data as it will be, e.g. inside /forget's
 * transaction once a person is taken off them, instead of leaving them stale until the next
 * staff action.
 */
export async function refreshStaffCards(db: Database, reportIds: readonly number[], at: Date): Promise<void> {
  await enqueueMessages(
    db,
    (await staffGroupsOf(db, reportIds)).map((r) => cardDraft(r.reportId, r.chatId)),
    at,
  );
}

/**
 * Keeps the staff group's picture of each report true: a new report is posted as a card, and
 * every change edits that card in place. A report filed before the group was bound appears in
 * the group at its first change.
 */
export const staffCardNotifier: ReportNotifier = {
  reportFiled: (tx, { reportId, at }) => refreshStaffCards(tx, [reportId], at),
  reportChanged: (tx, change) => refreshStaffCards(tx, [change.reportId], new Date(change.at)),
};

/** Puts the card's current rendering into its message in the group. */
async function editCard(api: Api, t: Translate, card: CardData, stored: { chatId: number; messageId: number; kind: "text" | "photo" }): Promise<void> {
  const markup = cardKeyboard(card, t);
  if (stored.kind === "photo") {
    await api.editMessageCaption(stored.chatId, stored.messageId, {
      caption: renderCard(card, GROUP_LOCALE, card.timezone, t, CAPTION_LIMIT),
      reply_markup: markup,
    });
  } else {
    await api.editMessageText(stored.chatId, stored.messageId, renderCard(card, GROUP_LOCALE, card.timezone, t), { reply_markup: markup });
  }
}

/** The card: its first photo with the text as caption (or the text), then its location and voice. */
async function postCard(api: Api, db: Database, t: Translate, card: CardData, chatId: number): Promise<void> {
  const markup = cardKeyboard(card, t);
  const photo = card.firstPhoto;
  const captioned = { caption: renderCard(card, GROUP_LOCALE, card.timezone, t, CAPTION_LIMIT), reply_markup: markup };
  // An image sent as a file has a file's id, which sendPhoto refuses ("type of file mismatch").
  const sent = !photo
    ? await api.sendMessage(chatId, renderCard(card, GROUP_LOCALE, card.timezone, t), { reply_markup: markup })
    : photo.media === "document"
      ? await api.sendDocument(chatId, photo.fileId, captioned)
      : await api.sendPhoto(chatId, photo.fileId, captioned);
  await saveCard(db, { reportId: card.reportId, chatId, messageId: sent.message_id, kind: photo ? "photo" : "text" });
  const reply = { reply_parameters: { message_id: sent.message_id, allow_sending_without_reply: true } };
  if (card.location) await api.sendLocation(chatId, card.location.latitude, card.location.longitude, reply);
  if (card.voiceFileId) await api.sendVoice(chatId, card.voiceFileId, reply);
}

/** Posts the report's card, or edits the one posted, from the report as it is now. */
export function staffCardDeliverer(db: Database): Deliverer {
  return async (message, { api, t }) => {
    const { reportId } = message.payload as { reportId: number };
    const [card, stored] = await Promise.all([loadCardData(db, reportId), findCard(db, reportId)]);
    if (!card) return;
    if (stored) await editCard(api, t, card, stored);
    else await postCard(api, db, t, card, message.chatId);
  };
}

/** Tells an inspector that a report is now theirs, by hand or by area, unless they did it themselves. */
export const assigneeNotifier: ReportNotifier = {
  async reportFiled(tx, { reportId, at }) {
    const [report] = await tx
      .select({ number: reports.number, assigneeId: reports.assigneeId, reporterId: reports.reporterId })
      .from(reports)
      .where(eq(reports.id, reportId));
    // A patrol finding is assigned to the inspector who found it: they know.
    if (!report?.assigneeId || report.assigneeId === report.reporterId) return;
    await enqueueMessages(tx, [taskDraft(reportId, report.number, report.assigneeId)], at);
  },
  async reportChanged(tx, change) {
    if (change.to !== "assigned" || change.assigneeId === null || change.assigneeId === change.actorId) return;
    await enqueueMessages(tx, [taskDraft(change.reportId, change.number, change.assigneeId)], new Date(change.at));
  },
};

const taskDraft = (reportId: number, number: number, assigneeId: number): OutboxDraft => ({
  kind: TASK_ASSIGNED,
  chatId: assigneeId,
  userId: assigneeId,
  payload: { reportId, number },
  priority: Priority.person,
});

/** "📌 New task", with a button that opens it. */
export const deliverTaskAssigned: Deliverer = async (message, { api, t }) => {
  const { reportId, number } = message.payload as { reportId: number; number: number };
  const label = formatReportNumber(number);
  await api.sendMessage(message.chatId, t("task-assigned", { number: label }), {
    reply_markup: new InlineKeyboard().text(t("task-open", { number: label }), taskOpen.pack({ id: reportId })),
  });
};
