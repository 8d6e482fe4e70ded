import { z } from "zod";

/** Telegram's free limit is about 30 messages a second; paid broadcasts may go up to 1000. */
export const FREE_RATE_LIMIT = 30;
export const PAID_RATE_LIMIT = 1000;

const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const value = (v ?? "").trim().toLowerCase();
    if (value === "" || value === "false" || value === "0" || value === "no") return false;
    if (value === "true" || value === "1" || value === "yes") return true;
    ctx.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  });

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/;

const quietHours = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const value = (v ?? "").trim();
    if (value === "") return { start: "21:00", end: "08:00" } as QuietHours;
    if (value === "off") return null;
    const [start, end, ...rest] = value.split("-").map((p) => p.trim());
    if (rest.length > 0 || !start || !end || !hhmm.test(start) || !hhmm.test(end) || start === end) {
      ctx.addIssue({ code: "custom", message: 'must be "HH:mm-HH:mm" (e.g. 21:00-08:00) or "off"' });
      return z.NEVER;
    }
    return { start, end } as QuietHours;
  });

/** Local times in the community's zone; start after end means the quiet spans midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

const schema = z
  .object({
    BROADCAST_PAID: flag,
    BROADCAST_RATE_PER_SECOND: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
      .pipe(z.union([z.undefined(), z.coerce.number<string>().positive().max(PAID_RATE_LIMIT)])),
    BROADCAST_QUIET_HOURS: quietHours,
  })
  .superRefine((env, ctx) => {
    if (!env.BROADCAST_PAID && env.BROADCAST_RATE_PER_SECOND !== undefined && env.BROADCAST_RATE_PER_SECOND > FREE_RATE_LIMIT) {
      ctx.addIssue({
        code: "custom",
        path: ["BROADCAST_RATE_PER_SECOND"],
        message: `must be at most ${FREE_RATE_LIMIT} unless BROADCAST_PAID=true (paid broadcasts allow up to ${PAID_RATE_LIMIT})`,
      });
    }
  });

export interface BroadcastConfig {
  /** Send with allow_paid_broadcast (Telegram Stars are charged past the free limit). */
  paid: boolean;
  /** Messages per second over all chats. */
  ratePerSecond: number;
  /** Null: no quiet hours at all. */
  quietHours: QuietHours | null;
}

export const DEFAULT_BROADCAST_CONFIG: BroadcastConfig = { paid: false, ratePerSecond: 25, quietHours: { start: "21:00", end: "08:00" } };

/**
 * Reads the broadcast settings from an environment object:
 *   BROADCAST_PAID             true → allow_paid_broadcast on every send (default false)
 *   BROADCAST_RATE_PER_SECOND  default 25, or 1000 when paid; at most 30 unpaid, 1000 paid
 *   BROADCAST_QUIET_HOURS      "21:00-08:00" (default) in the community's time zone, or "off"
 * Throws a zod error naming each bad variable.
 */
export function readBroadcastConfig(env: Record<string, string | undefined>): BroadcastConfig {
  const parsed = schema.parse({
    BROADCAST_PAID: env.BROADCAST_PAID,
    BROADCAST_RATE_PER_SECOND: env.BROADCAST_RATE_PER_SECOND,
    BROADCAST_QUIET_HOURS: env.BROADCAST_QUIET_HOURS,
  });
  return {
    paid: parsed.BROADCAST_PAID,
    ratePerSecond: parsed.BROADCAST_RATE_PER_SECOND ?? (parsed.BROADCAST_PAID ? PAID_RATE_LIMIT : 25),
    quietHours: parsed.BROADCAST_QUIET_HOURS,
  };
}
