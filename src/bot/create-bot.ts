import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, type ApiClientOptions, type Middleware } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { accountsFeature } from "../features/accounts/feature.js";
import { escapeCommands, homeFeature } from "../features/home/feature.js";
import { reportsFeature } from "../features/reports/feature.js";
import { staffFeatures } from "../features/staff/feature.js";
import { evaluationFeature } from "../features/evaluation/feature.js";
import { dashboardFeature } from "../features/dashboard/feature.js";
import { broadcastDeliverers } from "../features/broadcasts/deliverers.js";
import { broadcastsFeature } from "../features/broadcasts/feature.js";
import { eventsFeature } from "../features/events/feature.js";
import { organiserFeature } from "../features/events/organiser-feature.js";
import { volunteersFeature } from "../features/volunteers/feature.js";
import { teamsFeature } from "../features/volunteers/teams-feature.js";
import { volunteerOverviewFeature } from "../features/volunteers/overview-feature.js";
import { lectureFeatures } from "../features/lectures/feature.js";
import { LECTURE_ANNOUNCEMENT, lectureAnnouncementDeliverer } from "../features/lectures/announce.js";
import { LECTURE_MATERIALS, lectureMaterialsDeliverer } from "../features/lectures/materials.js";
import { VOLUNTEER_CARD, volunteerCardDeliverer } from "../features/volunteers/card.js";
import { EVENT_ANNOUNCEMENT, eventAnnouncementDeliverer } from "../features/events/announce.js";
import type { BotContext, InnerContext } from "./context.js";
import { conversationKey, conversationStorage } from "./conversation-storage.js";
import { CONVERSATION_STORAGE_VERSION, versionPerConversation } from "./conversation-versions.js";
import type { AppDeps } from "./deps.js";
import { deepLinkRouter, deepLinkRoutes } from "./deep-links.js";
import { groupFallback, privateFallback } from "./fallback.js";
import { groupEscapes } from "./group-escapes.js";
import { createReportServices, reportDeliverers } from "../features/staff/report-services.js";
import { createOutboxSender, type Deliverer, type OutboxSender } from "../outbox/sender.js";
import type { Database } from "../db/client.js";
import { telegramPace, type PaceRules } from "../outbox/claim.js";
import { deliverNotice, NOTICE } from "../outbox/notice.js";
import { DAILY_CHART_MESSAGE, DAILY_REPORT_MESSAGE, dailyChartDeliverer, dailyReportDeliverer } from "../features/evaluation/jobs.js";
import { FeatureRegistry, type Feature } from "./feature.js";
import { errorBoundary } from "./middleware/error-boundary.js";
import { floodGuard } from "./middleware/flood-guard.js";
import { updateIntake } from "./middleware/update-intake.js";
import { RequestScopes } from "./request-scope.js";
import { cleanUpdate } from "./clean-update.js";
import { tolerateReplays } from "./tolerate-replays.js";
import { updateSteps } from "./update-steps.js";
import { IntakeTracker } from "./intake-tracker.js";
import type { LedgerTiming } from "./update-intake.js";

/**
 * Installed in this order; nothing depends on it: each handler takes only its own commands and
 * buttons, /start payloads go by prefix (deep-links.ts), menus and /help sort by each entry's order.
 */
export const defaultFeatures: readonly Feature[] = [
  homeFeature,
  reportsFeature,
  ...staffFeatures,
  eventsFeature,
  organiserFeature,
  volunteersFeature,
  teamsFeature,
  volunteerOverviewFeature,
  ...lectureFeatures,
  accountsFeature,
  evaluationFeature,
  broadcastsFeature,
  dashboardFeature,
];

export type CoreDeps = Omit<AppDeps, "conversationPlugins" | "api" | "reports" | "steps">;

export interface CreateBotOptions {
  deps: CoreDeps;
  /** Known bot identity (tests, or a cached getMe); without it bot.init() asks Telegram. */
  botInfo?: UserFromGetMe;
  /** Bot API client options: apiRoot for another server, fetch for tests. */
  client?: ApiClientOptions;
  features?: readonly Feature[];
  /** This process's view of the updates it runs (shared with the runtime); a fresh one if absent. */
  tracker?: IntakeTracker;
  /** How long claims of dead instances stand (tests shorten it). */
  ledgerTiming?: LedgerTiming;
  /** Test hook: after an update's handlers, before its "done" is written. */
  beforeComplete?: (updateId: number) => Promise<void>;
  /** The bot's pace for what it sends on its own (all instances together); 25 a second if absent. */
  pace?: PaceRules;
}

/** The bot's id is the token's first part: the outbox's pace is per bot. */
export const botIdOf = (token: string): number => Number(token.split(":")[0]) || 0;

/**
 * Builds the bot. The middleware order, top to bottom:
 *  1. error boundary (child logger with update_id; apology, or a retry, on failure)
 *  2. clean text: NUL and lone surrogates, which Postgres cannot store, become U+FFFD
 *  3. flood guard (memory only, before any database work, counting updates as they arrive:
 *     after sequentialize it would only see one user's queue as it drains)
 *  4. sequentialize: one chat's updates in order, different chats in parallel
 *  5. channel posts dropped (we are not a channel bot)
 *  6. update intake: claim in the ledger, upsert the sender, prefetch conversation state
 *     (one round trip); afterwards "done" and the new state in one statement
 *  7. i18n
 *  8. conversations (state in Postgres)
 *  9. group chats (/cancel and its button, the staff group's conversations and features, then a fallback); in private chats the escape commands (/cancel, /help, /start), every
 *     feature's conversations, the deep-link router (/start with a payload a feature claims), every feature's handlers; then the fallback
 */
export function createBot(token: string, options: CreateBotOptions): { bot: Bot<BotContext>; registry: FeatureRegistry; outbox: OutboxSender } {
  const { deps: core } = options;
  const features = options.features ?? defaultFeatures;
  const registry = new FeatureRegistry(features);
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  bot.api.config.use(retry);
  bot.api.config.use(tolerateReplays);
  const scopes = new RequestScopes();

  const deps: AppDeps = {
    ...core,
    api: bot.api,
    reports: createReportServices(core),
    steps: updateSteps(core.db, scopes),
    conversationPlugins: [
      // Fresh replay contexts carry nothing of ours; give them the current member and logger.
      (ctx, next) => {
        const scope = scopes.get(conversationKey(ctx));
        ctx.user = scope?.user;
        ctx.log = scope?.log ?? core.logger;
        ctx.attempt = scope?.attempt;
        return next();
      },
      core.i18n.middleware() as unknown as Middleware<InnerContext>,
      (ctx, next) => {
        ctx.api.config.use(retry);
        ctx.api.config.use(tolerateReplays);
        return next();
      },
    ],
  };

  bot.use(errorBoundary(core.i18n, core.logger));
  bot.use((ctx, next) => {
    cleanUpdate(ctx.update);
    return next();
  });
  bot.use(floodGuard(core.i18n, { limit: core.config.FLOOD_LIMIT, windowSeconds: core.config.FLOOD_WINDOW_SECONDS }));
  bot.use(sequentialize((ctx) => [ctx.chat?.id.toString(), ctx.from?.id.toString()].filter((k): k is string => !!k)));
  bot.filter(
    (ctx) => ctx.channelPost !== undefined || ctx.editedChannelPost !== undefined,
    (ctx) => {
      ctx.log.debug("channel post ignored");
    },
  );
  bot.use(
    updateIntake(core.db, core.clock, {
      adminIds: core.config.ADMIN_TELEGRAM_IDS,
      scopes,
      tracker: options.tracker ?? new IntakeTracker(),
      ...(options.ledgerTiming ? { timing: options.ledgerTiming } : {}),
      ...(options.beforeComplete ? { beforeComplete: options.beforeComplete } : {}),
    }),
  );
  bot.use(core.i18n);
  bot.filter(
    (ctx) => ctx.chat !== undefined && ctx.from !== undefined,
    conversations<BotContext, InnerContext>({
      storage: {
        type: "key",
        // One version for the stored shape; each conversation has its own (Feature.conversationVersions).
        version: CONVERSATION_STORAGE_VERSION,
        getStorageKey: conversationKey,
        adapter: versionPerConversation(conversationStorage(core.db, core.clock, scopes), registry.conversationVersions()),
      },
    }),
  );
  const groupChats = bot.chatType(["group", "supergroup"]);
  groupChats.use(groupEscapes());
  for (const feature of features) groupChats.use(...(feature.groupConversations?.(deps, registry) ?? []));
  for (const feature of features) if (feature.groups) groupChats.use(feature.groups(deps, registry));
  bot.use(groupFallback());
  const privateChats = bot.chatType("private");
  privateChats.use(escapeCommands(registry));
  for (const feature of features) privateChats.use(...(feature.conversations?.(deps, registry) ?? []));
  privateChats.use(deepLinkRouter(deepLinkRoutes(features, deps, registry)));
  for (const feature of features) if (feature.create) privateChats.use(feature.create(deps, registry));
  bot.use(privateFallback(registry));
  return { bot, registry, outbox: createBotOutbox(token, options) };
}

/** How the outbox sends each kind of message the features write into it. */
export function botDeliverers(db: Database): Record<string, Deliverer> {
  return {
    ...reportDeliverers(db),
    ...broadcastDeliverers(db),
    [NOTICE]: deliverNotice,
    [DAILY_REPORT_MESSAGE]: dailyReportDeliverer(db),
    [DAILY_CHART_MESSAGE]: dailyChartDeliverer(db),
    [VOLUNTEER_CARD]: volunteerCardDeliverer(db),
    [LECTURE_ANNOUNCEMENT]: lectureAnnouncementDeliverer(db),
    [LECTURE_MATERIALS]: lectureMaterialsDeliverer(db),
    [EVENT_ANNOUNCEMENT]: eventAnnouncementDeliverer(db),
  };
}

/**
 * What the bot sends on its own, through an Api of its own: without auto-retry, since a 429
 * must pause every instance rather than sleep inside one call.
 */
function createBotOutbox(token: string, options: CreateBotOptions): OutboxSender {
  const { deps: core } = options;
  const api = new Api(token, options.client);
  api.config.use(tolerateReplays);
  return createOutboxSender({
    db: core.db,
    api,
    deliverers: botDeliverers(core.db),
    translate: (locale, key, vars) => core.i18n.t(locale, key, vars),
    clock: core.clock,
    logger: core.logger,
    botId: botIdOf(token),
    pace: options.pace ?? telegramPace(25),
  });
}
