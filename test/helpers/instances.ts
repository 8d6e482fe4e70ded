import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/create-bot.js";
import { IntakeTracker } from "../../src/bot/intake-tracker.js";
import { startBotRuntime, type BotRuntime } from "../../src/bot/runtime/bot-runtime.js";
import { ALLOWED_UPDATES } from "../../src/app.js";
import { systemClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { pino } from "pino";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { seedDefaultCommunity, TEST_BOT_CONFIG } from "./harness.js";
import { startEmulator, TOKEN, type Running } from "../sandbox/emulator/helpers.js";

/** Instances judge each other dead fast here: heartbeat every 250 ms, stale after 1.5 s. */
export const FAST_TIMING = { staleMs: 1_500, fallbackLeaseMs: 60_000 };

const i18n = createI18n();
const logger = process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }) : silentLogger;

export interface InstanceOptions {
  db: Database;
  apiRoot: string;
  token: string;
  /** A Bot API call this returns true for never answers (the process "dies" while waiting). */
  hangCall?: (method: string, body: string) => boolean;
  afterFetch?: (updates: readonly Update[]) => Promise<void>;
  beforeComplete?: (updateId: number) => Promise<void>;
  mode?: "polling" | "webhook";
}

export interface Instance {
  tracker: IntakeTracker;
  runtime: BotRuntime;
  /** What SIGKILL leaves: every timer stops, nothing is finished, released or recorded. */
  kill(): void;
  stop(): Promise<void>;
}

/**
 * grammY hands a custom fetch node-fetch's options: an http.Agent and a polyfilled AbortSignal,
 * which Node's own fetch refuses since Node 22 ("Expected signal to be an instance of
 * AbortSignal"). The request goes with a native signal that follows grammY's.
 */
function nativeInit(init: RequestInit | undefined): RequestInit | undefined {
  const signal = init?.signal;
  if (!init || !signal) return init;
  const { signal: _polyfilled, agent: _agent, ...rest } = init as RequestInit & { agent?: unknown };
  const native = new AbortController();
  if (signal.aborted) native.abort();
  else signal.addEventListener("abort", () => native.abort(), { once: true });
  return { ...rest, signal: native.signal };
}

/** A never-settling promise: the point where a killed process stopped. */
export const forever = () => new Promise<never>(() => {});

/**
 * One bot process in the test process: the real createBot and bot runtime, against a Bot API
 * at apiRoot (the emulator, which keeps Telegram's offset rules) and a shared database.
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const hang = options.hangCall;
  const client = {
    apiRoot: options.apiRoot,
    ...(hang
      ? {
          fetch: (async (input: string | URL | Request, init?: RequestInit) => {
            const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
            const method = url.slice(url.lastIndexOf("/") + 1);
            if (hang(method, typeof init?.body === "string" ? init.body : "")) return forever();
            return fetch(input, nativeInit(init));
          }) as typeof fetch,
        }
      : {}),
  };
  const tracker = new IntakeTracker();
  const { bot, outbox } = createBot(options.token, {
    deps: { db: options.db, clock: systemClock, logger, i18n, config: TEST_BOT_CONFIG },
    client,
    tracker,
    ledgerTiming: FAST_TIMING,
    ...(options.beforeComplete ? { beforeComplete: options.beforeComplete } : {}),
  });
  await bot.init();
  const runtime = startBotRuntime({
    bot,
    db: options.db,
    clock: systemClock,
    logger,
    tracker,
    mode: options.mode ?? "polling",
    allowedUpdates: ALLOWED_UPDATES,
    timing: FAST_TIMING,
    heartbeatMs: 250,
    recoveryEveryMs: 200,
    lease: { ttlMs: 1_000, tryEveryMs: 200 },
    pollTimeoutSeconds: 1,
    ...(options.afterFetch ? { afterFetch: options.afterFetch } : {}),
  });
  outbox.start();
  return {
    tracker,
    runtime,
    kill: () => {
      runtime.abandon();
      void outbox.stop(); // takes nothing more; a send already on its way finishes as it would
    },
    stop: async () => {
      await runtime.stop();
      await outbox.stop();
    },
  };
}

/** Resolves when `check` holds, polling every 50 ms; fails after timeoutMs. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A migrated database with the default community, an emulator, and the instances a test starts. */
export interface RuntimeWorld {
  database: TestDatabase;
  server: Running;
  instances: Instance[];
  /** Starts an instance on this world's database and emulator; it is killed at tearDown. */
  start(options?: Omit<InstanceOptions, "db" | "apiRoot" | "token">): Promise<Instance>;
  tearDown(): Promise<void>;
}

export async function createRuntimeWorld(): Promise<RuntimeWorld> {
  const database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
  const server = await startEmulator();
  const instances: Instance[] = [];
  return {
    database,
    server,
    instances,
    async start(options = {}) {
      const started = await startInstance({ db: database.db, apiRoot: server.url, token: TOKEN, ...options });
      instances.push(started);
      return started;
    },
    async tearDown() {
      for (const instance of instances.splice(0)) instance.kill();
      await server.stop();
      await database.close();
    },
  };
}
