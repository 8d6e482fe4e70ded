/**
 * The emulator's sense of time. Flood limits, message dates and callback timestamps read the
 * emulated clock; real timers (long polls, webhook retries) are divided by the time scale so a
 * benchmark running at ×10 also waits ten times less.
 */
export interface EmulatorClock {
  /** Emulated wall clock, ms since the epoch. */
  now(): number;
  /** Emulated unix seconds, the unit of Bot API `date` fields. */
  unix(): number;
  /** Converts an emulated duration into the real milliseconds a timer should wait. */
  real(emulatedMs: number): number;
}

export function createClock(options: { now?: () => number; timeScale?: number }): EmulatorClock {
  const scale = options.timeScale !== undefined && options.timeScale > 0 ? options.timeScale : 1;
  let now: () => number;
  if (options.now) {
    now = options.now;
  } else if (scale === 1) {
    now = Date.now;
  } else {
    const realStart = Date.now();
    now = () => realStart + (Date.now() - realStart) * scale;
  }
  return {
    now,
    unix: () => Math.floor(now() / 1000),
    real: (emulatedMs) => Math.max(0, Math.round(emulatedMs / scale)),
  };
}
