import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Member } from "../features/accounts/service.js";
import type { Logger } from "../logger.js";

/** What our middleware adds to every context, inside conversations too. */
export interface BotExtras {
  /** Loaded for every update that has a sender; undefined for channel posts and the like. */
  user?: Member | undefined;
  /** Child logger carrying update_id. */
  log: Logger;
  /** Which run of this update this is (1 first; more when a failure or a dead process is retried). */
  attempt?: number | undefined;
}

/** The context of conversation code: built fresh by the replay engine, see conversation-plugins. */
export type InnerContext = Context & I18nFlavor & BotExtras;
/** The context of ordinary middleware. */
export type BotContext = ConversationFlavor<Context & I18nFlavor & BotExtras>;
export type BotConversation = Conversation<BotContext, InnerContext>;
