import { Composer } from "grammy";
import type { BotContext } from "./context.js";
import type { AppDeps } from "./deps.js";
import type { Feature, FeatureRegistry } from "./feature.js";

/** Answers a /start payload that begins with its prefix; `rest` is what follows the prefix. */
export type DeepLinkHandler = (ctx: BotContext, rest: string) => Promise<unknown>;
/** A feature's deep links: prefix → handler. */
export type DeepLinkHandlers = Readonly<Record<string, DeepLinkHandler>>;

export interface DeepLinkRoute {
  prefix: string;
  feature: string;
  handle: DeepLinkHandler;
}

/** Telegram allows 64 characters of A-Z a-z 0-9 _ - in a start payload; a prefix leaves room for the rest. */
const PREFIX_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;
const PAYLOAD_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Every feature's deep links. A malformed prefix, or two prefixes where one begins the other,
 * stops the bot from being built: either would make the feature order decide who answers.
 */
export function deepLinkRoutes(features: readonly Feature[], deps: AppDeps, registry: FeatureRegistry): DeepLinkRoute[] {
  const routes: DeepLinkRoute[] = [];
  for (const feature of features) {
    for (const [prefix, handle] of Object.entries(feature.deepLinks?.(deps, registry) ?? {})) {
      if (!PREFIX_SHAPE.test(prefix)) throw new Error(`Bad deep-link prefix "${prefix}" of ${feature.name}`);
      const clash = routes.find((r) => r.prefix.startsWith(prefix) || prefix.startsWith(r.prefix));
      if (clash) throw new Error(`Deep-link prefix "${prefix}" of ${feature.name} clashes with "${clash.prefix}" of ${clash.feature}`);
      routes.push({ prefix, feature: feature.name, handle });
    }
  }
  return routes;
}

/** The route a /start payload belongs to, or undefined for a plain /start. */
export function routeOf(routes: readonly DeepLinkRoute[], payload: string): DeepLinkRoute | undefined {
  return routes.find((r) => payload.startsWith(r.prefix));
}

/**
 * Installed before every feature's handlers: a /start whose payload a feature claims goes to that
 * feature; any other /start (none, or an unknown payload) goes on to the ordinary /start.
 */
export function deepLinkRouter(routes: readonly DeepLinkRoute[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  if (routes.length === 0) return composer;
  composer.command("start", async (ctx, next) => {
    const payload = ctx.match.trim();
    const route = routeOf(routes, payload);
    if (!route) return next();
    await route.handle(ctx, payload.slice(route.prefix.length));
  });
  return composer;
}

/** The link that opens a private chat with the bot and sends /start <prefix><rest>. */
export function deepLinkUrl(botUsername: string, prefix: string, rest: string): string {
  const payload = prefix + rest;
  if (!PAYLOAD_SHAPE.test(payload)) throw new Error(`Bad deep-link payload: ${payload}`);
  return `https://t.me/${botUsername}?start=${payload}`;
}
