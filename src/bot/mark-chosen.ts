import { GrammyError } from "grammy";
import type { InnerContext } from "./context.js";
import { fitText, TEXT_MAX } from "./text-fit.js";

/**
 * Turns a question with buttons into its answer once the user has chosen: the pressed
 * message says what was chosen and loses its buttons, so a later press on it cannot meet a
 * step that is over. Editing is idempotent (a rerun of the update meets "not modified", which
 * counts as done); a message Telegram no longer lets us edit is left as it is.
 */
export async function markChosen(pressed: InnerContext, question: string, answer: string): Promise<void> {
  if (!pressed.callbackQuery?.message) return;
  try {
    // A button that already reads "✅ Create" is not marked twice.
    const marked = answer.startsWith("✅") ? answer : `✅ ${answer}`;
    await pressed.editMessageText(fitText(`${question}\n${marked}`, TEXT_MAX));
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    pressed.log.debug({ description: error.description }, "chosen answer not marked");
  }
}
