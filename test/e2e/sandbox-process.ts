import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const tsx = join(repo, "node_modules", ".bin", "tsx");
/** tsx starts in 1-2 s, PGlite and its migrations in a few more; leave room for a loaded machine. */
export const START_TIMEOUT_MS = 60_000;

/** A message as the web chat API returns it (the fields the tests read). */
export interface ChatMessage {
  seq: number;
  messageId: number;
  fromBot: boolean;
  fromId: number;
  text?: string;
  edited: boolean;
  photo?: { fileId: string };
  location?: { latitude: number; longitude: number; live?: boolean };
  inlineKeyboard?: Array<Array<{ text: string; data?: string; url?: string }>>;
}

export interface ChatState {
  chatId: number;
  messages: ChatMessage[];
  replyKeyboard: { rows: Array<Array<{ text: string; requestLocation?: boolean; requestContact?: boolean }>> } | null;
  commands: Array<{ command: string; description: string }>;
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface SandboxProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The URL the program told the person to open. */
  shownUrl: string;
  logs(): LogLine[];
  stderr(): string;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the process (SIGTERM, then SIGKILL after a while) and removes its data. */
  dispose(): Promise<void>;
  api: SandboxApi;
}

/** The web chat's API, as the page uses it. */
export class SandboxApi {
  constructor(private readonly base: string) {}

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.base}${path}`);
    const body = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.error ?? ""}`);
    return body;
  }

  async post<T = { ok: boolean; messageId?: number }>(path: string, body: unknown, contentType = "application/json"): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: "POST",
      headers: { "content-type": contentType },
      body: body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const answer = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${answer.error ?? ""}`);
    return answer;
  }

  send(persona: number, text: string, chat: number = persona) {
    return this.post("/sandbox/api/send", { persona, chat, text });
  }

  press(persona: number, messageId: number, data: string, chat: number = persona) {
    return this.post("/sandbox/api/press", { persona, chat, messageId, data });
  }

  location(persona: number, latitude: number, longitude: number, chat: number = persona) {
    return this.post("/sandbox/api/location", { persona, chat, latitude, longitude });
  }

  /** A live location: start it, move it (messageId, position, heading) or stop it. */
  live(
    persona: number,
    body: { action: "start" | "move" | "stop"; messageId?: number; latitude?: number; longitude?: number; heading?: number },
    chat = persona,
  ) {
    return this.post<{ ok: boolean; messageId: number }>("/sandbox/api/live", { persona, chat, ...body });
  }

  photo(persona: number, bytes: Uint8Array, chat: number = persona) {
    return this.post(`/sandbox/api/photo?persona=${persona}&chat=${chat}`, bytes, "image/png");
  }

  chat(persona: number, chat: number = persona): Promise<ChatState> {
    return this.get<ChatState>(`/sandbox/api/chats/${chat}?persona=${persona}`);
  }

  state() {
    return this.get<{ personas: Array<{ id: number; name: string; kind: string; chats: number[] }>; pendingUpdates: number; polling: boolean }>(
      "/sandbox/api/state",
    );
  }

  /**
   * Polls the chat until a bot message after `afterSeq` matches; returns it. Bot answers take
   * a few milliseconds here, so polling every 50 ms is plenty.
   */
  async waitForBot(
    persona: number,
    predicate: (message: ChatMessage) => boolean,
    options: { afterSeq?: number; chat?: number; timeoutMs?: number } = {},
  ): Promise<ChatMessage> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let last: ChatState | undefined;
    while (Date.now() < deadline) {
      last = await this.chat(persona, options.chat ?? persona);
      const found = last.messages.find((m) => m.fromBot && m.seq > (options.afterSeq ?? 0) && predicate(m));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seen = (last?.messages ?? []).map((m) => `${m.fromBot ? "bot" : "user"}#${m.seq}: ${m.text ?? "(no text)"}`).join("\n");
    throw new Error(`no matching bot message within the time; the chat has:\n${seen}`);
  }

  /** The newest message's seq in the chat (0 when empty): to wait for answers after it. */
  async lastSeq(persona: number, chat: number = persona): Promise<number> {
    const state = await this.chat(persona, chat);
    return state.messages.reduce((max, m) => Math.max(max, m.seq), 0);
  }
}

/** The suite's database kind; outside vitest (a script using this helper) PGlite. */
function suiteDatabase(): "pglite" | "postgres" {
  try {
    return inject("testDatabase").kind;
  } catch {
    return "pglite";
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `tsx src/main.ts` as `npm start` would, without BOT_TOKEN, on a free port with a
 * database of its own (a temporary PGlite folder, or a Postgres clone when the suite runs on
 * Postgres), and waits for the line that says where to open the sandbox.
 */
export function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  return startProgram(env, /^Sandbox: open /);
}

/** Starts `tsx src/main.ts` with `env` (plus a port and a database) and waits for a log line. */
export async function startProgram(env: Record<string, string>, ready: RegExp): Promise<SandboxProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "cbt-sandbox-"));
  let database: TestDatabase | undefined;
  const databaseEnv: Record<string, string> = { DATA_DIR: join(dataDir, "data") };
  if (suiteDatabase() === "postgres") {
    database = await createTestDatabase();
    databaseEnv.DATABASE_URL = database.location.databaseUrl!;
  }
  const port = await freePort();
  const child = spawn(tsx, ["src/main.ts"], {
    cwd: repo,
    // Nothing from the test's environment (BOT_TOKEN, DATABASE_URL, …) leaks in.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? tmpdir(),
      LOG_FORMAT: "json",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...databaseEnv,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stdoutBuffer = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdoutBuffer += chunk;
    let newline: number;
    while ((newline = stdoutBuffer.indexOf("\n")) >= 0) {
      const line = stdoutBuffer.slice(0, newline);
      stdoutBuffer = stdoutBuffer.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 0, msg: line });
      }
    }
    for (const wake of [...waiters]) wake();
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      for (const wake of [...waiters]) wake();
      resolve({ code, signal });
    });
  });
  let gone = false;
  void exited.then(() => (gone = true));

  function waitForLog(pattern: RegExp, timeoutMs = START_TIMEOUT_MS): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const line = logs.find((l) => pattern.test(l.msg));
        if (line) {
          done();
          resolve(line);
          return true;
        }
        if (gone) {
          done();
          reject(new Error(`the program exited before logging ${pattern}:\n${stderr}\n${logs.map((l) => l.msg).join("\n")}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no log line ${pattern} within ${timeoutMs} ms:\n${stderr}\n${logs.map((l) => l.msg).join("\n")}`));
      }, timeoutMs);
      const wake = (): void => void check();
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
      check();
    });
  }

  async function dispose(): Promise<void> {
    if (!gone) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(killer);
    }
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  let shown: LogLine;
  try {
    shown = await waitForLog(ready);
  } catch (error) {
    await dispose();
    throw error;
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    shownUrl: String(shown.url ?? ""),
    logs: () => [...logs],
    stderr: () => stderr,
    waitForLog,
    exited,
    dispose,
    api: new SandboxApi(base),
  };
}

/** A small valid PNG (a colour gradient), as a phone's photo would be. */
export function pngImage(width = 64, height = 48): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = 100 + x;
      rows[at + 1] = 80 + y * 2;
      rows[at + 2] = 60;
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
