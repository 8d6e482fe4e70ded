import {
  alwaysTrue,
  answerCallbackQuery,
  botText,
  deleteMyCommands,
  getChat,
  getChatAdministrators,
  getChatMember,
  getChatMemberCount,
  getChatMenuButton,
  getFile,
  getMe,
  getMyCommands,
  getUserProfilePhotos,
  setChatMenuButton,
  setMyCommands,
} from "./bot.js";
import type { MethodHandler } from "./context.js";
import { deleteMessage, deleteMessages, editMessageCaption, editMessageReplyMarkup, editMessageText } from "./edit.js";
import { copyMessage, forwardMessage } from "./forward.js";
import { sendMediaGroup } from "./album.js";
import { sendChatAction, sendContact, sendDocument, sendLocation, sendMessage, sendPhoto, sendSticker, sendVenue, sendVoice } from "./send.js";
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from "./updates.js";

const name = botText("name", 64);
const description = botText("description", 512);
const shortDescription = botText("short_description", 120);

/** Every method the emulator serves, in Telegram's casing. Anything else is 404 Not Found. */
const HANDLERS: Record<string, MethodHandler> = {
  getMe,
  logOut: alwaysTrue,
  close: alwaysTrue,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  sendPhoto,
  sendDocument,
  sendVoice,
  sendSticker,
  sendLocation,
  sendVenue,
  sendContact,
  sendMediaGroup,
  sendChatAction,
  copyMessage,
  forwardMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  answerCallbackQuery,
  getChat,
  getChatMember,
  getChatMemberCount,
  getChatAdministrators,
  getUserProfilePhotos,
  getFile,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setMyName: name.set,
  getMyName: name.get,
  setMyDescription: description.set,
  getMyDescription: description.get,
  setMyShortDescription: shortDescription.set,
  getMyShortDescription: shortDescription.get,
  setChatMenuButton,
  getChatMenuButton,
};

/** Lowercased name → handler: Telegram matches method names case-insensitively. */
export const METHODS: ReadonlyMap<string, { name: string; handler: MethodHandler }> = new Map(
  Object.entries(HANDLERS).map(([method, handler]) => [method.toLowerCase(), { name: method, handler }]),
);
