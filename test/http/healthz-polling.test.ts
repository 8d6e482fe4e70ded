import { describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/server.js";

describe("/healthz and long polling", () => {
  const health = async (polling: () => "active" | "standby" | undefined, ping = async () => true) => {
    const response = await createHttpApp({ ping, polling }).request("/healthz");
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it("says which instance polls; a standby is healthy too", async () => {
    expect(await health(() => "active")).toEqual({ status: 200, body: { status: "ok", database: true, polling: "active" } });
    expect(await health(() => "standby")).toEqual({ status: 200, body: { status: "ok", database: true, polling: "standby" } });
  });

  it("says nothing of polling in webhook mode", async () => {
    const { body } = await health(() => undefined);
    expect(body).toEqual({ status: "ok", database: true });
    expect(body).not.toHaveProperty("polling");
  });

  it("is still 503 when the database does not answer", async () => {
    expect(
      (
        await health(
          () => "standby",
          async () => false,
        )
      ).status,
    ).toBe(503);
  });
});
