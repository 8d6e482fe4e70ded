import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";

export type { Logger };

export interface LoggerSetup {
  level: string;
  format: "json" | "pretty";
  /** Where lines go instead of stdout (tests capture them here). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerSetup): Logger {
  const base = safeOptions(options.level);
  if (options.format === "pretty") {
    const prettyOptions = { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" };
    // The transport runs in a worker, but serializers and hooks run here, before a line leaves.
    if (options.destination) return pino(base, pretty({ ...prettyOptions, colorize: false, sync: true, destination: options.destination }));
    return pino({ ...base, transport: { target: "pino-pretty", options: prettyOptions } });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** For tests and tools that should stay quiet. */
export const silentLogger: Logger = pino(safeOptions("silent"));

/**
 * Options every logger of ours is built with; child loggers inherit both parts. Failed SQL
 * statements carry their parameters (residents' names, a conversation's replay log with what
 * they typed) in the message, in `params`/`parameters`, and in the server's `detail`/`where`;
 * grammY errors carry the update or the payload sent. So an error is logged as a whitelist of
 * fields, whatever key it is logged under.
 */
function safeOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first instanceof Error) {
          // pino would take the raw message as the line's msg: use the redacted one instead.
          const err = redactError(first);
          return method.apply(this, [{ err }, ...(rest.length > 0 ? rest : [err.message])] as Parameters<typeof method>);
        }
        if (first !== null && typeof first === "object") {
          return method.apply(this, [scrubErrors(first, 0), ...rest] as Parameters<typeof method>);
        }
        return method.apply(this, args);
      },
    },
  };
}

/** What is left of an error in a log line: nothing that can hold a statement's values or user text. */
export interface RedactedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  /** SQLSTATE of a database error (also in `code`, spelled out for searching). */
  sqlState?: string;
  severity?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  /** The statement text: placeholders only, never the values bound to them. */
  sql?: string;
  /** grammY: the Bot API method and Telegram's own error text. */
  method?: string;
  errorCode?: number;
  description?: string;
  retryAfter?: number;
  /** Node system errors (a database outage): ECONNREFUSED on 127.0.0.1:5432. */
  syscall?: string;
  address?: string;
  port?: number;
  cause?: RedactedError | string;
  errors?: Array<RedactedError | string>;
}

const MAX_DEPTH = 5;
const MAX_SQL = 4000;
const MAX_ERRORS = 10;

function serializeError(value: unknown): unknown {
  return value instanceof Error ? redactError(value) : value;
}

/** Error → whitelist. Causes (and grammY's wrapped `error`) are redacted the same way. */
export function redactError(error: Error, depth = 0, parentSql?: string): RedactedError {
  const e = error as Error & Record<string, unknown>;
  const sqlState = isSqlState(e.code) && (e.severity !== undefined || e.routine !== undefined) ? e.code : undefined;
  const type = errorType(e, sqlState);
  const sqlText = str(e.query)?.slice(0, MAX_SQL);
  const inner = errorLike(e.cause) ?? errorLike(e.error);
  const redactedInner = inner !== undefined && depth < MAX_DEPTH ? redactError(inner, depth + 1, sqlText ?? parentSql) : undefined;
  const message = safeMessage(e, sqlState, redactedInner);
  const out: RedactedError = { type, message };
  assign(out, "code", typeof e.code === "string" || typeof e.code === "number" ? e.code : undefined);
  assign(out, "sqlState", sqlState);
  assign(out, "severity", str(e.severity));
  assign(out, "schema", str(e.schema) ?? str(e.schema_name));
  assign(out, "table", str(e.table) ?? str(e.table_name));
  assign(out, "column", str(e.column) ?? str(e.column_name));
  assign(out, "constraint", str(e.constraint) ?? str(e.constraint_name));
  assign(out, "routine", str(e.routine));
  if (sqlText !== undefined && sqlText !== parentSql) out.sql = sqlText;
  assign(out, "method", str(e.method));
  assign(out, "errorCode", typeof e.error_code === "number" ? e.error_code : undefined);
  assign(out, "description", str(e.description));
  const telegram = e.parameters as { retry_after?: unknown } | undefined;
  assign(out, "retryAfter", typeof telegram?.retry_after === "number" ? telegram.retry_after : undefined);
  assign(out, "syscall", str(e.syscall));
  assign(out, "address", str(e.address));
  assign(out, "port", typeof e.port === "number" ? e.port : undefined);
  assign(out, "stack", safeStack(e.stack, type, message));
  if (redactedInner) out.cause = redactedInner;
  else if (inner) out.cause = `${inner.constructor?.name ?? "Error"} (too deeply nested)`;
  if (Array.isArray(e.errors)) {
    out.errors = e.errors.slice(0, MAX_ERRORS).map((item) => {
      const err = errorLike(item);
      return err && depth < MAX_DEPTH ? redactError(err, depth + 1, parentSql) : typeof item;
    });
  }
  return out;
}

/** Its name ("PostgresError", "BotError"), else its class; PGlite's errors are named "error". */
function errorType(e: Error, sqlState: string | undefined): string {
  if (typeof e.name === "string" && e.name !== "Error" && e.name !== "error") return e.name;
  if (sqlState !== undefined) return "DatabaseError";
  const ctor = (e.constructor as { name?: unknown } | undefined)?.name;
  return typeof ctor === "string" && ctor.length > 2 ? ctor : "Error";
}

function safeMessage(e: Error & Record<string, unknown>, sqlState: string | undefined, inner: RedactedError | undefined): string {
  let message = typeof e.message === "string" ? e.message : "";
  // grammY's BotError repeats the wrapped error's message: rebuild it from the redacted one.
  if (e.name === "BotError" && inner) return `${inner.type} in middleware: ${inner.message}`;
  // drizzle: "Failed query: <sql>\nparams: <the values>"; the SQL goes in `sql`.
  const params = message.indexOf("\nparams:");
  if (params >= 0) message = message.slice(0, params);
  if (message.startsWith("Failed query: ")) message = "Failed query";
  // Data exceptions quote the offending input: invalid input syntax for type integer: "…".
  if (sqlState?.startsWith("22")) message = message.replace(/"(?:[^"]|"")*"/g, '"…"');
  return message;
}

/** The call frames only: V8's first line repeats the (unredacted) message. */
function safeStack(stack: unknown, type: string, message: string): string | undefined {
  if (typeof stack !== "string") return undefined;
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return [`${type}: ${message}`, ...frames].join("\n");
}

/** Errors anywhere in a logged object (not only under `err`) are redacted; other values stay. */
function scrubErrors(value: object, depth: number): object {
  if (depth > 3) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    let safe: unknown = item;
    if (item instanceof Error) safe = redactError(item);
    else if (item !== null && typeof item === "object" && (Array.isArray(item) || isPlain(item))) safe = scrubErrors(item, depth + 1);
    if (safe !== item) {
      copy ??= Array.isArray(value) ? [...value] : { ...value };
      (copy as Record<string | number, unknown>)[key] = safe;
    }
  }
  return copy ?? value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function errorLike(value: unknown): Error | undefined {
  return value instanceof Error ? value : undefined;
}

function isSqlState(value: unknown): value is string {
  return typeof value === "string" && /^[0-9A-Z]{5}$/.test(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function assign<K extends keyof RedactedError>(target: RedactedError, key: K, value: RedactedError[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
