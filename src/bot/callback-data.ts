import { MAX_INTEGER_ID } from "../db/column-range.js";

/**
 * Callback data is a short prefix and values joined by ":" (Telegram allows 64 bytes).
 * Every button's data is built and parsed here, so a forged or stale press parses to
 * undefined in one place and gets the polite "button no longer valid" answer.
 */
export class CallbackData<const Fields extends readonly string[]> {
  readonly filter: RegExp;

  constructor(
    readonly prefix: string,
    readonly fields: Fields,
  ) {
    if (!/^[a-z][a-z0-9-]*$/.test(prefix)) throw new Error(`Bad callback prefix: ${prefix}`);
    this.filter = new RegExp(`^${prefix}(:|$)`);
  }

  pack(values: { [K in Fields[number]]: string | number }): string {
    const parts = this.fields.map((field: Fields[number]) => {
      const value = String(values[field]);
      if (value.includes(":") || value.length === 0) throw new Error(`Bad callback value for ${field}: ${value}`);
      return value;
    });
    const data = [this.prefix, ...parts].join(":");
    if (Buffer.byteLength(data) > 64) throw new Error(`Callback data over 64 bytes: ${data}`);
    return data;
  }

  /** The values, or undefined when the data does not have this shape. */
  unpack(data: string | undefined): { [K in Fields[number]]: string } | undefined {
    if (data === undefined) return undefined;
    const [prefix, ...parts] = data.split(":");
    if (prefix !== this.prefix || parts.length !== this.fields.length) return undefined;
    if (parts.some((p) => p.length === 0)) return undefined;
    return Object.fromEntries(this.fields.map((field, i) => [field, parts[i]])) as { [K in Fields[number]]: string };
  }
}

/**
 * Parses a positive integer id from callback data, rejecting anything else, including ids past
 * the column's range (`integer` by default): a forged `sc:2147483648:accept` is a stale button
 * here, not "value is out of range for type integer" in the database.
 */
export function parseId(value: string | undefined, max: number = MAX_INTEGER_ID): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= max ? id : undefined;
}

/**
 * A Telegram user id (our users' `bigint` key): at most 52 significant bits, so any id past
 * JavaScript's safe integers is forged.
 */
export function parseUserId(value: string | undefined): number | undefined {
  return parseId(value, Number.MAX_SAFE_INTEGER);
}
