import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { BotError, GrammyError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationStates, users } from "../src/db/schema/index.js";
import { createLogger, type Logger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./helpers/database.js";

/** Values a resident gave us; none may appear in a log line, in any form. */
const NAME = "Zhang-Wei-7f3a";
const TYPED = "my door code is 4711-9b2c";
const BAD_NUMBER = "twelve-c0de";
const SECRETS = [NAME, TYPED, BAD_NUMBER, "7f3a", "9b2c", "c0de", "4711"];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("the statement was expected to fail");
}

/** Real failing statements, each carrying residents' words as parameters. */
const statements = {
  // A conversation's replay log with a NUL byte: jsonb refuses it, and the server's `where` quotes the input.
  nulInJsonb: () =>
    failure(() => database.db.insert(conversationStates).values({ key: "chat:1", value: { replay: [TYPED, `${TYPED}\u0000`] }, updatedAt: new Date() })),
  // A unique violation: the name is a parameter, the key is in the server's `detail`.
  uniqueViolation: async () => {
    const row = { id: 424242, firstName: NAME, username: NAME, firstSeenAt: new Date(), lastSeenAt: new Date() };
    await database.db.insert(users).values(row).onConflictDoNothing();
    return failure(() => database.db.insert(users).values(row));
  },
  // A data exception quotes the offending value in the server's own message.
  badInput: () => failure(() => database.db.execute(sql`select ${BAD_NUMBER}::int as n, ${NAME}::text as name`)),
  // The same inside a transaction.
  inTransaction: () =>
    failure(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select ${NAME}::text`);
        await tx.execute(sql`select ${BAD_NUMBER}::int`);
      }),
    ),
};

function capture(format: "json" | "pretty"): { logger: Logger; output: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: "debug", format, destination }), output: () => chunks.join("") };
}

function expectNoSecrets(output: string): void {
  for (const secret of SECRETS) expect(output, `log output leaks ${JSON.stringify(secret)}`).not.toContain(secret);
  expect(output).not.toMatch(/\\u0000|\0/);
}

/** Every way the code base (and grammY) hands an error to a logger. */
function logEveryWay(logger: Logger, error: Error): void {
  logger.error({ err: error }, "with a message");
  logger.error({ err: error });
  logger.error(error);
  logger.error(error, "error first, then a message");
  logger.warn({ error }, "under another key");
  logger.warn({ failure: { inner: error, list: [error] } }, "nested");
  logger.child({ update_id: 1 }).error({ err: error }, "child logger");
  logger.child({ update_id: 1 }).child({ user: 2 }).error(error);
  logger.error({ err: new Error("outer failure", { cause: error }) }, "as a cause");
  logger.error({ err: new Error("outer", { cause: new Error("middle", { cause: error }) }) }, "as a deeper cause");
  const ctx = { update: { update_id: 7, message: { text: TYPED, from: { first_name: NAME } } } };
  logger.error({ err: new BotError(error, ctx as never) }, "as grammY's BotError");
}

describe.each(["json", "pretty"] as const)("createLogger (%s)", (format) => {
  it.each(Object.keys(statements) as Array<keyof typeof statements>)("keeps %s's parameters and user text out of the log", async (name) => {
    const error = await statements[name]();
    // The failure really carries the values somewhere: the test would prove nothing otherwise.
    const cause = error.cause as Error;
    const raw = [error.message, JSON.stringify(error), cause.message, JSON.stringify(cause)].join("\n");
    expect(SECRETS.some((secret) => raw.includes(secret))).toBe(true);

    const { logger, output } = capture(format);
    logEveryWay(logger, error);
    const text = output();
    expect(text).toContain("as grammY's BotError");
    expectNoSecrets(text);
  });
});

describe("what a redacted error keeps", () => {
  it("the type, SQL state, SQL text (placeholders only) and the stack, from the error and its cause", async () => {
    const error = await statements.uniqueViolation();
    const { logger, output } = capture("json");
    logger.error({ err: error }, "insert failed");
    const line = JSON.parse(output()) as { msg: string; err: Record<string, any> };
    expect(line.msg).toBe("insert failed");
    expect(line.err.type).toBe("DrizzleQueryError");
    expect(line.err.message).toBe("Failed query");
    expect(line.err.sql).toMatch(/^insert into "users" .*values \(\$1, /);
    expect(line.err.stack).toMatch(/^DrizzleQueryError: Failed query\n\s+at /);
    expect(line.err.params).toBeUndefined();
    expect(line.err.cause).toMatchObject({
      code: "23505",
      sqlState: "23505",
      message: 'duplicate key value violates unique constraint "users_pkey"',
      constraint: "users_pkey",
      table: "users",
    });
    for (const field of ["detail", "where", "params", "parameters", "args", "query", "internalQuery", "queryOptions"]) {
      expect(line.err.cause, field).not.toHaveProperty(field);
    }
  });

  it("a data exception's message without the quoted input", async () => {
    const { logger, output } = capture("json");
    logger.error(await statements.badInput());
    const line = JSON.parse(output()) as { msg: string; err: Record<string, any> };
    expect(line.err.cause.sqlState).toBe("22P02");
    expect(line.err.cause.message).toBe('invalid input syntax for type integer: "…"');
    expect(line.msg).toBe("Failed query");
  });

  it("grammY's errors: method and Telegram's description, not the payload sent", () => {
    const { logger, output } = capture("json");
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } },
      "sendMessage",
      { chat_id: 1, text: `Hello ${NAME}, you wrote: ${TYPED}` },
    );
    logger.warn({ err: error }, "send failed");
    const text = output();
    expectNoSecrets(text);
    const line = JSON.parse(text) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: "GrammyError", method: "sendMessage", errorCode: 429, retryAfter: 3 });
  });

  it("plain values are left alone, and errors in bindings are redacted too", () => {
    const { logger, output } = capture("json");
    const error = Object.assign(new Error(`Failed query: select $1\nparams: ${NAME}`), { params: [NAME] });
    logger.child({ err: error }).info({ count: 3, list: [1, "a"], at: new Date(0) }, "figures");
    const text = output();
    expectNoSecrets(text);
    expect(JSON.parse(text)).toMatchObject({ count: 3, list: [1, "a"], at: "1970-01-01T00:00:00.000Z", msg: "figures" });
  });
});
