import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openPglite, openPostgres, queryRows, type DatabaseHandle } from "../src/db/client.js";
import { createEmulator } from "../src/sandbox/emulator/index.js";
import { SANDBOX_TOKEN } from "../src/sandbox/start-sandbox.js";
import { startProgram, startSandboxProcess } from "./e2e/sandbox-process.js";
import { withDatabase } from "./global-setup.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(repo, "node_modules", ".bin", "tsx");
// tsx starts in 1-2 s, PGlite in 1-5 s more; leave room for a loaded machine.
const PROCESS_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 2 * PROCESS_TIMEOUT_MS + 10_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script of the repository with only the given variables (plus PATH and HOME). */
function run(script: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      [script],
      {
        cwd: repo,
        // Nothing from the test's own environment (BOT_TOKEN, DATABASE_URL, …) leaks in.
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? tmpdir(), LOG_FORMAT: "json", ...env },
        timeout: PROCESS_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(new Error(`${script} did not finish: ${error.message}\n${stderr}`));
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "cbt-main-"));
  temporaryDirectories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

const stackTraceLine = /^\s+at .+[:(]/m;

describe("npm start (src/main.ts)", () => {
  it(
    "without BOT_TOKEN starts the sandbox: one line says where to open it; web chat, emulator and /healthz on PORT",
    async () => {
      const sandbox = await startSandboxProcess();
      try {
        const port = new URL(sandbox.base).port;
        expect(sandbox.shownUrl).toBe(`http://localhost:${port}/`);
        const line = sandbox.logs().find((l) => l.msg.startsWith("Sandbox: open "))!;
        expect(line.msg).toBe(`Sandbox: open http://localhost:${port}/ to chat with the bot (no BOT_TOKEN: nothing goes to Telegram)`);

        const page = await fetch(`${sandbox.base}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toContain("text/html");
        const html = await page.text();
        expect(html).toContain('<html lang="zh-CN">');
        expect(html).toContain("本地沙盒");

        // The emulator is mounted on the same port, under the sandbox token, as Telegram's API is.
        const getMe = (await (await fetch(`${sandbox.base}/bot${SANDBOX_TOKEN}/getMe`)).json()) as { ok: boolean; result: { id: number; is_bot: boolean } };
        expect(getMe).toMatchObject({ ok: true, result: { id: 1000000, is_bot: true } });
        expect((await fetch(`${sandbox.base}/bot1:wrong-token/getMe`)).status).toBe(401);

        const health = await fetch(`${sandbox.base}/healthz`);
        expect(health.status).toBe(200);
        // The polling lease is taken just after the start-up line is logged: "standby" until
        // then (CI on Postgres, 2026-12-06, read it in between).
        await expect.poll(async () => (await fetch(`${sandbox.base}/healthz`)).json()).toEqual({ status: "ok", database: true, polling: "active" });

        sandbox.child.kill("SIGTERM");
        expect(await sandbox.exited).toEqual({ code: 0, signal: null });
        expect(sandbox.stderr()).not.toMatch(stackTraceLine);
      } finally {
        await sandbox.dispose();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "with BOT_TOKEN no emulator starts: the bot talks to TELEGRAM_API_ROOT, our port has no sandbox",
    async () => {
      const token = "123456:AAbbCCddEEffGGhhIIjjKKll-_mm";
      const telegram = createEmulator({ token });
      const { url } = await telegram.start(0, "127.0.0.1");
      const program = await startProgram({ BOT_TOKEN: token, TELEGRAM_API_ROOT: url }, /^polling lease taken: this instance polls$/);
      try {
        expect(program.logs().some((l) => l.msg.startsWith("Sandbox"))).toBe(false);
        expect(telegram.calls("getMe")).toHaveLength(1);
        expect((await fetch(`${program.base}/`)).status).toBe(404);
        expect((await fetch(`${program.base}/bot${token}/getMe`)).status).toBe(404);
        expect((await fetch(`${program.base}/bot${SANDBOX_TOKEN}/getMe`)).status).toBe(404);
        expect((await fetch(`${program.base}/sandbox/api/state`)).status).toBe(404);
        expect((await fetch(`${program.base}/healthz`)).status).toBe(200);

        // The real bot answers through the Bot API it was given.
        const ann = telegram.createUser({ first_name: "Ann", language_code: "en", started: true });
        telegram.sendText(ann.id, "/start");
        // The lecture announcements question comes first (asked once), then the welcome.
        const welcome = await telegram.waitFor((m) => m.chatId === ann.id && (m.text ?? "").startsWith("Hello"), 15_000);
        expect(welcome.text).toMatch(/^Hello, Ann!/);

        program.child.kill("SIGTERM");
        expect((await program.exited).code).toBe(0);
      } finally {
        await program.dispose();
        await telegram.stop();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "with a bad PORT and a bad COMMUNITY_TIMEZONE exits with code 2 naming both, no stack trace",
    async () => {
      const result = await run("src/main.ts", {
        DATA_DIR: join(temporaryDirectory(), "data"),
        BOT_TOKEN: "123456:AAbbCCddEEffGGhhIIjjKKll-_mm",
        PORT: "notaport",
        COMMUNITY_TIMEZONE: "Mars/Base",
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/\bPORT\b/);
      expect(result.stderr).toContain("COMMUNITY_TIMEZONE");
      expect(result.stderr).not.toMatch(stackTraceLine);
      expect(result.stdout).toBe("");
    },
    TEST_TIMEOUT_MS,
  );
});

const expectedTables = ["communities", "conversation_states", "processed_updates", "user_roles", "users"];

async function publicTables(handle: DatabaseHandle): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  return rows.map((r) => r.table_name);
}

describe("npm run db:migrate (src/db/migrate-cli.ts)", () => {
  it(
    "applies the migrations to PGlite in DATA_DIR, and running it twice is fine",
    async () => {
      const dataDir = join(temporaryDirectory(), "data");
      for (const attempt of ["first", "second"]) {
        const result = await run("src/db/migrate-cli.ts", { DATA_DIR: dataDir });
        expect(result.code, `${attempt} run: ${result.stderr}`).toBe(0);
        expect(result.stdout).toContain("migrations applied");
        expect(result.stdout).toContain("pglite");
      }
      const database = await openPglite(dataDir);
      try {
        expect(await publicTables(database)).toEqual(expect.arrayContaining(expectedTables));
      } finally {
        await database.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  const source = inject("testDatabase");
  it.runIf(source.kind === "postgres")(
    "applies the migrations to an empty Postgres database at DATABASE_URL, and running it twice is fine",
    async () => {
      if (source.kind !== "postgres") return;
      const name = `cbt_${process.pid}_migrate_cli_${Date.now()}`;
      const admin = postgres(source.url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const databaseUrl = withDatabase(source.url, name);
      try {
        for (const attempt of ["first", "second"]) {
          const result = await run("src/db/migrate-cli.ts", { DATABASE_URL: databaseUrl, DATA_DIR: join(temporaryDirectory(), "unused") });
          expect(result.code, `${attempt} run: ${result.stderr}`).toBe(0);
          expect(result.stdout).toContain("migrations applied");
          expect(result.stdout).toContain("postgres");
        }
        const database = openPostgres(databaseUrl, 1);
        try {
          expect(await publicTables(database)).toEqual(expect.arrayContaining(expectedTables));
        } finally {
          await database.close();
        }
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "fails with a non-zero exit code when the database cannot be reached",
    async () => {
      // Port 1 on localhost: connection refused at once.
      const result = await run("src/db/migrate-cli.ts", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain("migrations applied");
      expect(result.stderr).toContain("ECONNREFUSED");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "rejects a bad configuration with code 2",
    async () => {
      const result = await run("src/db/migrate-cli.ts", { DATABASE_URL: "mysql://root@localhost/bot" });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("DATABASE_URL");
      expect(result.stderr).not.toMatch(stackTraceLine);
    },
    TEST_TIMEOUT_MS,
  );
});
