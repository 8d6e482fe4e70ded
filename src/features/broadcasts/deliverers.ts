import { eq } from "drizzle-orm";
import { GrammyError, InlineKeyboard } from "grammy";
import type { Database } from "../../db/client.js";
import { broadcasts } from "../../db/schema/index.js";
import type { Deliverer } from "../../outbox/sender.js";
import { BROADCAST_MESSAGE, BROADCAST_PROGRESS, timezoneOf, type ProgressPayload } from "./bulk.js";
import type { BroadcastMessagePayload } from "./dispatch.js";
import { figuresOf } from "./figures.js";
import { stopButton } from "./keyboards.js";
import { noticeSource, withHeading, type NoticeSource } from "./heading.js";
import { progressText, summaryText } from "./render.js";
import { contentOf, type BroadcastContent } from "./service.js";
import { formatLocal } from "./time.js";

/** What every recipient of one broadcast shares: read once per process (a broadcast's content never changes). */
interface Notice {
  content: BroadcastContent;
  source: NoticeSource;
}

const CACHED = 16;

/** The outbox's deliverers of broadcasts: each recipient's notice, and the author's progress message. */
export function broadcastDeliverers(db: Database): Record<string, Deliverer> {
  const notices = new Map<number, Notice>();

  async function noticeOf(id: number): Promise<Notice | undefined> {
    const cached = notices.get(id);
    if (cached) return cached;
    const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
    if (!row) return undefined;
    const notice: Notice = { content: contentOf(row), source: await noticeSource(db, row.communityId, row.createdBy) };
    if (notices.size >= CACHED) notices.delete(notices.keys().next().value!);
    notices.set(id, notice);
    return notice;
  }

  const deliverNotice: Deliverer = async (message, { api, t }) => {
    const { broadcastId, paid } = message.payload as BroadcastMessagePayload;
    const notice = await noticeOf(broadcastId);
    if (!notice) return; // deleted with its community: nothing to send
    const { text, entities } = withHeading(t, notice.content, notice.source);
    const extra = paid ? { allow_paid_broadcast: true } : {};
    if (notice.content.kind === "photo") await api.sendPhoto(message.chatId, notice.content.fileId, { caption: text, caption_entities: entities, ...extra });
    else await api.sendMessage(message.chatId, text, { entities, ...extra });
  };

  /** Renders what the broadcast's rows say now: progress with Stop while sending, else the summary. */
  const deliverProgress: Deliverer = async (message, { api, t, now }) => {
    const { broadcastId: id, rate } = message.payload as ProgressPayload;
    const [b] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
    if (!b) return;
    const f = await figuresOf(db, id, now);
    let text: string;
    let keyboard: InlineKeyboard | undefined;
    if (b.status === "done") text = f.total > 0 && f.total > f.skipped ? summaryText(t, id, f, "done") : t("broadcast-summary-nobody", { id });
    else if (b.status === "cancelled") text = summaryText(t, id, f, "cancelled");
    else {
      text = progressText(t, id, f, rate);
      // Held for quiet hours: the earliest pending message waits past the next minute.
      if (f.nextAt && f.nextAt.getTime() > now.getTime() + 60_000) {
        text += `\n${t("broadcast-quiet-paused", { time: formatLocal(f.nextAt, await timezoneOf(db, b.communityId)) })}`;
      }
      keyboard = new InlineKeyboard().text(t("broadcast-button-stop"), stopButton.pack({ id }));
    }
    const markup = keyboard ? { reply_markup: keyboard } : {};
    if (b.progressMessageId !== null) {
      try {
        await api.editMessageText(message.chatId, b.progressMessageId, text, markup);
        return;
      } catch (error) {
        // The author deleted it: a new one takes its place; anything else is the sender's to judge.
        if (!(error instanceof GrammyError && /message to edit not found/i.test(error.description))) throw error;
      }
    }
    const sent = await api.sendMessage(message.chatId, text, markup);
    await db.update(broadcasts).set({ progressMessageId: sent.message_id }).where(eq(broadcasts.id, id));
  };

  return { [BROADCAST_MESSAGE]: deliverNotice, [BROADCAST_PROGRESS]: deliverProgress };
}
