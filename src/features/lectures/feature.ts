import type { Feature } from "../../bot/feature.js";
import { doorFeature } from "./door-feature.js";
import { lecturesFeature } from "./lectures-feature.js";
import { materialsFeature } from "./materials-feature.js";
import { lectureStaffFeature } from "./staff-feature.js";
import { subscriptionsFeature } from "./subscriptions-feature.js";

/**
 * Lectures (issue 15), on the events core: topics and subscriptions, lectures and registration,
 * the door and feedback, staff's creation, figures and CSV, the materials after a lecture. The door's buttons are taken by the
 * door feature first; the ones it passes on (figures, cancel) are staff's.
 */
export const lectureFeatures: readonly Feature[] = [subscriptionsFeature, lecturesFeature, doorFeature, lectureStaffFeature, materialsFeature];
