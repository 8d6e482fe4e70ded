import { InlineKeyboard, type NextFunction } from "grammy";
import { hasAnyRole, type Role } from "../features/accounts/roles.js";
import type { GrantedRole } from "../db/schema/index.js";
import { CallbackData } from "./callback-data.js";
import type { BotContext } from "./context.js";
import type { CommandSpec, FeatureRegistry } from "./feature.js";
import { ensureRole } from "./middleware/require-role.js";
import type { Translate } from "../i18n.js";

export const menuButton = new CallbackData("menu", ["entry"]);
export const cancelButton = new CallbackData("cancel", []);
/** Cancel under a question asked in a group: it carries the member asked, so no one else leaves it. */
export const groupCancelButton = new CallbackData("gcancel", ["user"]);

/** One big button per row: many residents are elderly. */
export function mainMenuKeyboard(registry: FeatureRegistry, roles: readonly GrantedRole[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const entry of registry.menu()) {
    if (entry.hiddenFor?.some((role) => role !== "resident" && roles.includes(role))) continue;
    if (hasAnyRole(roles, entry.roles)) keyboard.text(t(entry.labelKey), menuButton.pack({ entry: entry.key })).row();
  }
  return keyboard;
}

/**
 * The handler of one main-menu button, for `composer.callbackQuery(menuButton.filter, …)`:
 * presses of other entries go on; the role is checked again, as on every press.
 */
export function menuEntry(key: string, roles: readonly Role[], show: (ctx: BotContext) => Promise<unknown>) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    if (menuButton.unpack(ctx.callbackQuery?.data)?.entry !== key) return next();
    if (!(await ensureRole(ctx, roles))) return;
    await ctx.answerCallbackQuery();
    await show(ctx);
  };
}

export function commandsFor(registry: FeatureRegistry, roles: readonly GrantedRole[]): CommandSpec[] {
  return registry.commands().filter((c) => hasAnyRole(roles, c.roles));
}

export function cancelKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("button-cancel"), cancelButton.pack({}));
}
