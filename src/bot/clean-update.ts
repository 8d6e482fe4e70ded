/**
 * Postgres text and jsonb cannot hold a NUL character, and jsonb refuses a lone UTF-16
 * surrogate; Telegram passes both through from clients. An update carrying one would fail every
 * write it reaches (the inbox, the sender's name, the conversation state), so every string in
 * it is cleaned at the door, in place: each such character becomes U+FFFD. One code unit for
 * one keeps the message entities' UTF-16 offsets right.
 */
export function cleanUpdate<T>(update: T): T {
  cleanValue(update, 0);
  return update;
}

const MAX_DEPTH = 32;

function cleanValue(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") {
      if (needsCleaning(item)) record[key] = cleanString(item);
    } else if (item !== null && typeof item === "object") {
      cleanValue(item, depth + 1);
    }
  }
}

function needsCleaning(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

export function cleanString(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}
