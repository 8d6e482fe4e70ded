/**
 * Telegram's limits for a message's text and a media caption. Telegram counts UTF-16 code
 * units (an emoji outside the Basic Multilingual Plane is two), which is what a JavaScript
 * string's length counts; that is never fewer than the characters, so a text that fits here
 * fits however a server counts.
 */
export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The longest start of `text` that is at most `max` UTF-16 units and ends between two
 * characters as a reader sees them (grapheme clusters): never inside a surrogate pair, a flag,
 * an emoji with a skin tone or a family joined by zero-width joiners.
 */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** `text` as it is when it fits in `max` units, else its start and "…" in `max` units. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutAt(text, Math.max(0, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

type Vars = Record<string, string | number>;

/**
 * Renders a message from `vars` so that it fits `max` units: when it is too long, the
 * `flexible` values (what people typed, names from the database) are shortened, the longest
 * first, each with "…", so the fixed words around them stay whole. Whatever still does not
 * fit is cut at the end.
 */
export function fitRendered(render: (vars: Vars) => string, vars: Vars, flexible: readonly string[], max: number): string {
  const current: Vars = { ...vars };
  for (let round = 0; round < flexible.length + 1; round++) {
    const text = render(current);
    const over = text.length - max;
    if (over <= 0) return text;
    const longest = flexible.map((key) => ({ key, value: String(current[key] ?? "") })).sort((a, b) => b.value.length - a.value.length)[0];
    if (!longest || longest.value.length <= ELLIPSIS.length) break;
    current[longest.key] = fitText(longest.value, Math.max(ELLIPSIS.length, longest.value.length - over));
  }
  return fitText(render(current), max);
}
