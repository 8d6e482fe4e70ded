import type { Composer, Middleware } from "grammy";
import type { Role } from "../features/accounts/roles.js";
import type { BotContext } from "./context.js";
import type { DeepLinkHandlers } from "./deep-links.js";
import type { AppDeps } from "./deps.js";

/** A command in Telegram's command menu and in /help. */
export interface CommandSpec {
  command: string;
  /** Locale key of the one-line description. */
  descriptionKey: string;
  roles: readonly Role[];
  /** Position in menus and /help: lower first. */
  order: number;
}

/** A button of the main menu; its feature handles the press (callback `menu:<key>`). */
export interface MenuEntry {
  key: string;
  labelKey: string;
  roles: readonly Role[];
  /** Not shown to holders of these roles ("Become a volunteer" is for those who are not yet). */
  hiddenFor?: readonly Role[];
  /** Position in the main menu: lower first. */
  order: number;
}

/**
 * A capability of the bot. Commands and menu entries are plain data so that the main menu,
 * /help and setMyCommands can be built before any composer exists.
 */
export interface Feature {
  name: string;
  commands?: readonly CommandSpec[];
  menu?: readonly MenuEntry[];
  /**
   * The feature's createConversation middleware. All features' conversations are installed
   * together, after the escape commands (/cancel, /help, /start) and before every handler, so
   * that any handler may enter any conversation.
   */
  conversations?(deps: AppDeps, registry: FeatureRegistry): Middleware<BotContext>[];
  /**
   * The version of each of the feature's conversations (private and group) by id; 1 when not
   * named. Bump one when its steps change so that a stored replay log no longer fits: only that
   * conversation's half-finished runs are dropped, every other conversation's are kept.
   */
  conversationVersions?: Readonly<Record<string, number>>;
  /**
   * The /start payloads the feature answers, by prefix (t.me/<bot>?start=<prefix><rest>):
   * `deepLinks: (deps) => ({ [INVITE_PREFIX]: openInvite(deps) })`. They are routed by prefix
   * before any feature's handlers, whatever the order of features; see deep-links.ts.
   */
  deepLinks?(deps: AppDeps, registry: FeatureRegistry): DeepLinkHandlers;
  /** Handlers for private chats. */
  create?(deps: AppDeps, registry: FeatureRegistry): Composer<BotContext>;
  /** Handlers for group chats (the staff group), installed before the group fallback. */
  groups?(deps: AppDeps, registry: FeatureRegistry): Composer<BotContext>;
  /** Conversations held in group chats (one per member per group). */
  groupConversations?(deps: AppDeps, registry: FeatureRegistry): Middleware<BotContext>[];
}

export class FeatureRegistry {
  constructor(private readonly features: readonly Feature[]) {}

  commands(): CommandSpec[] {
    return this.features.flatMap((f) => f.commands ?? []).sort((a, b) => a.order - b.order);
  }

  /** Every feature's conversation versions, by conversation id. */
  conversationVersions(): Record<string, number> {
    return Object.assign({}, ...this.features.map((f) => f.conversationVersions ?? {}));
  }

  menu(): MenuEntry[] {
    return this.features.flatMap((f) => f.menu ?? []).sort((a, b) => a.order - b.order);
  }
}
