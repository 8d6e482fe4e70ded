import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";

/** What every method implementation gets. */
export interface CallContext {
  core: EmulatorCore;
  args: Args;
  /** Canonical method name. */
  method: string;
  /** Aborted when the HTTP client goes away (ends a long poll early). */
  signal: AbortSignal | undefined;
}

export type MethodHandler = (context: CallContext) => unknown;

/** A successful result that Telegram accompanies with a description ("Webhook was set"). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
