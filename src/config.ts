import { createHash } from "node:crypto";
import { z } from "zod";
import { readBroadcastConfig, type BroadcastConfig } from "./features/broadcasts/config.js";
import { DEFAULT_TIMEZONE } from "./time.js";

/** Every environment variable the program reads, validated once at start-up. */
const commaSeparatedIds = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const ids: number[] = [];
    for (const part of value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      if (!/^\d{1,16}$/.test(part) || !Number.isSafeInteger(Number(part))) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/**
 * Leads before a start, "24h,1h" or "30m": hours, largest first, each at most a week. Minutes
 * are there for a community that wants a last call shortly before (and for trying it out).
 */
const leadTimes = z.string().transform((value, ctx) => {
  const hours: number[] = [];
  for (const part of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,4})\s*(h|m)$/i.exec(part);
    const lead = match ? Number(match[1]) / (match[2]!.toLowerCase() === "h" ? 1 : 60) : Number.NaN;
    if (!(lead > 0 && lead <= 7 * 24)) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not a lead time such as 24h or 30m (at most a week)` });
      return z.NEVER;
    }
    hours.push(lead);
  }
  return [...new Set(hours)].sort((a, b) => b - a);
});

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "is not an IANA time zone (e.g. Asia/Shanghai)" },
);

const envSchema = z.object({
  BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "does not look like a token from @BotFather")
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Where people reach this server (https://bot.example.org): the dashboard's sign-in links point there. */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** A dashboard sign-in lasts this many hours (then the person asks the bot for a new link). */
  DASHBOARD_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Map tiles under the dashboard's map, a URL template such as https://tile.example.org/{z}/{x}/{y}.png (none: a plain background). */
  DASHBOARD_MAP_TILES: optionalString.pipe(
    z
      .url({ protocol: /^https?$/ })
      .refine((url) => ["{z}", "{x}", "{y}"].every((part) => url.includes(part)), "must hold {z}, {x} and {y}")
      .optional(),
  ),
  WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z a-z 0-9 _ -")
      .optional(),
  ),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default("./data"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ADMIN_TELEGRAM_IDS: commaSeparatedIds,
  COMMUNITY_NAME: z.string().min(1).max(100).default("幸福社区"),
  COMMUNITY_TIMEZONE: timezone.default(DEFAULT_TIMEZONE),
  FLOOD_LIMIT: z.coerce.number().int().min(1).default(20),
  FLOOD_WINDOW_SECONDS: z.coerce.number().int().min(1).default(10),
  REPORT_DAILY_LIMIT: z.coerce.number().int().min(1).default(10),
  REPORT_DUPLICATE_RADIUS_METERS: z.coerce.number().int().min(1).max(5000).default(50),
  REPORT_DUPLICATE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REPORT_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** A volunteer sharing a location this near the event's place (metres) is checked in. */
  EVENT_CHECKIN_RADIUS_METERS: z.coerce.number().int().min(10).max(5000).default(200),
  /** When people signed up for a duty (rehearsal, lecture duty, clean-up…) are reminded: 24 h and 2 h before. */
  EVENT_REMINDERS: z.string().default("24h,2h").pipe(leadTimes),
  /** When people registered for a lecture are reminded: the day before and one hour before. */
  LECTURE_REMINDERS: z.string().default("24h,1h").pipe(leadTimes),
  /** Hour (0–23, community time) when the daily report goes to the staff group. */
  DAILY_REPORT_HOUR: z.coerce.number().int().min(0).max(23).default(18),
  /** The sandbox fills a fresh database with demo data (staff group, areas, people, reports, duties). */
  SANDBOX_DEMO_DATA: z.enum(["on", "off"]).default("on"),
  /** The sandbox's Bot API emulator answers this many ms late, as a Telegram that far away would (0: at once). */
  EMULATOR_ANSWER_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

export type Env = z.output<typeof envSchema>;

export interface Config extends Env {
  /** BROADCAST_PAID, BROADCAST_RATE_PER_SECOND, BROADCAST_QUIET_HOURS, validated by the broadcasts feature. */
  broadcast: BroadcastConfig;
  /** Secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; stable across instances. */
  webhookSecret: string | undefined;
  logFormat: "json" | "pretty";
  /**
   * The server's address as people reach it, without a trailing slash: PUBLIC_URL, else the
   * webhook's origin (Telegram reaches us there, so people can too); undefined when neither is set.
   */
  publicUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty (or blank) variables count as unset, so `PORT=` gets the default rather than 0.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"} ${issue.message}`));
  }
  const values = parsed.data;
  let broadcast: BroadcastConfig;
  try {
    broadcast = readBroadcastConfig(env);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new ConfigError(error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const webhookSecret =
    values.WEBHOOK_SECRET ?? (values.BOT_TOKEN ? createHash("sha256").update(`webhook:${values.BOT_TOKEN}`).digest("hex").slice(0, 48) : undefined);
  const logFormat = values.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json");
  const publicUrl = (values.PUBLIC_URL ?? (values.WEBHOOK_URL ? new URL(values.WEBHOOK_URL).origin : undefined))?.replace(/\/+$/, "");
  return { ...values, webhookSecret, logFormat, broadcast, publicUrl };
}
