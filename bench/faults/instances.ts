// The two bot processes: `node --import tsx src/main.ts` (one process, so SIGKILL leaves no
// orphan behind, as `tsx` itself would: it runs the program in a child of its own). A process
// that exits on its own is a crash: counted and started again (at once, then with a growing
// pause while it keeps dying within seconds of its start), never waited on forever.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";

export interface Crash {
  incarnation: string;
  code: number | null;
  signal: string | null;
  /** Seconds it ran. */
  uptime_s: number;
  /** The error it died of, as far as its last output tells. */
  reason: string;
}

export interface InstanceOptions {
  name: string;
  port: number;
  repo: string;
  logDir: string;
  /** Environment for one incarnation (its API root carries the incarnation's name). */
  env: (incarnation: string) => Record<string, string>;
  log: (line: string) => void;
}

const TAIL_CHARS = 8000;

/** The line naming the error in a dying process's last output (a stack dump or a JSON log line). */
export function crashReason(tail: string): string {
  const lines = tail
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (/^\{.*"level":\s*(50|60)/.test(line)) {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        return `${entry.msg ?? ""}${entry.err?.message ? `: ${entry.err.message}` : ""}`.slice(0, 300);
      } catch {
        return line.slice(0, 300);
      }
    }
    if (/^\w*Error\b|^Error:/.test(line)) return line.slice(0, 300);
  }
  return (lines.at(-1) ?? "(no output)").slice(0, 300);
}

export class BotInstance {
  readonly name: string;
  readonly port: number;
  generation = 0;
  readonly crashes: Crash[] = [];
  /** Incarnations started (including the first). */
  starts = 0;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private expectingExit = false;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private quickCrashes = 0;
  private tail = "";

  constructor(private readonly options: InstanceOptions) {
    this.name = options.name;
    this.port = options.port;
  }

  get incarnation(): string {
    return `${this.name}${this.generation}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Seconds since the current incarnation started. */
  uptime(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  start(): void {
    if (this.stopping) return;
    this.generation++;
    this.starts++;
    const incarnation = this.incarnation;
    this.tail = "";
    const logFile = createWriteStream(join(this.options.logDir, `${incarnation}.log`));
    logFile.on("error", () => {});
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: this.options.repo,
      env: this.options.env(incarnation),
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.startedAt = performance.now();
    this.expectingExit = false;
    const keep = (chunk: Buffer) => {
      if (!logFile.writableEnded) logFile.write(chunk);
      this.tail = (this.tail + chunk.toString("utf8")).slice(-TAIL_CHARS);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise<void>((resolve) => {
      child.once("close", (code, signal) => {
        if (!logFile.writableEnded) logFile.end(`\n[bench] ${incarnation} exited: code ${code} signal ${signal}\n`);
      });
      child.once("exit", (code, signal) => {
        resolve();
        this.onExit(incarnation, code, signal);
      });
    });
  }

  private onExit(incarnation: string, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.expectingExit || this.stopping) return;
    const uptime = this.uptime();
    const reason = crashReason(this.tail);
    this.crashes.push({ incarnation, code, signal, uptime_s: Math.round(uptime * 10) / 10, reason });
    this.quickCrashes = uptime < 5 ? this.quickCrashes + 1 : 0;
    const pause = this.quickCrashes === 0 ? 0 : Math.min(10_000, 500 * 2 ** (this.quickCrashes - 1));
    this.options.log(
      `${incarnation} exited by itself (code ${code}, signal ${signal}) after ${uptime.toFixed(1)} s; restarting in ${pause} ms: ${reason.slice(0, 160)}`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, pause);
  }

  /** SIGKILL, wait for the exit, start again with the same environment and port. */
  async killAndRestart(): Promise<void> {
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
    if (this.alive()) {
      this.expectingExit = true;
      this.child!.kill("SIGKILL");
      await this.exited;
    }
    this.quickCrashes = 0;
    this.start();
  }

  /** GET /healthz: status and JSON body, or undefined when it does not answer within 1 s. */
  async health(): Promise<{ status: number; body: Record<string, unknown> | undefined } | undefined> {
    if (!this.alive()) return undefined;
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/healthz`, { signal: AbortSignal.timeout(1000) });
      const text = await response.text();
      let body: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    } catch {
      return undefined;
    }
  }

  /** SIGTERM (graceful: updates in flight are finished), SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<{ code: number | null; signal: string | null; killed: boolean } | undefined> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || !this.alive()) return undefined;
    let result: { code: number | null; signal: string | null } = { code: null, signal: null };
    child.once("exit", (code, signal) => (result = { code, signal }));
    child.kill("SIGTERM");
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    return { ...result, killed };
  }

  /** Synchronous last resort (process exit, errors): no child outlives the bench. */
  killNow(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.alive()) this.child!.kill("SIGKILL");
  }
}
