import type { NextFunction } from "grammy";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { bootstrapAdmin, findMember } from "../../features/accounts/service.js";
import type { BotContext } from "../context.js";
import { conversationKey } from "../conversation-storage.js";
import type { RequestScope, RequestScopes } from "../request-scope.js";
import { updateLedger } from "../update-intake.js";

/**
 * Every update passes here once, with two statements (shared by the updates handled at the
 * same time, see updateLedger):
 *  - before: claim it in the ledger (Telegram delivers at least once: a webhook retried, a
 *    poll offset not confirmed when we died), create or refresh the sender of a private-chat
 *    update, read their roles and conversation state;
 *  - after: mark it done together with the conversation state it produced, or, if it failed,
 *    release the claim so a redelivery runs it again.
 * In groups the sender is only looked up: a group member who never wrote to us is a stranger.
 */
export function updateIntake(db: Database, clock: Clock, adminIds: readonly number[], scopes: RequestScopes) {
  const admins = new Set(adminIds);
  const ledger = updateLedger(db);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const botId = ctx.me.id;
    const updateId = ctx.update.update_id;
    const from = ctx.from && !ctx.from.is_bot ? ctx.from : undefined;
    const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
    const isPrivate = from !== undefined && (chat === undefined || chat.type === "private");
    const key = from && ctx.chat ? conversationKey(ctx) : undefined;

    const admission = await ledger.admit({
      botId,
      updateId,
      at: clock.now(),
      conversationKey: key,
      profile: isPrivate
        ? { id: from.id, firstName: from.first_name, lastName: from.last_name, username: from.username, languageCode: from.language_code }
        : undefined,
    });
    if (!admission.claimed) {
      ctx.log.info("duplicate delivery skipped");
      return;
    }
    let member = admission.member ?? (from ? await findMember(db, from.id) : undefined);
    if (member && isPrivate && admins.has(member.id) && !member.roles.includes("admin")) {
      await bootstrapAdmin(db, member.id, clock.now());
      ctx.log.info({ user: member.id }, "admin role granted from ADMIN_TELEGRAM_IDS");
      member = (await findMember(db, member.id)) ?? member;
    }
    ctx.user = member;

    const scope: RequestScope = { user: member, log: ctx.log, prefetched: new Map(), pendingWrites: new Map() };
    if (key !== undefined) scope.prefetched.set(key, admission.conversationState);
    try {
      await scopes.run(key, scope, next);
    } catch (error) {
      await ledger.fail({ botId, updateId, at: clock.now() });
      throw error;
    }
    await ledger.complete({ botId, updateId, at: clock.now(), writes: scope.pendingWrites });
  };
}
