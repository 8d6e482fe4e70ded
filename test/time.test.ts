import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { describe, expect, it } from "vitest";
import { utcOffsetMinutes, zoned } from "../src/time.js";

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

  it("knows Shanghai is UTC+8 and shows local wall time", () => {
    const at = new Date("2026-11-29T03:00:00Z");
    expect(utcOffsetMinutes(at, "Asia/Shanghai")).toBe(480);
    expect(zoned("2026-11-28T23:30:00Z", "Asia/Shanghai").format("YYYY-MM-DD HH:mm")).toBe("2026-11-29 07:30");
  });
});
