import { createEmulator, type Emulator, type EmulatorOptions } from "../../../src/sandbox/emulator/index.js";

export const TOKEN = "424242:emulator-test-token_AbC";

/** A clock the test moves by hand: flood limits and dates read it, nothing else waits on it. */
export class ManualClock {
  constructor(public ms = Date.UTC(2025, 0, 15, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Running {
  emulator: Emulator;
  url: string;
  /** POSTs JSON to a method (or sends a raw body) and returns status plus parsed answer. */
  call(method: string, body?: unknown, init?: { token?: string; contentType?: string; raw?: NonNullable<RequestInit["body"]> }): Promise<Answer>;
  stop(): Promise<void>;
}

export interface Answer {
  status: number;
  json: { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Running> {
  const emulator = createEmulator({ token: TOKEN, ...options });
  const { url } = await emulator.start(0, "127.0.0.1");
  return {
    emulator,
    url,
    async call(method, body, init = {}) {
      const headers: Record<string, string> = {};
      let payload: NonNullable<RequestInit["body"]> | undefined;
      if (init.raw !== undefined) {
        payload = init.raw;
        if (init.contentType !== undefined) headers["content-type"] = init.contentType;
      } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers["content-type"] = "application/json";
      }
      const response = await fetch(`${url}/bot${init.token ?? TOKEN}/${method}`, { method: "POST", headers, body: payload ?? null });
      return { status: response.status, json: (await response.json()) as Answer["json"] };
    },
    stop: () => emulator.stop(),
  };
}
