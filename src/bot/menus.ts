import { InlineKeyboard } from "grammy";
import { hasAnyRole } from "../features/accounts/roles.js";
import type { GrantedRole } from "../db/schema/index.js";
import { CallbackData } from "./callback-data.js";
import type { CommandSpec, FeatureRegistry } from "./feature.js";

export const menuButton = new CallbackData("menu", ["entry"]);
export const cancelButton = new CallbackData("cancel", []);

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** One big button per row: many residents are elderly. */
export function mainMenuKeyboard(registry: FeatureRegistry, roles: readonly GrantedRole[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const entry of registry.menu()) {
    if (hasAnyRole(roles, entry.roles)) keyboard.text(t(entry.labelKey), menuButton.pack({ entry: entry.key })).row();
  }
  return keyboard;
}

export function commandsFor(registry: FeatureRegistry, roles: readonly GrantedRole[]): CommandSpec[] {
  return registry.commands().filter((c) => hasAnyRole(roles, c.roles));
}

export function cancelKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("button-cancel"), cancelButton.pack({}));
}
