import { describe, expect, it } from "vitest";
import { parseCapacity, parseEnd, parseSlots, parseStart } from "../../../src/features/events/event-input.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-12-04T00:00:00Z");

describe("what organisers type", () => {
  it("a start in the community's zone, strictly: a real day, in the future, within a year", () => {
    expect(parseStart("2026-12-10 19:00", TZ, NOW)).toEqual({ ok: true, at: new Date("2026-12-10T11:00:00Z") });
    expect(parseStart(" 2026-12-10   19:00 ", TZ, NOW)).toEqual({ ok: true, at: new Date("2026-12-10T11:00:00Z") });
    for (const typed of ["2026-02-30 19:00", "2026-12-10 25:00", "10 Dec 19:00", "2026-12-10", "明天晚上"])
      expect(parseStart(typed, TZ, NOW)).toEqual({ ok: false, reason: "format" });
    expect(parseStart("2026-12-04 07:59", TZ, NOW)).toEqual({ ok: false, reason: "past" });
    expect(parseStart("2028-01-01 10:00", TZ, NOW)).toEqual({ ok: false, reason: "too-far" });
  });

  it("a length or an end, at most a day after the start", () => {
    const start = new Date("2026-12-10T11:00:00Z");
    const end = (typed: string) => parseEnd(typed, start, TZ);
    for (const [typed, minutes] of [
      ["2h", 120],
      ["1.5 小时", 90],
      ["90 min", 90],
      ["90分钟", 90],
      ["2h30", 150],
      ["2小时30分钟", 150],
      ["21:00", 120],
      ["2026-12-10 21:30", 150],
    ] as const) {
      expect(end(typed), typed).toEqual({ ok: true, endsAt: new Date(start.getTime() + minutes * 60_000) });
    }
    expect(end("18:00")).toEqual({ ok: false, reason: "before-start" });
    expect(end("0 min")).toEqual({ ok: false, reason: "before-start" });
    expect(end("25h")).toEqual({ ok: false, reason: "too-long" });
    expect(end("a while")).toEqual({ ok: false, reason: "format" });
  });

  it("role slots on one line, with or without a limit", () => {
    expect(parseSlots("鼓手 12, 引导 3")).toEqual({
      ok: true,
      slots: [
        { name: "鼓手", capacity: 12 },
        { name: "引导", capacity: 3 },
      ],
    });
    expect(parseSlots("鼓手12人、引导：3；签到")).toEqual({
      ok: true,
      slots: [
        { name: "鼓手", capacity: 12 },
        { name: "引导", capacity: 3 },
        { name: "签到", capacity: null },
      ],
    });
    expect(parseSlots("Box 3, Drummers x 12, audience no limit")).toEqual({
      ok: true,
      slots: [
        { name: "Box", capacity: 3 },
        { name: "Drummers", capacity: 12 },
        { name: "audience", capacity: null },
      ],
    });
    expect(parseSlots("观众不限")).toEqual({ ok: true, slots: [{ name: "观众", capacity: null }] });
    expect(parseSlots("不限")).toEqual({ ok: true, slots: [] });
    expect(parseSlots("No limit")).toEqual({ ok: true, slots: [] });
    expect(parseSlots("鼓手 0")).toEqual({ ok: false, reason: "bad-capacity", name: "鼓手" });
    expect(parseSlots("鼓手 20000")).toEqual({ ok: false, reason: "bad-capacity", name: "鼓手" });
    expect(parseSlots("鼓手 3, 鼓手 4")).toEqual({ ok: false, reason: "duplicate", name: "鼓手" });
    expect(parseSlots("12")).toEqual({ ok: false, reason: "format", name: "12" });
    expect(parseSlots(" ,， ")).toEqual({ ok: false, reason: "format" });
    expect(parseSlots(Array.from({ length: 11 }, (_, i) => `r${i} 1`).join(","))).toEqual({ ok: false, reason: "too-many" });
    expect(parseSlots(`${"长".repeat(31)} 2`)).toEqual({ ok: false, reason: "name-too-long", name: "长".repeat(31) });
  });

  it("a new number of seats", () => {
    expect(parseCapacity(" 8 ")).toEqual({ ok: true, capacity: 8 });
    expect(parseCapacity("不限")).toEqual({ ok: true, capacity: null });
    for (const typed of ["0", "-1", "2.5", "ten", "10001"]) expect(parseCapacity(typed)).toEqual({ ok: false });
  });
});
