import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/client.js";
import { listPersonas } from "../../src/sandbox/personas.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "cbt-seed-cli-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function seed(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(repo, "node_modules", ".bin", "tsx"),
      ["src/sandbox/seed-cli.ts"],
      { cwd: repo, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? tmpdir(), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A port nothing listens on: the CLI then seeds the database itself. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

describe("npm run sandbox:seed (src/sandbox/seed-cli.ts)", () => {
  it("with no sandbox running, seeds the database in DATA_DIR; running it twice is fine", async () => {
    const env = { DATA_DIR: join(directory, "data"), HOST: "127.0.0.1", PORT: String(await closedPort()) };
    for (const attempt of ["first", "second"]) {
      const result = await seed(env);
      expect(result.code, `${attempt} run: ${result.stderr}`).toBe(0);
      expect(result.stdout.trim()).toBe("演示数据已就绪：2 个网格、9 个身份、3 条上报。 (pglite)");
    }
    const database = await openPglite(env.DATA_DIR);
    try {
      const personas = await listPersonas(database.db);
      expect(personas.map((p) => `${p.firstName}:${p.kind}`)).toEqual([
        "王阿姨:resident",
        "李叔叔:volunteer",
        "张师傅:inspector",
        "陈主任:staff",
        "刘书记:admin",
        "孙老师:staff",
        "赵师傅:inspector",
        "周阿姨:volunteer",
        "钱大爷:resident",
      ]);
    } finally {
      await database.close();
    }
  }, 150_000);

  it("refuses to put demo data into a real bot's database (BOT_TOKEN set)", async () => {
    const result = await seed({ DATA_DIR: join(directory, "other"), BOT_TOKEN: "123456:AAbbCCddEEffGGhhIIjjKKll-_mm" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("BOT_TOKEN");
    expect(result.stdout).toBe("");
  }, 60_000);
});
