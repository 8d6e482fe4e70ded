import type { I18n } from "@grammyjs/i18n";
import { GrammyError, HttpError, InlineKeyboard, type Api } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Database } from "../../db/client.js";
import { defaultLocale, resolveLocale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import { findMember } from "../accounts/service.js";
import type { ReportNotifier } from "../reports/notifier.js";
import { formatReportNumber } from "../reports/numbers.js";
import { taskOpen } from "./keyboards.js";
import { CAPTION_LIMIT, cardKeyboard, renderCard } from "./card-view.js";
import { cardsOf, findCard, loadCardData, saveCard, type CardData } from "./cards.js";

/** The staff group reads the community's language. */
const GROUP_LOCALE = defaultLocale;

interface CardDeps {
  api: Api;
  db: Database;
  i18n: I18n<BotContext>;
  logger: Logger;
}

const groupT = (deps: Pick<CardDeps, "i18n">) => (key: string, vars?: Record<string, string | number>) => deps.i18n.t(GROUP_LOCALE, key, vars);

/** Puts the card's current rendering into its message in the group. */
async function editCard(deps: CardDeps, card: CardData, stored: { chatId: number; messageId: number; kind: "text" | "photo" }): Promise<void> {
  const t = groupT(deps);
  const markup = cardKeyboard(card, t);
  try {
    if (stored.kind === "photo") {
      await deps.api.editMessageCaption(stored.chatId, stored.messageId, {
        caption: renderCard(card, GROUP_LOCALE, card.timezone, t, CAPTION_LIMIT),
        reply_markup: markup,
      });
    } else {
      await deps.api.editMessageText(stored.chatId, stored.messageId, renderCard(card, GROUP_LOCALE, card.timezone, t), { reply_markup: markup });
    }
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
}

/**
 * What may be logged of a failed card edit: Telegram's code and description, or the error's
 * name. Not the error itself: a GrammyError carries the request (the card text, with the
 * resident's description) and a failed query its parameters.
 */
function failureOf(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { code: error.error_code, description: error.description };
  if (error instanceof HttpError) return { kind: "network" };
  return { kind: error instanceof Error ? error.name : typeof error };
}

/**
 * Re-renders the stored cards of these reports from the data as it is now, e.g. right after
 * /forget took a person off them, instead of leaving them stale until the next staff action.
 * Best effort, after the change has committed: a card that cannot be edited (deleted from the
 * group, the bot removed, Telegram failing) is logged by report id and skipped.
 */
export async function refreshStaffCards(deps: CardDeps, reportIds: readonly number[]): Promise<{ edited: number; failed: number }> {
  const result = { edited: 0, failed: 0 };
  for (const stored of await cardsOf(deps.db, reportIds)) {
    try {
      const card = await loadCardData(deps.db, stored.reportId);
      if (!card) continue;
      await editCard(deps, card, stored);
      result.edited++;
    } catch (error) {
      result.failed++;
      deps.logger.warn({ report: stored.reportId, failure: failureOf(error) }, "staff card refresh failed");
    }
  }
  return result;
}

/**
 * Keeps the staff group's picture of each report true: a new report is posted as a card (its
 * first photo with the text as caption, then its location and voice), and every change edits
 * that card in place so the group always shows the current state and who acted.
 */
export function createStaffCardNotifier(deps: CardDeps): ReportNotifier {
  const t = groupT(deps);

  async function post(card: CardData, chatId: number): Promise<void> {
    const markup = cardKeyboard(card, t);
    const photo = card.firstPhoto;
    const captioned = { caption: renderCard(card, GROUP_LOCALE, card.timezone, t, CAPTION_LIMIT), reply_markup: markup };
    // An image sent as a file has a file's id, which sendPhoto refuses ("type of file mismatch").
    const sent = !photo
      ? await deps.api.sendMessage(chatId, renderCard(card, GROUP_LOCALE, card.timezone, t), { reply_markup: markup })
      : photo.media === "document"
        ? await deps.api.sendDocument(chatId, photo.fileId, captioned)
        : await deps.api.sendPhoto(chatId, photo.fileId, captioned);
    await saveCard(deps.db, { reportId: card.reportId, chatId, messageId: sent.message_id, kind: photo ? "photo" : "text" });
    const reply = { reply_parameters: { message_id: sent.message_id, allow_sending_without_reply: true } };
    if (card.location) await deps.api.sendLocation(chatId, card.location.latitude, card.location.longitude, reply);
    if (card.voiceFileId) await deps.api.sendVoice(chatId, card.voiceFileId, reply);
  }

  return {
    async reportFiled({ reportId }) {
      // A Confirm run again (a retry, recovery after a kill) tells us twice: one card a report.
      const [card, stored] = await Promise.all([loadCardData(deps.db, reportId, { onlyWithStaffGroup: true }), findCard(deps.db, reportId)]);
      if (card?.staffGroupChatId && !stored) await post(card, card.staffGroupChatId);
    },
    async reportChanged(change) {
      const [card, stored] = await Promise.all([loadCardData(deps.db, change.reportId), findCard(deps.db, change.reportId)]);
      if (!card) return;
      if (!stored) {
        // Filed before the group was bound: it appears in the group at its first change.
        if (card.staffGroupChatId) await post(card, card.staffGroupChatId);
        return;
      }
      await editCard(deps, card, stored);
    },
  };
}

/** Tells an inspector, in their language, that a report is now theirs, with a button to open it. */
export function createAssigneeNotifier(deps: { api: Api; db: Database; i18n: I18n<BotContext>; logger: Logger }): ReportNotifier {
  return {
    reportFiled: async () => {},
    async reportChanged(change) {
      if (change.to !== "assigned" || change.assigneeId === null || change.assigneeId === change.actorId) return;
      const member = await findMember(deps.db, change.assigneeId);
      if (!member) return;
      const locale = resolveLocale(member.locale, member.telegramLanguage);
      const number = formatReportNumber(change.number);
      await deps.api.sendMessage(member.id, deps.i18n.t(locale, "task-assigned", { number }), {
        reply_markup: new InlineKeyboard().text(deps.i18n.t(locale, "task-open", { number }), taskOpen.pack({ id: change.reportId })),
      });
    },
  };
}
