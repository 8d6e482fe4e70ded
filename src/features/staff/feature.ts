import type { Feature } from "../../bot/feature.js";
import { areasFeature } from "./areas-feature.js";
import { auditFeature } from "./audit-feature.js";
import { cardsFeature } from "./cards-feature.js";
import { extensionsFeature } from "./extensions-feature.js";
import { invitesFeature } from "./invites-feature.js";
import { moderationFeature } from "./moderation-feature.js";
import { patrolFeature } from "./patrol-feature.js";
import { queueFeature } from "./queue-feature.js";
import { staffGroupFeature } from "./staff-group-feature.js";
import { tasksFeature } from "./tasks-feature.js";
import { teamFeature } from "./team-feature.js";
import { templatesFeature } from "./templates-feature.js";

/**
 * Staff follow-up in Telegram, one Feature per capability (each in its `*-feature.ts`, its
 * domain logic in the file of the same name without the suffix): the inspector's tasks and
 * patrols, the queue, the staff group with a card per report and its extension requests, the
 * team and its invites, standard replies, areas, moderation and the audit log. Every command
 * and button checks the role on the server.
 */
export const staffFeatures: readonly Feature[] = [
  tasksFeature,
  patrolFeature,
  queueFeature,
  extensionsFeature,
  cardsFeature,
  staffGroupFeature,
  teamFeature,
  invitesFeature,
  templatesFeature,
  areasFeature,
  moderationFeature,
  auditFeature,
];
