import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const TOKEN = "123456:AAbbCCddEEffGGhhIIjjKKll-_mm";

/** The ConfigError loadConfig throws for this environment (fails the test if it does not throw). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The variable each problem names (problems read "NAME message"). */
function badVariables(error: ConfigError): string[] {
  return error.problems.map((p) => p.split(" ")[0]!).sort();
}

describe("defaults", () => {
  it("fills in every optional variable when the environment is empty", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      COMMUNITY_NAME: "幸福社区",
      COMMUNITY_TIMEZONE: "Asia/Shanghai",
      ADMIN_TELEGRAM_IDS: [],
      FLOOD_LIMIT: 20,
      FLOOD_WINDOW_SECONDS: 10,
      LOG_LEVEL: "info",
    });
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.WEBHOOK_URL).toBeUndefined();
    expect(config.webhookSecret).toBeUndefined();
    expect(["json", "pretty"]).toContain(config.logFormat);
  });

  it("treats empty and blank variables as unset", () => {
    const config = loadConfig({
      PORT: "",
      HOST: "",
      DATA_DIR: "",
      COMMUNITY_NAME: " ",
      COMMUNITY_TIMEZONE: "",
      ADMIN_TELEGRAM_IDS: "",
      FLOOD_LIMIT: "",
      FLOOD_WINDOW_SECONDS: "",
      LOG_LEVEL: "",
      LOG_FORMAT: "",
      BOT_TOKEN: "",
      DATABASE_URL: "",
      WEBHOOK_URL: "  ",
      WEBHOOK_SECRET: "",
      TELEGRAM_API_ROOT: "",
    });
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      COMMUNITY_NAME: "幸福社区",
      COMMUNITY_TIMEZONE: "Asia/Shanghai",
      ADMIN_TELEGRAM_IDS: [],
      FLOOD_LIMIT: 20,
      FLOOD_WINDOW_SECONDS: 10,
      LOG_LEVEL: "info",
    });
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.WEBHOOK_URL).toBeUndefined();
    expect(config.webhookSecret).toBeUndefined();
  });

  it("takes the values that are given", () => {
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      PORT: "0",
      DATA_DIR: "/var/lib/bot",
      DATABASE_URL: "postgresql://bot@db:5432/bot",
      WEBHOOK_URL: "https://bot.example.com/telegram/hook",
      COMMUNITY_TIMEZONE: "Europe/Berlin",
      LOG_FORMAT: "json",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      BOT_TOKEN: TOKEN,
      PORT: 0,
      DATA_DIR: "/var/lib/bot",
      DATABASE_URL: "postgresql://bot@db:5432/bot",
      WEBHOOK_URL: "https://bot.example.com/telegram/hook",
      COMMUNITY_TIMEZONE: "Europe/Berlin",
      logFormat: "json",
      LOG_LEVEL: "debug",
    });
  });
});

describe("ADMIN_TELEGRAM_IDS", () => {
  it("takes a map tile URL template with {z}, {x} and {y}, and refuses one without them or not http(s)", () => {
    expect(loadConfig({}).DASHBOARD_MAP_TILES).toBeUndefined();
    expect(loadConfig({ DASHBOARD_MAP_TILES: "https://tile.example.org/{z}/{x}/{y}.png" }).DASHBOARD_MAP_TILES).toBe(
      "https://tile.example.org/{z}/{x}/{y}.png",
    );
    for (const value of ["https://tile.example.org/{z}/{x}.png", "ftp://tile.example.org/{z}/{x}/{y}.png", "tiles/{z}/{x}/{y}.png"]) {
      expect(badVariables(configError({ DASHBOARD_MAP_TILES: value }))).toEqual(["DASHBOARD_MAP_TILES"]);
    }
  });

  it("parses a comma-separated list, ignoring spaces and empty items", () => {
    expect(loadConfig({ ADMIN_TELEGRAM_IDS: "1, 2,3" }).ADMIN_TELEGRAM_IDS).toEqual([1, 2, 3]);
    expect(loadConfig({ ADMIN_TELEGRAM_IDS: " 42 ,, 7000000001 ," }).ADMIN_TELEGRAM_IDS).toEqual([42, 7000000001]);
  });

  it.each(["abc", "1,abc", "-5", "1.5", "12345678901234567", "9999999999999999"])("rejects %j naming the variable", (value) => {
    const error = configError({ ADMIN_TELEGRAM_IDS: value });
    expect(badVariables(error)).toEqual(["ADMIN_TELEGRAM_IDS"]);
    expect(error.message).toContain("ADMIN_TELEGRAM_IDS");
  });
});

describe("invalid values", () => {
  it.each([
    ["PORT", "notaport"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["COMMUNITY_TIMEZONE", "Mars/Base"],
    ["DATABASE_URL", "mysql://root@localhost/bot"],
    ["DATABASE_URL", "localhost:5432"],
    ["WEBHOOK_URL", "not a url"],
    ["WEBHOOK_URL", "ftp://bot.example.com/hook"],
    ["BOT_TOKEN", "abc"],
    ["BOT_TOKEN", "123456"],
    ["WEBHOOK_SECRET", "short"],
    ["LOG_LEVEL", "verbose"],
    ["FLOOD_LIMIT", "0"],
  ])("%s=%j is rejected by name", (name, value) => {
    const error = configError({ [name]: value });
    expect(badVariables(error)).toEqual([name]);
    expect(error.message).toContain(name);
  });

  it("accepts both postgres:// and postgresql:// URLs", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).DATABASE_URL).toBe("postgres://u@h/db");
    expect(loadConfig({ DATABASE_URL: "postgresql://u@h/db" }).DATABASE_URL).toBe("postgresql://u@h/db");
  });

  it("lists every bad variable at once", () => {
    const two = configError({ PORT: "notaport", COMMUNITY_TIMEZONE: "Mars/Base" });
    expect(two.problems).toHaveLength(2);
    expect(badVariables(two)).toEqual(["COMMUNITY_TIMEZONE", "PORT"]);

    const many = configError({
      BOT_TOKEN: "abc",
      PORT: "notaport",
      COMMUNITY_TIMEZONE: "Mars/Base",
      DATABASE_URL: "mysql://x",
      WEBHOOK_URL: "nope",
      ADMIN_TELEGRAM_IDS: "abc",
    });
    expect(badVariables(many)).toEqual(["ADMIN_TELEGRAM_IDS", "BOT_TOKEN", "COMMUNITY_TIMEZONE", "DATABASE_URL", "PORT", "WEBHOOK_URL"].sort());
    // The message shows them all, one per line.
    for (const name of badVariables(many)) expect(many.message).toMatch(new RegExp(`^  - ${name} `, "m"));
  });
});

describe("webhookSecret", () => {
  it("is derived from BOT_TOKEN when WEBHOOK_SECRET is unset: stable, token-specific, and valid for Telegram", () => {
    const first = loadConfig({ BOT_TOKEN: TOKEN }).webhookSecret;
    const second = loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_SECRET: "" }).webhookSecret;
    const other = loadConfig({ BOT_TOKEN: "654321:ZZyyXXwwVVuuTTssRRqqPPoo" }).webhookSecret;
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    // Telegram accepts 1-256 characters of A-Z a-z 0-9 _ - in secret_token.
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,256}$/);
    // It must not leak the token itself.
    expect(first).not.toContain(TOKEN.split(":")[1]);
  });

  it("equals WEBHOOK_SECRET when set", () => {
    const secret = "my-own_Secret-0123456789";
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_SECRET: secret }).webhookSecret).toBe(secret);
    expect(loadConfig({ WEBHOOK_SECRET: secret }).webhookSecret).toBe(secret);
  });
});

describe("EVENT_REMINDERS", () => {
  it("is 24 h and 2 h before by default, in hours", () => {
    expect(loadConfig({}).EVENT_REMINDERS).toEqual([24, 2]);
  });
  it("reads hours and minutes, longest first", () => {
    expect(loadConfig({ EVENT_REMINDERS: "30m, 24h,2h" }).EVENT_REMINDERS).toEqual([24, 2, 0.5]);
  });
  it("refuses what is not a lead time, zero, or more than a week", () => {
    for (const bad of ["24", "2 days", "0m", "169h"]) expect(badVariables(configError({ EVENT_REMINDERS: bad }))).toEqual(["EVENT_REMINDERS"]);
  });
});
