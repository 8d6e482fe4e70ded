import type { BotConversation, InnerContext } from "./context.js";

/**
 * Waits until the user gives an answer `read` accepts; anything else gets `reask` and the
 * conversation stays where it is (wrong message types never throw the user out). Button
 * presses are acknowledged first so the client stops its spinner.
 */
export async function waitForAnswer<T>(
  conversation: BotConversation,
  read: (ctx: InnerContext) => T | undefined | Promise<T | undefined>,
  reask: (ctx: InnerContext) => Promise<unknown>,
  options: { pass?: (ctx: InnerContext) => boolean } = {},
): Promise<{ value: T; ctx: InnerContext }> {
  for (;;) {
    const ctx = await conversation.wait();
    // In a group, a member waiting to type a reason may still press other cards' buttons:
    // those go on to their handlers while the question stays open.
    if (options.pass?.(ctx)) await conversation.skip();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    const value = await read(ctx);
    if (value !== undefined) return { value, ctx };
    await reask(ctx);
  }
}

/** The text of a message, or undefined for anything that is not plain text (or is a command). */
export function plainText(ctx: InnerContext): string | undefined {
  const text = ctx.message?.text;
  if (text === undefined || text.startsWith("/")) return undefined;
  return text.trim();
}
