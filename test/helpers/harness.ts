import type { Update } from "grammy/types";
import type { Clock } from "../../src/clock.js";
import type { Config } from "../../src/config.js";
import { Api } from "grammy";
import { botDeliverers, createBot, type CreateBotOptions } from "../../src/bot/create-bot.js";
import { telegramPace } from "../../src/outbox/claim.js";
import { createOutboxSender } from "../../src/outbox/sender.js";
import type { IntakeTracker } from "../../src/bot/intake-tracker.js";
import type { Feature } from "../../src/bot/feature.js";
import type { Database } from "../../src/db/client.js";
import { DEFAULT_COMMUNITY_SLUG, ensureCommunity } from "../../src/features/accounts/service.js";
import { seedDefaultCategories } from "../../src/features/reports/categories.js";
import { seedDefaultTemplates } from "../../src/features/staff/templates.js";
import { createI18n } from "../../src/i18n.js";
import { pino } from "pino";
import { silentLogger, type Logger } from "../../src/logger.js";
import { FakeTelegram, TEST_TOKEN, testBotInfo } from "./fake-telegram.js";
import { UpdateFactory } from "./updates.js";

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private current = new Date("2026-05-01T02:00:00Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface HarnessOptions {
  db: Database;
  features?: readonly Feature[];
  config?: Partial<Config>;
  clock?: FakeClock;
  logger?: Logger;
  /** Share one fake Telegram between instances (two bots, one chat history). */
  telegram?: FakeTelegram;
  /** The intake's view of updates in flight, to share with a dispatcher or recovery in the test. */
  tracker?: IntakeTracker;
}

const i18n = createI18n();
/** TEST_LOG=debug (or info, error…) shows the bot's logs while debugging a test. */
const testLogger = process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }) : silentLogger;

/** The bot's settings in tests: the defaults, with a flood limit no test trips by accident. */
export const TEST_BOT_CONFIG = {
  ADMIN_TELEGRAM_IDS: [] as number[],
  FLOOD_LIMIT: 1000,
  FLOOD_WINDOW_SECONDS: 10,
  REPORT_DAILY_LIMIT: 10,
  REPORT_DUPLICATE_RADIUS_METERS: 50,
  REPORT_DUPLICATE_DAYS: 14,
  REPORT_AUTO_CLOSE_DAYS: 3,
};

/**
 * The real bot, built by createBot with the production middleware and features, talking to a
 * fake Bot API. `send` feeds one update through it as Telegram would.
 */
export function createHarness(options: HarnessOptions) {
  const telegram = options.telegram ?? new FakeTelegram();
  const clock = options.clock ?? new FakeClock();
  const config = { ...TEST_BOT_CONFIG, ...options.config };
  const createOptions: CreateBotOptions = {
    deps: { db: options.db, clock, logger: options.logger ?? testLogger, i18n, config },
    botInfo: testBotInfo,
    client: { fetch: telegram.fetch },
    ...(options.features ? { features: options.features } : {}),
    ...(options.tracker ? { tracker: options.tracker } : {}),
  };
  const { bot, registry, outbox } = createBot(TEST_TOKEN, createOptions);
  return {
    bot,
    registry,
    telegram,
    clock,
    i18n,
    outbox,
    /**
     * One update through the bot as Telegram would send it, then what it wrote to the outbox
     * (notifications, staff cards) sent at once, as the running sender would a moment later.
     */
    send: async (update: Update) => {
      await bot.handleUpdate(update);
      await outbox.drain();
    },
    /** Sends what is due in the outbox now (after a service call made outside an update). */
    flush: () => outbox.drain(),
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** The bot's outbox sender on a fake Telegram, for tests that run jobs without a bot. */
export function createTestOutbox(db: Database, telegram: FakeTelegram, clock: Clock) {
  return createOutboxSender({
    db,
    api: new Api(TEST_TOKEN, { fetch: telegram.fetch }),
    deliverers: botDeliverers(db),
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    clock,
    logger: silentLogger,
    botId: 1,
    pace: telegramPace(30),
  });
}

/** The default community as start-up creates it, with the default categories and standard replies. */
export async function seedDefaultCommunity(db: Database, name = "幸福社区") {
  const community = await ensureCommunity(db, { slug: DEFAULT_COMMUNITY_SLUG, name, timezone: "Asia/Shanghai" });
  await seedDefaultCategories(db, community.id, (locale, key) => i18n.t(locale, key));
  await seedDefaultTemplates(db, community.id, (locale, key) => i18n.t(locale, key));
  return community;
}

export const updates = () => new UpdateFactory();
