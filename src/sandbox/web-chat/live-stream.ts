// The page's live view: emulator changes (new messages, edits, deletions, button answers,
// "typing…") pushed to every open page as Server-Sent Events.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChangeEvent } from "../emulator/index.js";
import type { SandboxWorld } from "../world.js";
import { HttpError } from "./http-kit.js";
import { toReplyKeyboard, toUiMessage, type UiMessage } from "./views.js";

const KEEPALIVE_MS = 15_000;

export interface LiveStream {
  /** Answers GET /sandbox/api/events with a stream that stays open. */
  open(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every stream and refuses new ones, so the HTTP server can close. */
  close(): void;
}

export function createLiveStream(world: SandboxWorld): LiveStream {
  const emulator = world.emulator;
  const streams = new Set<ServerResponse>();
  /** Once closing, no new live stream may start (it would hold the server open). */
  let closed = false;

  function broadcast(payload: unknown): void {
    const frame = `data: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  }

  /** Emulator changes as the page needs them; subscribed only while someone watches. */
  let unsubscribe: (() => void) | undefined;
  const onChange = (event: ChangeEvent): void => {
    switch (event.type) {
      case "message":
      case "edit":
      case "delete": {
        const message: UiMessage = toUiMessage(event.view);
        broadcast({ type: event.type, chatId: event.chatId, message, replyKeyboard: toReplyKeyboard(emulator.replyKeyboard(event.chatId)) });
        break;
      }
      case "callback_answer":
        broadcast({
          type: "callback_answer",
          chatId: event.chatId,
          messageId: event.messageId,
          fromId: event.callback.fromId,
          answer: event.callback.answer ?? null,
        });
        break;
      case "chat_action":
        broadcast({ type: "chat_action", chatId: event.chatId, action: event.action });
        break;
      default:
        break;
    }
  };
  world.onChange(() => broadcast({ type: "personas" }));

  return {
    open(req, res) {
      if (closed) throw new HttpError(503, "the sandbox is stopping");
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write(`retry: 1000\ndata: ${JSON.stringify({ type: "hello" })}\n\n`);
      streams.add(res);
      if (unsubscribe === undefined) unsubscribe = emulator.subscribe(onChange);
      const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
      keepalive.unref();
      const done = (): void => {
        clearInterval(keepalive);
        streams.delete(res);
        if (streams.size === 0) {
          unsubscribe?.();
          unsubscribe = undefined;
        }
      };
      req.on("close", done);
      res.on("close", done);
    },
    close() {
      closed = true;
      unsubscribe?.();
      unsubscribe = undefined;
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}
