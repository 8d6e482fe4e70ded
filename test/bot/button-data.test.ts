import { expect, it } from "vitest";
import { ButtonData, idField, oneOf } from "../../src/bot/button-data.js";

const card = new ButtonData("xc", { id: idField(), action: oneOf(["accept", "reject"]) });

it("packs the fields in their declared order and reads them back typed", () => {
  const data = card.pack({ id: 42, action: "reject" });
  expect(data).toBe("xc:42:reject");
  expect(card.unpack(data)).toEqual({ id: 42, action: "reject" });
  expect(card.filter.test(data)).toBe(true);
});

it("reads a forged or stale press as undefined, whatever field is wrong", () => {
  for (const data of [
    "xc:42",
    "xc:42:reject:1",
    "xc:0:accept",
    "xc:2147483648:accept",
    "xc:42:delete",
    "xc:-1:accept",
    "xy:42:accept",
    "xc::accept",
    undefined,
  ]) {
    expect(card.unpack(data), String(data)).toBeUndefined();
  }
});

it("refuses to build data Telegram would not take", () => {
  const word = new ButtonData("xw", { word: oneOf(["a:b", "x".repeat(70)]) });
  expect(() => word.pack({ word: "a:b" })).toThrow(/Bad callback value/);
  expect(() => word.pack({ word: "x".repeat(70) })).toThrow(/over 64 bytes/);
  expect(() => new ButtonData("Bad", {})).toThrow(/Bad callback prefix/);
});

it("gives handlers typed values", () => {
  const values: { id: number; action: "accept" | "reject" } | undefined = card.unpack("xc:7:accept");
  expect(values?.id).toBe(7);
});
