// The project's Bot API emulator on a loopback port of the bench process, behind a thin HTTP
// front that tells the bot instances apart and watches getUpdates as requests arrive.
//
// Each bot process gets its own API root, `<url>/i/<incarnation>` (grammY puts `/bot<token>/…`
// after it); the front strips the prefix and hands the request to the emulator's own handler,
// unchanged. So every call is attributed to the process that made it (A1, A2, B1, …), and a
// getUpdates is seen when it arrives (the emulator records a call only when it answers, and a
// long poll answers late).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/sandbox/emulator/index.js";

export interface PollArrival {
  /** performance.now() when the request arrived. */
  at: number;
  incarnation: string;
  /** When and how it was answered: HTTP status and the number of updates handed out. */
  answeredAt?: number;
  status?: number;
  updates?: number;
}

const PREFIX = /^\/i\/([A-Za-z0-9_.-]+)(\/.*)$/;

export class EmulatorHost {
  readonly emulator: Emulator;
  private server: Server | undefined;
  private base = "";
  /** Every getUpdates request, in arrival order. */
  readonly polls: PollArrival[] = [];
  private readonly pollListeners = new Set<(poll: PollArrival) => void>();
  /** Requests per incarnation and method (for the output and for debugging). */
  readonly requests = new Map<string, number>();

  constructor(options: EmulatorOptions) {
    this.emulator = createEmulator(options);
  }

  get url(): string {
    return this.base;
  }

  /** The TELEGRAM_API_ROOT for one bot process. */
  apiRoot(incarnation: string): string {
    return `${this.base}/i/${incarnation}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const match = PREFIX.exec(req.url ?? "");
      const incarnation = match?.[1] ?? "?";
      if (match) req.url = match[2];
      const method = /\/bot[^/]*\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "";
      this.requests.set(`${incarnation} ${method}`, (this.requests.get(`${incarnation} ${method}`) ?? 0) + 1);
      if (method.toLowerCase() === "getupdates") {
        const poll: PollArrival = { at: performance.now(), incarnation };
        this.polls.push(poll);
        for (const listener of [...this.pollListeners]) listener(poll);
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        res.end = ((...args: unknown[]) => {
          poll.answeredAt = performance.now();
          poll.status = res.statusCode;
          const body = args[0];
          if (typeof body === "string" || Buffer.isBuffer(body)) {
            try {
              const parsed = JSON.parse(body.toString()) as { result?: unknown };
              if (Array.isArray(parsed.result)) poll.updates = parsed.result.length;
            } catch {
              // not JSON: leave it uncounted
            }
          }
          return end(...args);
        }) as typeof res.end;
      }
      this.emulator
        .handle(req, res)
        .then((handled) => {
          if (!handled && !res.headersSent) {
            res.writeHead(404, { "content-type": "application/json" });
            res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
          }
        })
        .catch(() => res.destroy());
    });
    // Long polls last up to 30 s; keep-alive sockets of killed processes just close.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  onPoll(listener: (poll: PollArrival) => void): () => void {
    this.pollListeners.add(listener);
    return () => this.pollListeners.delete(listener);
  }

  /** The newest getUpdates arrival from any of these incarnations (or undefined). */
  lastPollFrom(incarnations: ReadonlySet<string>): PollArrival | undefined {
    for (let i = this.polls.length - 1; i >= 0; i--) {
      const poll = this.polls[i]!;
      if (incarnations.has(poll.incarnation)) return poll;
    }
    return undefined;
  }

  /** The first getUpdates that arrived after `since` from an incarnation other than `except`. */
  firstPollAfter(since: number, except: string): PollArrival | undefined {
    let found: PollArrival | undefined;
    for (let i = this.polls.length - 1; i >= 0 && this.polls[i]!.at > since; i--) {
      if (this.polls[i]!.incarnation !== except) found = this.polls[i];
    }
    return found;
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
