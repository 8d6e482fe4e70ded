// Which bot process polls Telegram right now. Adjust here when /healthz changes.
import type { EmulatorHost } from "./emulator-host.js";
import type { BotInstance } from "./instances.js";

export type PollerSource = "healthz" | "getUpdates" | "first-started";

/**
 * 1. /healthz answers `"polling": "active" | "standby"` (issue 10): the active one; none while
 *    every instance that says so is standing by (a takeover under way).
 * 2. Without that field (the code before issue 10): the live process that sent the newest
 *    getUpdates (the emulator front tells the processes apart).
 *    None while no live process has polled yet (a restart under way).
 * 3. No getUpdates seen at all: the instance started first, if it is alive.
 */
export async function whoPolls(instances: readonly BotInstance[], host: EmulatorHost): Promise<{ instance: BotInstance; source: PollerSource } | undefined> {
  const health = await Promise.all(instances.map((instance) => instance.health()));
  const reported = health.map((h) => h?.body?.polling);
  if (reported.some((value) => typeof value === "string")) {
    const active = instances.filter((_, i) => reported[i] === "active");
    if (active.length === 0) return undefined;
    if (active.length === 1) return { instance: active[0]!, source: "healthz" };
    // Two say "active" (should not happen): the one that polled last.
    const last = host.lastPollFrom(new Set(active.map((i) => i.incarnation)));
    return { instance: active.find((i) => i.incarnation === last?.incarnation) ?? active[0]!, source: "healthz" };
  }
  const live = instances.filter((instance) => instance.alive());
  const last = host.lastPollFrom(new Set(live.map((i) => i.incarnation)));
  const polling = live.find((i) => i.incarnation === last?.incarnation);
  if (polling) return { instance: polling, source: "getUpdates" };
  if (host.polls.length > 0) return undefined;
  const first = instances[0];
  return first?.alive() ? { instance: first, source: "first-started" } : undefined;
}
