import type { Transformer } from "grammy";

/**
 * An update may run more than once (a retry after a failure, recovery after a kill), and its
 * Telegram calls then meet what the first run already did: the button press was answered (the
 * query is "too old" by then), the message already shows the new text ("not modified"). Those
 * answers mean the work is done, not that it failed: they are taken as success, so a re-run
 * goes on to the steps the first run never reached.
 */
const ALREADY_DONE = [/query is too old|query ID is invalid/i, /message is not modified/i];

export const tolerateReplays: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (result.ok || result.error_code !== 400) return result;
  const done =
    (method === "answerCallbackQuery" && ALREADY_DONE[0]!.test(result.description)) ||
    (method.startsWith("editMessage") && ALREADY_DONE[1]!.test(result.description));
  return done ? { ok: true, result: true as never } : result;
};
