import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { describe, expect, it } from "vitest";
import { startOfDayIn, utcOffsetMinutes, zoned } from "../src/time.js";

dayjs.extend(utc);
dayjs.extend(timezone);

// dayjs's own timezone plugin is the reference; src/time.ts is the fast path we use instead.
const zones = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];
// Every 11 hours 13 minutes across a year: crosses every DST change of the zones above.
const instants = Array.from({ length: Math.ceil((365 * 24) / 11) }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * (11 * 3600_000 + 13 * 60_000 + 17_000)));

describe("local time in a zone", () => {
  it("has the offset and the local wall time dayjs.tz gives", () => {
    for (const tz of zones) {
      for (const at of instants) {
        const reference = dayjs(at).tz(tz);
        expect(utcOffsetMinutes(at, tz), `${tz} ${at.toISOString()}`).toBe(reference.utcOffset());
        expect(zoned(at, tz).format("YYYY-MM-DD HH:mm:ss"), `${tz} ${at.toISOString()}`).toBe(reference.format("YYYY-MM-DD HH:mm:ss"));
      }
    }
  });

  // Not compared with dayjs here: its startOf("day") in a zone is off by the DST change on the
  // day the change happens (Lord Howe, 2026-04-05: it answers 00:30 local).
  it("starts the local day at local midnight of the same date, DST days included", () => {
    for (const tz of zones) {
      for (const at of instants) {
        const start = startOfDayIn(at, tz);
        const label = `${tz} ${at.toISOString()}`;
        expect(zoned(start, tz).format("YYYY-MM-DD HH:mm:ss"), label).toBe(`${zoned(at, tz).format("YYYY-MM-DD")} 00:00:00`);
        expect(start.getTime(), label).toBeLessThanOrEqual(at.getTime());
      }
    }
    // The day DST ends in Lord Howe (+11 → +10:30 at 02:00): midnight is still +11.
    expect(startOfDayIn(new Date("2026-04-04T13:51:07Z"), "Australia/Lord_Howe").toISOString()).toBe("2026-04-04T13:00:00.000Z");
  });

  it("knows Shanghai is UTC+8 and starts its day at 16:00 UTC the day before", () => {
    const at = new Date("2026-11-29T03:00:00Z");
    expect(utcOffsetMinutes(at, "Asia/Shanghai")).toBe(480);
    expect(startOfDayIn(at, "Asia/Shanghai").toISOString()).toBe("2026-11-28T16:00:00.000Z");
    expect(zoned("2026-11-28T23:30:00Z", "Asia/Shanghai").format("YYYY-MM-DD HH:mm")).toBe("2026-11-29 07:30");
  });
});
