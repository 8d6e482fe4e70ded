export * from "./communities.js";
export * from "./users.js";
export * from "./bot-runtime.js";
export * from "./reports.js";
export * from "./staff.js";
export * from "./follow-up.js";
export * from "./broadcasts.js";
export * from "./outbox.js";
