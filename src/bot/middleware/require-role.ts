import type { NextFunction } from "grammy";
import { hasAnyRole, type Role } from "../../features/accounts/roles.js";
import type { BotContext, InnerContext } from "../context.js";

/**
 * Checks the sender's roles on the server, on every command and every button press (a
 * forwarded staff button is pressed by whoever holds it). Refusals are polite and logged.
 */
export async function ensureRole(ctx: InnerContext | BotContext, roles: readonly Role[]): Promise<boolean> {
  if (ctx.user && hasAnyRole(ctx.user.roles, roles)) return true;
  ctx.log.warn({ user: ctx.from?.id, required: roles, held: ctx.user?.roles ?? [] }, "access denied");
  const text = ctx.t(refusalKey(ctx.user?.roles ?? [], roles));
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else if (ctx.chat) await ctx.reply(text);
  return false;
}

/**
 * A member of the team (volunteer, inspector, staff) refused something only admins may do is
 * told just that: "contact the community staff" would send staff to themselves. Residents keep
 * the general refusal, which points them to the people who can help.
 */
function refusalKey(held: readonly string[], required: readonly Role[]): string {
  const adminsOnly = required.length > 0 && required.every((role) => role === "admin");
  return adminsOnly && held.length > 0 ? "access-denied-admins" : "access-denied";
}

/** Middleware form of ensureRole, for a command or a composer that belongs to some roles. */
export function requireRole(...roles: Role[]) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    if (await ensureRole(ctx, roles)) await next();
  };
}
