import type { BroadcastAudience, BroadcastStatus } from "../../db/schema/index.js";

/** How a broadcast's audience is named, in /broadcast, /broadcasts and on the dashboard. */
export const audienceKeys: Record<BroadcastAudience, string> = {
  all: "broadcast-audience-all",
  volunteers: "broadcast-audience-volunteers",
  team: "broadcast-audience-team",
  area: "broadcast-audience-area",
  topic: "broadcast-audience-topic",
  event: "broadcast-audience-event",
  list: "broadcast-audience-list",
};

/** How a broadcast's state is named, in /broadcasts and on the dashboard. */
export const statusKeys: Record<BroadcastStatus, string> = {
  scheduled: "broadcast-status-scheduled",
  sending: "broadcast-status-sending",
  done: "broadcast-status-done",
  cancelled: "broadcast-status-cancelled",
};
