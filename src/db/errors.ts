/**
 * Errors that say the database could not be reached (rather than that a statement was wrong):
 * they heal by themselves, so what failed is retried quietly instead of apologised for.
 * postgres.js sets `code` on connection errors; Postgres sends class 08 (connection) and 57P
 * (shutting down, cannot connect now); PGlite has no network to lose. drizzle wraps the
 * driver's error as `cause`.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || code.startsWith("57P"))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** An error's class and code, for the ledger and the logs: never its message, which may quote user data. */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const codes: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    codes.push(typeof code === "string" || typeof code === "number" ? `${current.name}:${code}` : current.name);
    current = current.cause;
  }
  return codes.join(" < ");
}
