import { MAX_INTEGER_ID } from "../db/column-range.js";
import { parseId } from "./callback-data.js";

/**
 * Typed button data: each kind of button declares its fields once, with a codec per field, and
 * handlers get typed values back (numbers, one of a few words), or undefined for a forged or
 * stale press. Tests build their presses with the same `pack`, so a renamed field or prefix
 * cannot leave them pressing buttons that no longer exist. The wire format is the one
 * CallbackData writes: a short prefix and values joined by ":", at most 64 bytes.
 */
export interface FieldCodec<T> {
  write(value: T): string;
  /** The value, or undefined when the text is not one this field can hold. */
  read(text: string): T | undefined;
}

type ValueOf<C> = C extends FieldCodec<infer T> ? T : never;
/** Any field codec, whatever its value type (its `write` takes only its own values). */
type Fields = Record<string, { write(value: never): string; read(text: string): unknown }>;
export type ButtonValues<F extends Fields> = { [K in keyof F]: ValueOf<F[K]> };

/** A positive id within its column's range (`integer` by default). */
export function idField(max: number = MAX_INTEGER_ID): FieldCodec<number> {
  return { write: (value) => String(value), read: (text) => parseId(text, max) };
}

/** One of a fixed set of words (an action, an audience, yes/no). */
export function oneOf<const V extends readonly string[]>(values: V): FieldCodec<V[number]> {
  return { write: (value) => value, read: (text) => values.find((value) => value === text) };
}

/** A whole number from min to max (stars, a page's offset). */
export function intField(min: number, max: number): FieldCodec<number> {
  return {
    write: (value) => String(value),
    read: (text) => {
      if (!/^(0|[1-9]\d{0,15})$/.test(text)) return undefined;
      const value = Number(text);
      return value >= min && value <= max ? value : undefined;
    },
  };
}

export class ButtonData<const F extends Fields> {
  readonly filter: RegExp;
  private readonly names: Array<keyof F & string>;

  constructor(
    readonly prefix: string,
    readonly fields: F,
  ) {
    if (!/^[a-z][a-z0-9-]*$/.test(prefix)) throw new Error(`Bad callback prefix: ${prefix}`);
    this.filter = new RegExp(`^${prefix}(:|$)`);
    this.names = Object.keys(fields);
  }

  pack(values: ButtonValues<F>): string {
    const parts = this.names.map((name) => {
      const text = (this.fields[name] as FieldCodec<unknown>).write(values[name]);
      if (text.includes(":") || text.length === 0) throw new Error(`Bad callback value for ${name}: ${text}`);
      return text;
    });
    const data = [this.prefix, ...parts].join(":");
    if (Buffer.byteLength(data) > 64) throw new Error(`Callback data over 64 bytes: ${data}`);
    return data;
  }

  /** The typed values, or undefined when the data is not this button's or any field does not read. */
  unpack(data: string | undefined): ButtonValues<F> | undefined {
    if (data === undefined) return undefined;
    const [prefix, ...parts] = data.split(":");
    if (prefix !== this.prefix || parts.length !== this.names.length) return undefined;
    const values: Record<string, unknown> = {};
    for (const [i, name] of this.names.entries()) {
      const value = (this.fields[name] as FieldCodec<unknown>).read(parts[i]!);
      if (value === undefined) return undefined;
      values[name] = value;
    }
    return values as ButtonValues<F>;
  }
}
