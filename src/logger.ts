import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(options: { level: string; format: "json" | "pretty" }): Logger {
  if (options.format === "pretty") {
    return pino({
      level: options.level,
      transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } },
    });
  }
  return pino({ level: options.level });
}

/** For tests and tools that should stay quiet. */
export const silentLogger: Logger = pino({ level: "silent" });
