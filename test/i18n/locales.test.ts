import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { createI18n, defaultLocale, localesDirectory, resolveLocale, supportedLocales } from "../../src/i18n.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const srcDirectory = join(root, "src");

// ---------------------------------------------------------------------------------------------
// The .ftl files
// ---------------------------------------------------------------------------------------------

interface FtlMessage {
  key: string;
  /** The message text, continuation lines included. */
  body: string;
}

/** Messages of one .ftl file: lines `key = …` plus their continuation lines. */
function readFtl(locale: string): FtlMessage[] {
  const messages: FtlMessage[] = [];
  for (const line of readFileSync(join(localesDirectory, `${locale}.ftl`), "utf8").split(/\r?\n/)) {
    const start = /^([a-zA-Z][\w-]*)\s*=(.*)$/.exec(line);
    if (start) messages.push({ key: start[1]!, body: start[2]! });
    // An indented line continues the message, and so does the "}" closing a select at column 0.
    else if (/^(\s+\S|\})/.test(line) && messages.length > 0) messages.at(-1)!.body += `\n${line}`;
  }
  return messages;
}

const ftl = Object.fromEntries(supportedLocales.map((locale) => [locale, readFtl(locale)])) as Record<(typeof supportedLocales)[number], FtlMessage[]>;
const keysOf = (locale: (typeof supportedLocales)[number]) => new Set(ftl[locale].map((m) => m.key));

describe("locale files", () => {
  it("there is one .ftl file per supported locale and nothing else", () => {
    const files = readdirSync(localesDirectory).filter((f) => f.endsWith(".ftl"));
    expect(files.sort()).toEqual(supportedLocales.map((l) => `${l}.ftl`).sort());
  });

  it("zh-CN.ftl and en.ftl define exactly the same message keys, each once", () => {
    for (const locale of supportedLocales) {
      const keys = ftl[locale].map((m) => m.key);
      const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(duplicates, `duplicate keys in ${locale}.ftl`).toEqual([]);
      expect(keys.length, `${locale}.ftl has hardly any messages: is the key regex broken?`).toBeGreaterThan(15);
    }
    const zh = keysOf("zh-CN");
    const en = keysOf("en");
    expect(
      [...zh].filter((k) => !en.has(k)),
      "in zh-CN.ftl but missing from en.ftl",
    ).toEqual([]);
    expect(
      [...en].filter((k) => !zh.has(k)),
      "in en.ftl but missing from zh-CN.ftl",
    ).toEqual([]);
  });

  it("each message uses the same $variables in both languages", () => {
    const variables = (body: string) => [...new Set([...body.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1]))].sort();
    const mismatches: string[] = [];
    for (const message of ftl.en) {
      const other = ftl["zh-CN"].find((m) => m.key === message.key);
      if (!other) continue; // reported by the key test
      const a = variables(message.body);
      const b = variables(other.body);
      if (a.join() !== b.join()) mismatches.push(`${message.key}: en uses [${a.join(", ")}], zh-CN uses [${b.join(", ")}]`);
    }
    expect(mismatches).toEqual([]);
  });

  it("every message parses (Fluent silently drops messages with syntax errors)", () => {
    for (const locale of supportedLocales) {
      const resource = new FluentResource(readFileSync(join(localesDirectory, `${locale}.ftl`), "utf8"));
      const parsed = new Set(resource.body.filter((entry) => !entry.id.startsWith("-")).map((entry) => entry.id));
      const dropped = [...keysOf(locale)].filter((k) => !parsed.has(k));
      expect(dropped, `messages in ${locale}.ftl that Fluent could not parse`).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Keys used in src/
// ---------------------------------------------------------------------------------------------

/*
 * A regex-and-bracket-matching scan of every .ts file under src/ (not a TypeScript parser). It
 * finds message keys in:
 *   1. calls `t(…)`, `x.t(…)`, `translate(…)`, `x.translate(…)`: the first argument, or the second
 *      when the first is a locale: on a receiver named `i18n` (`i18n.t(locale, key)`,
 *      `deps.i18n.t(…)`), when the first argument is a supported locale literal (`t("en", key)`),
 *      or when it is a non-literal expression mentioning "locale" and a second argument follows
 *      (`t(locale, key)`, `i18n.t(resolveLocale(…), key)`);
 *   2. object properties whose name ends in `Key`: `descriptionKey: "command-start"`;
 *   3. arguments passed to a parameter whose name ends in `Key`, for functions declared in src/
 *      as `function f(…, headlineKey: string)` or `const f = (…, headlineKey: string) =>`:
 *      `showMainMenu(ctx, registry, "welcome")`.
 * In each such argument or value, a string literal is a key; `c ? "a" : "b"` gives both branches
 * (never the condition); a template literal is expanded placeholder by placeholder: one that
 * mentions "locale" (`language-name-${locale}`) takes every supported locale; `${c.code}` or
 * `${code}` takes every literal `code: "…"` written in the same file (`{ code: "dirty-spot" }`).
 * A template with a placeholder that neither rule expands cannot be checked key by key; it must
 * at least match some key in every locale (`category-${x}` → /^category-.+$/). Identifiers and other
 * expressions (`ctx.t(headlineKey)`, `i18n.t(locale, c.descriptionKey)`) are not keys themselves;
 * their values are caught at their origin by rules 2 and 3. Comments are skipped.
 */

interface KeyUse {
  key: string;
  where: string;
}

function listTsFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listTsFiles(path);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Replaces comments by spaces (keeping offsets and lines), leaving strings alone. */
function blankComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const end = skipString(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the string literal starting at `start` (handles escapes and `${…}` nesting). */
function skipString(source: string, start: number): number {
  const quote = source[start]!;
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (quote !== "`" && c === "\n")
      return i; // unterminated: a regex like /"/ fooled us
    else if (quote === "`" && source.startsWith("${", i)) i = skipBalanced(source, i + 1);
    else i++;
  }
  return i;
}

/** With source[open] an opening bracket, the index just past its matching closing bracket. */
function skipBalanced(source: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(source, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** Indices of the characters of `text` that are outside strings and brackets. */
function topLevelIndices(text: string): number[] {
  const indices: number[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(text, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0) indices.push(i);
    i++;
  }
  return indices;
}

/** Splits `text` at its top-level commas. */
function splitAtCommas(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const i of topLevelIndices(text)) {
    if (text[i] !== ",") continue;
    parts.push(text.slice(from, i));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts;
}

/** The expression at the start of `text`: up to a top-level `,` or `;`, or an unmatched closer. */
function leadingExpression(text: string): string {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(text, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === "," || c === ";")) break;
    i++;
  }
  return text.slice(0, i);
}

/** The arguments of the call whose "(" is at `open`. */
function callArguments(source: string, open: number): string[] {
  const inner = source.slice(open + 1, skipBalanced(source, open) - 1);
  return splitAtCommas(inner).map((a) => a.trim());
}

/** A ternary's `?` (not `?.` nor `??`). */
const isTernaryMark = (t: string, i: number) => t[i] === "?" && t[i + 1] !== "." && t[i + 1] !== "?" && t[i - 1] !== "?";

type KeyExpression = { keys: string[]; unresolved: string[] };
/** The values a template placeholder (its expression) can take, if the scan can tell. */
type PlaceholderValues = (expression: string) => readonly string[] | undefined;

const localePlaceholders: PlaceholderValues = (expression) => (/locale/i.test(expression) ? supportedLocales : undefined);

/** Placeholders of `source`: locales, or the literals of a same-named property in that file. */
function placeholdersIn(source: string): PlaceholderValues {
  return (expression) => {
    const locales = localePlaceholders(expression);
    if (locales) return locales;
    const property = /(?:^|\.)\s*([A-Za-z_$][\w$]*)\s*$/.exec(expression.trim())?.[1];
    if (!property) return undefined;
    const values = [...source.matchAll(new RegExp(`(?<![\\w$])${property.replace(/\$/g, "\\$")}\\s*:\\s*(["'])([^"'\\n]*)\\1`, "g"))].map((m) => m[2]!);
    return values.length > 0 ? [...new Set(values)] : undefined;
  };
}

/** A template key (as written, with backticks) as a pattern over message keys. */
function templatePattern(template: string): RegExp {
  const body = template.slice(1, -1);
  const parts = body.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/** `cond ? a : b` as [a, b] (top level only; nested ternaries in a or b are left to recursion). */
function ternaryBranches(text: string): [string, string] | undefined {
  const top = topLevelIndices(text);
  const mark = top.find((i) => isTernaryMark(text, i));
  if (mark === undefined) return undefined;
  let nested = 0;
  for (const i of top) {
    if (i <= mark) continue;
    if (isTernaryMark(text, i)) nested++;
    else if (text[i] === ":" && nested-- === 0) return [text.slice(mark + 1, i), text.slice(i + 1)];
  }
  return undefined;
}

/** The message keys an expression can evaluate to (see the rules above). */
function keysInExpression(expression: string, placeholders: PlaceholderValues = localePlaceholders): KeyExpression {
  let text = expression.trim().replace(/\s+as\s+const$/, "");
  while (text.startsWith("(") && skipBalanced(text, 0) === text.length) text = text.slice(1, -1).trim();
  const branches = ternaryBranches(text);
  if (branches) {
    const results = branches.map((branch) => keysInExpression(branch, placeholders));
    return { keys: results.flatMap((r) => r.keys), unresolved: results.flatMap((r) => r.unresolved) };
  }
  const plain = /^(["'])((?:\\.|(?!\1).)*)\1$/.exec(text);
  if (plain) return { keys: [plain[2]!], unresolved: [] };
  const template = /^`([^`]*)`$/.exec(text);
  if (template) {
    const body = template[1]!;
    let keys = [""];
    let from = 0;
    for (const placeholder of body.matchAll(/\$\{([^}]*)\}/g)) {
      const values = placeholders(placeholder[1]!);
      if (!values) return { keys: [], unresolved: [text] };
      const literal = body.slice(from, placeholder.index);
      keys = keys.flatMap((prefix) => values.map((value) => prefix + literal + value));
      from = placeholder.index + placeholder[0].length;
    }
    return { keys: keys.map((prefix) => prefix + body.slice(from)), unresolved: [] };
  }
  return { keys: [], unresolved: [] }; // an identifier or other expression: not a literal key
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

function scanSources(): { uses: KeyUse[]; unresolved: KeyUse[] } {
  const files = listTsFiles(srcDirectory).map((path) => ({
    name: relative(root, path),
    source: blankComments(readFileSync(path, "utf8")),
  }));
  const uses: KeyUse[] = [];
  const unresolved: KeyUse[] = [];
  const record = (name: string, source: string, index: number, expression: string | undefined) => {
    if (expression === undefined) return;
    const where = `${name}:${lineOf(source, index)}`;
    const found = keysInExpression(expression, placeholdersIn(source));
    for (const key of found.keys) uses.push({ key, where });
    for (const template of found.unresolved) unresolved.push({ key: template, where });
  };

  // Rule 3, first pass: functions with a parameter named …Key, and that parameter's position.
  const keyParameters = new Map<string, number>();
  for (const { source } of files) {
    const declarations = /(?:function\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(|(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\()/g;
    for (const match of source.matchAll(declarations)) {
      const open = match.index + match[0].length - 1;
      callArguments(source, open).forEach((parameter, index) => {
        if (/^[A-Za-z_$][\w$]*Key\??\s*(:|=|$)/.test(parameter)) keyParameters.set((match[1] ?? match[2])!, index);
      });
    }
  }

  for (const { name, source } of files) {
    // Rule 1: t(…) and translate(…).
    for (const match of source.matchAll(/(?<![\w$])(?:([A-Za-z_$][\w$]*)\s*\??\.\s*)?(t|translate)\s*\(/g)) {
      const args = callArguments(source, match.index + match[0].length - 1);
      const first = args[0] ?? "";
      const isLiteral = /^["'`]/.test(first);
      const localeFirst =
        match[1] === "i18n" ||
        (isLiteral && (supportedLocales as readonly string[]).includes(first.slice(1, -1))) ||
        (!isLiteral && /locale/i.test(first) && args.length >= 2);
      record(name, source, match.index, localeFirst ? args[1] : first);
    }
    // Rule 2: properties named …Key (but not the database's keys: singletonKey, clientKey…).
    for (const match of source.matchAll(/(?<![\w$])(?!singletonKey|clientKey|conversationKey|storageKey)[A-Za-z_$][\w$]*Key\s*:(?!:)/g)) {
      record(name, source, match.index, leadingExpression(source.slice(match.index + match[0].length)));
    }
    // Rule 3: calls passing an argument to a …Key parameter.
    for (const [fn, position] of keyParameters) {
      for (const match of source.matchAll(new RegExp(`(?<![\\w$.])${fn.replace(/\$/g, "\\$")}\\s*\\(`, "g"))) {
        const before = source.slice(Math.max(0, match.index - 20), match.index);
        if (/(function|const|let)\s+$/.test(before)) continue; // the declaration itself
        record(name, source, match.index, callArguments(source, match.index + match[0].length - 1)[position]);
      }
    }
  }
  return { uses, unresolved };
}

describe("message keys used in src/", () => {
  const { uses, unresolved } = scanSources();

  it("the scan finds the keys (a broken scan must not pass silently)", () => {
    const distinct = new Set(uses.map((u) => u.key));
    expect(distinct.size, `only found: ${[...distinct].join(", ")}`).toBeGreaterThanOrEqual(15);
    // Each rule finds what we know is there.
    expect(distinct).toContain("help-intro"); // ctx.t("…")
    expect(distinct).toContain("error-apology"); // i18n.t(locale, "…")
    expect(distinct).toContain("community-already-member"); // ctx.t(cond ? "…" : "…")
    expect(distinct).toContain("community-gone");
    expect(distinct).not.toContain("already-member"); // …but not the ternary's condition
    expect(distinct).toContain("command-start"); // descriptionKey: "…"
    expect(distinct).toContain("menu-help"); // labelKey: "…"
    expect(distinct).toContain("welcome"); // showMainMenu(ctx, registry, "…")
    expect(distinct).toContain("language-name-en"); // t(`language-name-${locale}`)
    expect(distinct).toContain("language-name-zh-CN");
  });

  it("every key used exists in every locale", () => {
    const missing: string[] = [];
    for (const locale of supportedLocales) {
      const keys = keysOf(locale);
      for (const use of uses) if (!keys.has(use.key)) missing.push(`${use.key} (${locale}.ftl) used at ${use.where}`);
    }
    expect(missing).toEqual([]);
  });

  it("computed keys the scan cannot expand match some key in every locale", () => {
    const unmatched: string[] = [];
    for (const use of unresolved) {
      const pattern = templatePattern(use.key);
      for (const locale of supportedLocales) {
        if (![...keysOf(locale)].some((k) => pattern.test(k))) unmatched.push(`${use.key} (${locale}.ftl) used at ${use.where}`);
      }
    }
    expect(unmatched).toEqual([]);
  });
});

describe("the scanner itself", () => {
  it("reads keys from ternaries, templates and plain literals, but not from other expressions", () => {
    expect(keysInExpression(`a === "x" ? "k-one" : b ? 'k-two' : "k-three"`).keys).toEqual(["k-one", "k-two", "k-three"]);
    expect(keysInExpression(`a ? (b ? "k-one" : "k-two") : { x: 1 }.x ? "k-three" : "k-four"`).keys).toEqual(["k-one", "k-two", "k-three", "k-four"]);
    expect(keysInExpression(`a ? b ? "k-one" : "k-two" : "k-three"`).keys).toEqual(["k-one", "k-two", "k-three"]);
    expect(keysInExpression("`language-name-${locale}`").keys).toEqual(supportedLocales.map((l) => `language-name-${l}`));
    expect(keysInExpression("`status-${report.status}`")).toEqual({ keys: [], unresolved: ["`status-${report.status}`"] });
    expect(templatePattern("`status-${report.status}-title`").test("status-open-title")).toBe(true);
    expect(templatePattern("`status-${report.status}-title`").test("status-title")).toBe(false);
  });

  it("expands placeholders from same-named literal properties in the file", () => {
    const source = `const kinds = [{ code: "dirty-spot", n: 1 }, { code: 'toilet' }];\nt(\`category-\${c.code}\`)`;
    const values = placeholdersIn(source);
    expect(keysInExpression("`category-${c.code}`", values).keys).toEqual(["category-dirty-spot", "category-toilet"]);
    expect(keysInExpression("`category-${code}-${locale}`", values).keys).toEqual([
      "category-dirty-spot-zh-CN",
      "category-dirty-spot-en",
      "category-toilet-zh-CN",
      "category-toilet-en",
    ]);
    expect(keysInExpression("`category-${c.name}`", values).unresolved).toEqual(["`category-${c.name}`"]);
    expect(keysInExpression("user?.name ?? other").keys).toEqual([]);
    expect(keysInExpression("c.descriptionKey").keys).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Runtime behaviour
// ---------------------------------------------------------------------------------------------

describe("resolveLocale", () => {
  it("the stored choice wins over Telegram's language", () => {
    expect(resolveLocale("en", "zh-hans")).toBe("en");
    expect(resolveLocale("zh-CN", "en")).toBe("zh-CN");
    expect(resolveLocale("en", undefined)).toBe("en");
  });

  it("ignores a stored value that is not a supported locale", () => {
    expect(resolveLocale("fr", "en")).toBe("en");
    expect(resolveLocale("zh", null)).toBe("zh-CN");
  });

  it.each(["zh", "zh-hans", "zh-Hans", "zh-TW", "zh-hk", "ZH"])("Telegram %s → zh-CN", (language) => {
    expect(resolveLocale(null, language)).toBe("zh-CN");
  });

  it.each(["en", "en-GB", "ru", "de"])("Telegram %s → en", (language) => {
    expect(resolveLocale(undefined, language)).toBe("en");
  });

  it("no language at all → zh-CN", () => {
    expect(defaultLocale).toBe("zh-CN");
    expect(resolveLocale(undefined, undefined)).toBe("zh-CN");
    expect(resolveLocale(null, null)).toBe("zh-CN");
    expect(resolveLocale(null, "")).toBe("zh-CN");
  });
});

describe("formatting", () => {
  const i18n = createI18n();

  it.each(supportedLocales)("numbers are not grouped (%s): 1000, not 1,000", (locale) => {
    const tooLong = i18n.t(locale, "text-too-long", { max: 1000 });
    expect(tooLong).toContain("1000");
    expect(tooLong).not.toContain("1,000");
    const flood = i18n.t(locale, "flood-slow-down", { seconds: 12345 });
    expect(flood).toContain("12345");
    expect(flood).not.toMatch(/12.345/);
  });

  it.each(supportedLocales)("placeables get no bidi isolation marks (%s)", (locale) => {
    expect(i18n.t(locale, "welcome", { name: "Alice" })).toContain("Alice");
    expect(i18n.t(locale, "welcome", { name: "Alice" })).not.toMatch(/[\u2066-\u2069]/);
  });

  it("each locale answers in its own language", () => {
    expect(i18n.t("en", "welcome", { name: "Alice" })).toBe("Hello, Alice! Welcome to the community assistant. What would you like to do?");
    expect(i18n.t("zh-CN", "welcome", { name: "Alice" })).toMatch(/^Alice，您好！/);
  });
});
