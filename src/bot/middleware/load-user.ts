import type { NextFunction } from "grammy";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { bootstrapAdmin, findMember, recordUser, type Member } from "../../features/accounts/service.js";
import type { BotContext } from "../context.js";
import { requestScope } from "../request-scope.js";

/**
 * Private-chat updates create or refresh the sender's row; in groups we only look them up
 * (a group member who never wrote to us is a stranger, not a resident).
 */
export function loadUser(db: Database, clock: Clock, adminIds: readonly number[]) {
  const admins = new Set(adminIds);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      ctx.user = isPrivate(ctx) ? await record(ctx, db, clock, admins) : await findMember(db, from.id);
    }
    await requestScope.run({ user: ctx.user, log: ctx.log }, next);
  };
}

function isPrivate(ctx: BotContext): boolean {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  // Inline queries and the like carry no chat; they come from the user's own client.
  return chat === undefined || chat.type === "private";
}

async function record(ctx: BotContext, db: Database, clock: Clock, admins: Set<number>): Promise<Member> {
  const from = ctx.from!;
  const profile = {
    id: from.id,
    firstName: from.first_name,
    lastName: from.last_name,
    username: from.username,
    languageCode: from.language_code,
  };
  const member = await recordUser(db, profile, clock.now());
  if (admins.has(member.id) && !member.roles.includes("admin")) {
    await bootstrapAdmin(db, member.id, clock.now());
    ctx.log.info({ user: member.id }, "admin role granted from ADMIN_TELEGRAM_IDS");
    return (await findMember(db, member.id)) ?? member;
  }
  return member;
}
