/** Telegram's limit is 4096 characters a message; stay clear of it. */
export const MESSAGE_LIMIT = 4000;

/** Splits a long text into messages at line breaks (a line longer than the limit is cut). */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (let piece = line; ; piece = piece.slice(limit)) {
      const chunk = piece.slice(0, limit);
      if (current && current.length + 1 + chunk.length > limit) {
        parts.push(current);
        current = "";
      }
      current = current ? `${current}\n${chunk}` : chunk;
      if (piece.length <= limit) break;
    }
  }
  if (current) parts.push(current);
  return parts;
}
