import { badRequest } from "./errors.js";

/** A file part of a multipart request. */
export interface Upload {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * Method parameters as Telegram's server sees them. telegram-bot-api turns every top-level
 * field of a JSON body into a string (objects re-encoded as JSON), exactly like form fields,
 * so one set of rules serves JSON, urlencoded and multipart requests alike: an absent
 * parameter and an empty one are the same, numbers are parsed leniently and clamped, booleans
 * are "true"/"yes"/"1", and object parameters are JSON strings decoded where they are used.
 */
export class Args {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    private readonly uploads: ReadonlyMap<string, Upload> = new Map(),
  ) {}

  static from(record: Record<string, unknown>, uploads?: ReadonlyMap<string, Upload>): Args {
    const values = new Map<string, string>();
    for (const [key, value] of Object.entries(record)) {
      const flat = flatten(value);
      if (flat !== undefined) values.set(key, flat);
    }
    return new Args(values, uploads);
  }

  /** The parameter, or "" when absent. */
  str(name: string): string {
    return this.values.get(name) ?? "";
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string): boolean {
    const value = this.str(name).trim().toLowerCase();
    return value === "true" || value === "yes" || value === "1";
  }

  /** Telegram's get_integer_arg: lenient parse, default when empty, clamped into [min, max]. */
  int(name: string, fallback: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.str(name);
    if (raw === "") return fallback;
    return Math.min(max, Math.max(min, toInteger(raw)));
  }

  /** A float parameter (coordinates); NaN when absent or not a number. */
  float(name: string): number {
    const raw = this.str(name).trim();
    return raw === "" ? Number.NaN : Number(raw);
  }

  /**
   * A JSON-valued parameter: undefined when absent, the decoded value otherwise; an undecodable
   * value is refused with `onError` (Telegram's "can't parse … JSON object" wording).
   */
  json(name: string, onError: string): unknown {
    const raw = this.str(name);
    if (raw === "") return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw badRequest(onError);
    }
  }

  /** A JSON-valued parameter that Telegram silently ignores when it does not decode (entities). */
  jsonLenient(name: string): unknown {
    const raw = this.str(name);
    if (raw === "") return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }

  upload(field: string): Upload | undefined {
    return this.uploads.get(field);
  }

  uploadList(): Upload[] {
    return [...this.uploads.values()];
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}

/** How a JSON body value becomes a string parameter; null means "not given". */
export function flatten(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

/**
 * td::to_integer: optional sign then digits, stopping at the first other character, so "12abc"
 * is 12 and "abc" is 0. Keeps Telegram's forgiving behaviour for numeric ids sent as text.
 */
export function toInteger(raw: string): number {
  const match = /^\s*([+-]?)(\d*)/.exec(raw);
  const digits = match?.[2] ?? "";
  if (digits === "") return 0;
  const value = Number(digits);
  return match?.[1] === "-" ? -value : value;
}
