import { describe, expect, it } from "vitest";
import { batched } from "../../src/db/batch.js";

/** A run function that records each batch it was given and doubles the numbers. */
function recorder(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const run = async (items: number[]) => {
    batches.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (fail?.(items)) throw new Error(`batch ${items.join(",")} failed`);
    return items.map((n) => n * 2);
  };
  return { batches, run };
}

describe("batched calls", () => {
  it("runs the calls made in one turn as one batch and answers each caller in order", async () => {
    const { batches, run } = recorder();
    const call = batched(run, { maxSize: 100 });
    expect(await Promise.all([1, 2, 3, 4].map((n) => call(n)))).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it("starts a new batch for calls made after the flush, and alone a call is run by itself", async () => {
    const { batches, run } = recorder();
    const call = batched(run, { maxSize: 100 });
    expect(await call(1)).toBe(2);
    expect(await call(2)).toBe(4);
    expect(batches).toEqual([[1], [2]]);
  });

  it("splits at maxSize", async () => {
    const { batches, run } = recorder();
    const call = batched(run, { maxSize: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => call(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("never puts two conflicting items in one batch", async () => {
    const { batches, run } = recorder();
    // Items conflict when they are equal (as one user twice in one upsert would).
    const call = batched(run, { maxSize: 100, conflicts: (a, b) => a === b });
    expect(await Promise.all([7, 8, 7, 9, 7].map((n) => call(n)))).toEqual([14, 16, 14, 18, 14]);
    expect(batches).toEqual([[7, 8, 9], [7], [7]]);
  });

  it("retries a failed batch item by item, so only the bad item's caller sees the error", async () => {
    const { batches, run } = recorder((items) => items.includes(13));
    const call = batched(run, { maxSize: 100 });
    const results = await Promise.allSettled([12, 13, 14].map((n) => call(n)));
    expect(results).toEqual([
      { status: "fulfilled", value: 24 },
      { status: "rejected", reason: new Error("batch 13 failed") },
      { status: "fulfilled", value: 28 },
    ]);
    expect(batches).toEqual([[12, 13, 14], [12], [13], [14]]);
  });
});
