import { CallbackData } from "../../bot/callback-data.js";

/** Audience picked in /broadcast: all | volunteers | team | area (then the area). */
export const audienceButton = new CallbackData("bca", ["audience"]);
export const areaButton = new CallbackData("bcr", ["area"]);
/** The preview's buttons: now | schedule | urgent | cancel. */
export const previewAction = new CallbackData("bcp", ["action"]);
/** The Cancel button under a running broadcast's progress message. */
export const stopButton = new CallbackData("bc-stop", ["id"]);
