import { badRequest } from "./errors.js";
import { checkLink } from "./text.js";
import type { TgInlineKeyboardButton, TgInlineKeyboardMarkup } from "./types.js";

export type MarkupKind = "inline" | "keyboard" | "remove" | "force_reply";

export interface ParsedMarkup {
  kind: MarkupKind;
  /** The markup as sent, for the control API and a chat UI. */
  raw: Record<string, unknown>;
  /** Set for inline keyboards: Telegram echoes only these back in the Message. */
  inline?: TgInlineKeyboardMarkup;
}

/** Inline actions a button may carry; one of them must be present. */
const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

const BOOLEAN_FIELDS = ["resize_keyboard", "one_time_keyboard", "is_persistent", "selective", "remove_keyboard", "force_reply"];

/**
 * The reply_markup parameter, validated the way Telegram does (get_reply_markup). A markup
 * object with nothing in it — `{inline_keyboard: []}` included — means "no markup", which is
 * how bots remove an inline keyboard.
 */
export function parseReplyMarkup(value: unknown): ParsedMarkup | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("object expected as reply markup");
  }
  const raw = value as Record<string, unknown>;
  for (const field of BOOLEAN_FIELDS) {
    if (field in raw && typeof raw[field] !== "boolean") throw badRequest(`field "${field}" must be of type Boolean`);
  }

  if ("keyboard" in raw) {
    const rows = arrayOfArrays(raw.keyboard, "keyboard");
    for (const row of rows) for (const button of row) validateKeyboardButton(button);
    if (rows.some((row) => row.length > 0)) return { kind: "keyboard", raw };
  }
  if ("inline_keyboard" in raw) {
    const rows = arrayOfArrays(raw.inline_keyboard, "inline_keyboard");
    const buttons = rows.map((row) => row.map(validateInlineButton));
    if (buttons.some((row) => row.length > 0)) {
      return { kind: "inline", raw, inline: { inline_keyboard: buttons.filter((row) => row.length > 0) } };
    }
  }
  if (raw.remove_keyboard === true) return { kind: "remove", raw };
  if (raw.force_reply === true) return { kind: "force_reply", raw };
  return undefined;
}

function arrayOfArrays(value: unknown, field: string): unknown[][] {
  if (!Array.isArray(value)) throw badRequest(`field "${field}" must be of type Array`);
  for (const row of value as unknown[]) {
    if (!Array.isArray(row)) throw badRequest(`field "${field}" must be of type Array of Arrays`);
  }
  return value as unknown[][];
}

function validateKeyboardButton(button: unknown): void {
  if (typeof button === "string") return;
  const fail = (message: string) => badRequest(`can't parse keyboard button: ${message}`);
  if (typeof button !== "object" || button === null || Array.isArray(button)) {
    throw fail("KeyboardButton must be a String or an Object");
  }
  const fields = button as Record<string, unknown>;
  if (!("text" in fields)) throw fail(`Can't find field "text"`);
  if (typeof fields.text !== "string") throw fail(`Field "text" must be of type String`);
  for (const flag of ["request_contact", "request_location"]) {
    if (flag in fields && typeof fields[flag] !== "boolean") throw fail(`Field "${flag}" must be of type Boolean`);
  }
}

function validateInlineButton(button: unknown): TgInlineKeyboardButton {
  const fail = (message: string) => badRequest(`can't parse inline keyboard button: ${message}`);
  if (typeof button !== "object" || button === null || Array.isArray(button)) {
    throw fail("InlineKeyboardButton must be an Object");
  }
  const fields = button as Record<string, unknown>;
  if (!("text" in fields)) throw fail(`Can't find field "text"`);
  if (typeof fields.text !== "string") throw fail(`Field "text" must be of type String`);

  if (typeof fields.url === "string" && fields.url !== "") {
    const checked = checkLink(fields.url);
    if (!checked.ok) throw badRequest(`inline keyboard button URL '${fields.url}' is invalid: ${checked.reason}`);
  }
  if ("callback_data" in fields) {
    if (typeof fields.callback_data !== "string") throw fail(`Field "callback_data" must be of type String`);
    // Telegram allows 1-64 bytes of callback data.
    if (Buffer.byteLength(fields.callback_data, "utf8") > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  const webApp = fields.web_app;
  if (typeof webApp === "object" && webApp !== null) {
    const url = (webApp as Record<string, unknown>).url;
    if (typeof url !== "string" || !url.startsWith("https://")) {
      throw badRequest(`inline keyboard button Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
    }
  }
  const hasAction = INLINE_ACTIONS.some((action) => {
    const value = fields[action];
    return value !== undefined && value !== null && value !== "" && value !== false;
  });
  if (!hasAction) throw fail("Text buttons are unallowed in the inline keyboard");
  return { ...fields, text: fields.text };
}

/** The buttons of an inline keyboard, flattened, for pressButton to check against. */
export function inlineButtons(markup: TgInlineKeyboardMarkup | undefined): TgInlineKeyboardButton[] {
  return markup ? markup.inline_keyboard.flat() : [];
}
