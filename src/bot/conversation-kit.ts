import { Context } from "grammy";
import { languageButton } from "../features/accounts/keyboards.js";
import { forgetButton, myReportsPage, rateButton, viewReportButton } from "../features/reports/keyboards.js";
import type { BotConversation, InnerContext } from "./context.js";
import { menuButton } from "./menus.js";

/**
 * Commands answered by their own handlers in the middle of any step, the step staying where it
 * was: they only read, or (/forget's Yes) end the conversation themselves. /cancel, /help and
 * /start never reach a step (escapeCommands runs first). Commands that start something of their
 * own (/report, /broadcast…) are told to wait: a chat holds one conversation at a time.
 */
const ANSWERED_DURING_STEPS = ["my", "forget", "language"];
const isAnsweredCommand = Context.has.command(ANSWERED_DURING_STEPS);
/** The buttons those commands show, a closed report's rating stars, and the main menu's read-only entries. */
const ANSWERED_BUTTONS = [forgetButton, myReportsPage, viewReportButton, languageButton, rateButton];
const ANSWERED_MENU_ENTRIES = ["help", "my", "language"];

/**
 * Waits until the user gives an answer `read` accepts; anything else gets `reask` and the
 * conversation stays where it is (wrong message types never throw the user out). Button
 * presses are acknowledged first so the client stops its spinner.
 *
 * A refused update is skipped once it has been answered: the replay engine rewinds to this
 * wait as if the update never came, so the stored replay log does not grow with wrong answers
 * (1,000 of them cost nothing) and the re-ask, sent for real in that replay, is never sent again.
 * For the same reason `read` and `reask` may reply, but whatever else they change is forgotten
 * when they refuse.
 */
export async function waitForAnswer<T>(
  conversation: BotConversation,
  read: (ctx: InnerContext) => T | undefined | Promise<T | undefined>,
  reask: (ctx: InnerContext) => Promise<unknown>,
  options: {
    pass?: (ctx: InnerContext) => boolean;
    /** A press that must wait for the answer: its toast says so, and nothing else happens. */
    hold?: (ctx: InnerContext) => string | undefined;
  } = {},
): Promise<{ value: T; ctx: InnerContext }> {
  const ctx = await conversation.wait();
  const held = ctx.callbackQuery ? options.hold?.(ctx) : undefined;
  if (held !== undefined) {
    await ctx.answerCallbackQuery({ text: held });
    return await conversation.skip();
  }
  // In a group, a member waiting to type a reason may still press other cards' buttons:
  // those go on to their handlers while the question stays open.
  if (options.pass?.(ctx) || answeredElsewhere(ctx)) return await conversation.skip({ next: true });
  if (isCommand(ctx)) {
    if (!isOurs(ctx)) return await conversation.skip({ next: true });
    await ctx.reply(ctx.t("conversation-command-later", { command: commandOf(ctx) }));
    return await conversation.skip();
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  const value = await read(ctx);
  if (value !== undefined) return { value, ctx };
  await reask(ctx);
  return await conversation.skip();
}

/**
 * Not an answer to any step: a read-only command or a button of one, which its handler answers
 * without touching the step, or an update that is neither a new message nor a press (the user
 * blocking the bot, an edited message…), which has handlers of its own.
 */
function answeredElsewhere(ctx: InnerContext): boolean {
  if (!ctx.message && !ctx.callbackQuery) return true;
  if (isAnsweredCommand(ctx)) return true;
  const data = ctx.callbackQuery?.data;
  if (data === undefined) return false;
  if (ANSWERED_BUTTONS.some((button) => button.filter.test(data))) return true;
  const entry = menuButton.unpack(data)?.entry;
  return entry !== undefined && ANSWERED_MENU_ENTRIES.includes(entry);
}

function isCommand(ctx: InnerContext): boolean {
  return ctx.message?.entities?.[0]?.type === "bot_command" && ctx.message.entities[0].offset === 0;
}

/** "/cmd" or "/cmd@bot" as typed, for telling the user which command has to wait. */
function commandOf(ctx: InnerContext): string {
  const entity = ctx.message!.entities![0]!;
  return ctx.message!.text!.slice(0, entity.length);
}

/** A command addressed to another bot in a group is none of ours (nor of the step). */
function isOurs(ctx: InnerContext): boolean {
  const target = commandOf(ctx).split("@")[1];
  return target === undefined || target.toLowerCase() === ctx.me.username.toLowerCase();
}

/** The text of a message, or undefined for anything that is not plain text (or is a command). */
export function plainText(ctx: InnerContext): string | undefined {
  const text = ctx.message?.text;
  if (text === undefined || text.startsWith("/")) return undefined;
  return text.trim();
}
