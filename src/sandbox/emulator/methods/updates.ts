import { badRequest, conflict } from "../errors.js";
import { LONG_POLL_MAX_SECONDS } from "../updates.js";
import type { TgUpdate } from "../types.js";
import { Described, type CallContext } from "./context.js";

export function getUpdates({ core, args, signal }: CallContext): Promise<TgUpdate[]> {
  if (core.webhook !== undefined) {
    throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  const offset = args.int("offset", 0);
  const limit = args.int("limit", 100, 1, 100);
  const timeout = args.int("timeout", 0, 0, LONG_POLL_MAX_SECONDS);
  if (args.has("allowed_updates")) core.queue.setAllowed(args.jsonLenient("allowed_updates"));
  return core.queue.poll(offset, limit, timeout, signal);
}

/**
 * Telegram wants an HTTPS webhook; the emulator also takes plain HTTP so that a bot under test
 * can listen on 127.0.0.1 without certificates.
 */
export function setWebhook(context: CallContext): Described {
  const { core, args } = context;
  const url = args.str("url").trim();
  if (url === "") return deleteWebhook(context);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("invalid webhook URL specified");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw badRequest("bad webhook: HTTPS url must be provided for webhook");
  }
  const secret = args.str("secret_token");
  if (secret !== "" && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw badRequest("secret token contains unallowed characters");
  }
  if (args.bool("drop_pending_updates")) core.queue.clear();
  if (args.has("allowed_updates")) core.queue.setAllowed(args.jsonLenient("allowed_updates"));
  const same = core.webhook?.url === url && (core.webhook.secretToken ?? "") === secret;
  core.webhook = { url, maxConnections: args.int("max_connections", 40, 1, 100) };
  if (secret !== "") core.webhook.secretToken = secret;
  if (args.str("ip_address") !== "") core.webhook.ipAddress = args.str("ip_address");
  // A long poll still waiting is ended the way Telegram ends it.
  core.queue.terminate(conflict("terminated by setWebhook request"));
  core.webhookChanged();
  return new Described(true, same ? "Webhook is already set" : "Webhook was set");
}

export function deleteWebhook({ core, args }: CallContext): Described {
  if (args.bool("drop_pending_updates")) core.queue.clear();
  const had = core.webhook !== undefined;
  core.webhook = undefined;
  core.webhookChanged();
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
}

export function getWebhookInfo({ core }: CallContext): Record<string, unknown> {
  const hook = core.webhook;
  const info: Record<string, unknown> = {
    url: hook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: core.queue.size(),
  };
  if (hook === undefined) return info;
  info.max_connections = hook.maxConnections;
  if (hook.ipAddress !== undefined) info.ip_address = hook.ipAddress;
  if (hook.lastErrorDate !== undefined) info.last_error_date = hook.lastErrorDate;
  if (hook.lastErrorMessage !== undefined) info.last_error_message = hook.lastErrorMessage;
  info.allowed_updates = core.queue.allowedTypes();
  return info;
}
