import { ButtonData, idField, oneOf } from "../../bot/button-data.js";
import type { BroadcastAudience } from "../../db/schema/index.js";

/** The audiences /broadcast offers, in the order of its buttons. */
export const offeredAudiences = ["all", "volunteers", "team", "area"] as const satisfies readonly BroadcastAudience[];
/** Audience picked in /broadcast (then the area, for "area"). */
export const audienceButton = new ButtonData("bca", { audience: oneOf(offeredAudiences) });
export const areaButton = new ButtonData("bcr", { area: idField() });
/** The preview's buttons. */
export const previewAction = new ButtonData("bcp", { action: oneOf(["now", "schedule", "urgent", "cancel"]) });
/** The Cancel button under a running broadcast's progress message. */
export const stopButton = new ButtonData("bc-stop", { id: idField() });
