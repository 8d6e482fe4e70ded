import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { UserActions } from "./control.js";
import { Memberships } from "./memberships.js";
import { EmulatorCore } from "./core.js";
import { LiveLocations } from "./live-location.js";
import { createRequestHandler } from "./server.js";
import type { CallRecord, MessageView } from "./control-types.js";
import type { EmulatorOptions } from "./types.js";

export type * from "./types.js";
export type * from "./control-types.js";
export type { FileInput, VenueInput } from "./control.js";
export { LIVE_PERIOD_FOREVER, type LivePosition } from "./live-location.js";
export { DEFAULT_LIMITS } from "./limits.js";
export type { DownloadableFile, Emulator } from "./emulator-api.js";
import type { DownloadableFile, Emulator } from "./emulator-api.js";

const DEFAULT_WAIT_MS = 5_000;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const core = new EmulatorCore(options);
  const memberships = new Memberships(core);
  const users = new UserActions(core, memberships);
  const live = new LiveLocations(core, users);
  const handle = createRequestHandler(core);
  const events = new EventEmitter();
  let server: Server | undefined;
  let url: string | undefined;
  /** Pending waitFor/waitForCall promises, rejected when the emulator stops. */
  const waiters = new Set<(error: Error) => void>();

  // Bridge store changes to the emitter only while someone listens: snapshots are not free.
  let unbridge: (() => void) | undefined;
  events.on("newListener", (event: string) => {
    if (event === "change" && unbridge === undefined) unbridge = core.store.subscribe((change) => events.emit("change", change));
  });
  events.on("removeListener", (event: string) => {
    if (event === "change" && events.listenerCount("change") === 0) {
      unbridge?.();
      unbridge = undefined;
    }
  });

  function wait<T>(timeoutMs: number, describe: () => string, attach: (resolve: (value: T) => void, reject: (error: Error) => void) => () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let detach: () => void = () => {};
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(fail);
        detach();
      };
      const fail = (error: Error): void => {
        done();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(describe())), timeoutMs);
      waiters.add(fail);
      detach = attach((value) => {
        done();
        resolve(value);
      }, fail);
    });
  }

  const botMessages = (chatId: number): MessageView[] =>
    core.store
      .messages(chatId)
      .filter((record) => record.fromBot)
      .map((record) => core.store.view(record));

  const emulator: Emulator = {
    get bot() {
      return { ...core.store.bot };
    },
    get url() {
      return url;
    },

    async start(port = 0, host = "127.0.0.1") {
      if (server !== undefined) throw new Error("the emulator is already started");
      const created = createServer((req, res) => {
        handle(req, res)
          .then((handled) => {
            if (!handled && !res.headersSent) {
              const body = JSON.stringify({ ok: false, error_code: 404, description: "Not Found" });
              res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
              res.end(body);
            }
          })
          .catch(() => res.destroy());
      });
      await new Promise<void>((resolve, reject) => {
        created.once("error", reject);
        created.listen(port, host, () => {
          created.off("error", reject);
          resolve();
        });
      });
      server = created;
      core.webhooks.resume();
      const address = created.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      url = `http://${shownHost}:${address.port}`;
      return { url };
    },

    async stop() {
      core.queue.close();
      core.webhooks.stop();
      for (const fail of [...waiters]) fail(new Error("the emulator was stopped"));
      const running = server;
      server = undefined;
      url = undefined;
      if (running === undefined) return;
      // One turn of the event loop lets the answers to ended long polls go out first.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        running.closeAllConnections();
      });
    },

    handle,

    createUser: (init) => core.store.addUser(init),
    createGroup: (init) => core.store.addGroup(init),
    addMember: (chatId, userId, memberOptions) => memberships.addMember(chatId, userId, memberOptions),
    removeMember: (chatId, userId, memberOptions) => memberships.removeMember(chatId, userId, memberOptions),
    users: () => core.store.allUsers(),
    chats: () => core.store.allChats(),
    blockBot: (userId, blocked = true) => memberships.blockBot(userId, blocked),

    sendText: (userId, text, sendOptions) => users.sendText(userId, text, sendOptions),
    sendPhoto: (userId, photo, caption, sendOptions) => users.sendPhoto(userId, photo, caption, sendOptions),
    sendDocument: (userId, document, sendOptions) => users.sendDocument(userId, document, sendOptions),
    sendVoice: (userId, voice, sendOptions) => users.sendVoice(userId, voice, sendOptions),
    sendSticker: (userId, sticker, sendOptions) => users.sendSticker(userId, sticker, sendOptions),
    sendLocation: (userId, latitude, longitude, sendOptions) => users.sendLocation(userId, latitude, longitude, sendOptions),
    sendVenue: (userId, venue, sendOptions) => users.sendVenue(userId, venue, sendOptions),
    startLiveLocation: (userId, position, sendOptions) => live.start(userId, position, sendOptions),
    moveLiveLocation: (userId, chatId, messageId, position) => live.move(userId, chatId, messageId, position),
    stopLiveLocation: (userId, chatId, messageId) => live.stop(userId, chatId, messageId),
    sendContact: (userId, contact, sendOptions) => users.sendContact(userId, contact, sendOptions),
    editText: (userId, chatId, messageId, text) => users.editText(userId, chatId, messageId, text),
    forwardMessage: (userId, fromChatId, messageId, sendOptions) => users.forwardMessage(userId, fromChatId, messageId, sendOptions),
    pressButton: (userId, chatId, messageId, data, pressOptions) => users.pressButton(userId, chatId, messageId, data, pressOptions),
    injectUpdate: (update) => users.injectUpdate(update),

    messages: botMessages,
    history: (chatId) => core.store.messages(chatId).map((record) => core.store.view(record)),
    message(chatId, messageId) {
      const record = core.store.message(chatId, messageId);
      return record === undefined ? undefined : core.store.view(record);
    },
    lastMessage(chatId) {
      const records = core.store.messages(chatId).filter((record) => record.fromBot && !record.deleted);
      const last = records[records.length - 1];
      return last === undefined ? undefined : core.store.view(last);
    },
    callback(id) {
      const callback = core.store.callback(id);
      return callback === undefined ? undefined : structuredClone(callback);
    },
    replyKeyboard(chatId) {
      let current: Record<string, unknown> | undefined;
      for (const record of core.store.messages(chatId)) {
        const markup = record.replyMarkup;
        if (!record.fromBot) {
          if (current?.one_time_keyboard === true) current = undefined;
        } else if (typeof markup === "object" && markup !== null) {
          const fields = markup as Record<string, unknown>;
          if (Array.isArray(fields.keyboard) && fields.keyboard.length > 0) current = fields;
          else if (fields.remove_keyboard === true) current = undefined;
        }
      }
      return current === undefined ? undefined : structuredClone(current);
    },
    pendingUpdates: () => structuredClone(core.queue.peek()),
    polling: () => core.queue.waiting(),
    file(fileId) {
      const file = core.files.get(fileId);
      if (file === undefined) return undefined;
      const result: DownloadableFile = {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_path: file.file_path,
        data: file.data,
      };
      if (file.mime_type !== undefined) result.mime_type = file.mime_type;
      if (file.file_name !== undefined) result.file_name = file.file_name;
      return result;
    },
    commands(scope, languageCode = "") {
      const type = typeof scope?.type === "string" ? scope.type : "default";
      let key = type;
      if (scope !== undefined && "chat_id" in scope) key += `:${String(scope.chat_id)}`;
      if (type === "chat_member") key += `:${String(scope?.user_id ?? "")}`;
      return structuredClone(core.commands.get(`${key}|${languageCode}`) ?? []);
    },
    webhook() {
      const hook = core.webhook;
      if (hook === undefined) return undefined;
      const info: { url: string; secretToken?: string; lastErrorMessage?: string } = { url: hook.url };
      if (hook.secretToken !== undefined) info.secretToken = hook.secretToken;
      if (hook.lastErrorMessage !== undefined) info.lastErrorMessage = hook.lastErrorMessage;
      return info;
    },
    calls: (method) => {
      const all = core.calls();
      return method === undefined ? all : all.filter((call) => call.method.toLowerCase() === method.toLowerCase());
    },
    clearCalls: () => core.clearCalls(),
    stats: () => core.stats(),
    resetStats: () => core.resetStats(),
    limits: () => core.limiter.current(),
    setLimits: (limits) => core.limiter.set(limits),
    now: () => core.clock.now(),

    waitFor(predicate, timeoutMs = DEFAULT_WAIT_MS) {
      return wait<MessageView>(
        timeoutMs,
        () => {
          const recent = core
            .calls()
            .slice(-5)
            .map((call) => `${call.method}${call.ok ? "" : ` → ${call.description}`}`);
          return `waitFor: no matching bot message within ${timeoutMs} ms (last API calls: ${recent.join(", ") || "none"})`;
        },
        (resolve, reject) =>
          core.store.subscribe((event) => {
            if ((event.type !== "message" && event.type !== "edit") || !event.view.fromBot) return;
            try {
              if (predicate(event.view)) resolve(event.view);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }),
      );
    },

    waitForCall(method, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      return wait<CallRecord>(
        timeoutMs,
        () => `waitForCall: no ${method} call within ${timeoutMs} ms`,
        (resolve, reject) =>
          core.onCall((call) => {
            if (call.method.toLowerCase() !== method.toLowerCase()) return;
            try {
              if (predicate(call)) resolve(call);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }),
      );
    },

    subscribe: (listener) => core.store.subscribe(listener),
    events,
  };
  return emulator;
}
