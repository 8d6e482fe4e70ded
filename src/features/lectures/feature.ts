import type { Feature } from "../../bot/feature.js";
import { subscriptionsFeature } from "./subscriptions-feature.js";

/** Lectures (issue 15), on the events core: topics and subscriptions, lectures, the door, feedback. */
export const lectureFeatures: readonly Feature[] = [subscriptionsFeature];
