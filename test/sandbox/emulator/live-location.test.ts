import { afterEach, beforeEach, expect, it } from "vitest";
import type { TgUser } from "../../../src/sandbox/emulator/index.js";
import { ManualClock, startEmulator, type Running } from "./helpers.js";

let server: Running;
let clock: ManualClock;
let ann: TgUser;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startEmulator({ now: clock.now });
  ann = server.emulator.createUser({ first_name: "Ann", started: true });
});
afterEach(() => server.stop());

it("shares a live location as Telegram does: a message with live_period, then edited_message as the person walks, then a stop", () => {
  const emulator = server.emulator;
  const first = emulator.startLiveLocation(ann.id, { latitude: 31.23, longitude: 121.47 }, { livePeriod: 3600 });
  expect(first.location).toEqual({ latitude: 31.23, longitude: 121.47, live_period: 3600 });

  clock.advance(3_000);
  emulator.moveLiveLocation(ann.id, ann.id, first.message_id, { latitude: 31.2301, longitude: 121.4701, heading: 45, horizontal_accuracy: 8 });
  clock.advance(3_000);
  const moved = emulator.moveLiveLocation(ann.id, ann.id, first.message_id, { latitude: 31.2302, longitude: 121.4702, heading: 90 });
  expect(moved).toMatchObject({ message_id: first.message_id, date: first.date, edit_date: first.date + 6 });
  expect(moved.location).toEqual({ latitude: 31.2302, longitude: 121.4702, live_period: 3600, heading: 90 });

  clock.advance(3_000);
  const stopped = emulator.stopLiveLocation(ann.id, ann.id, first.message_id);
  // Stopped, the location is a plain one: telegram-bot-api writes live_period only while it has time left.
  expect(stopped.location).toEqual({ latitude: 31.2302, longitude: 121.4702 });

  const updates = emulator.pendingUpdates();
  expect(updates.map((u) => Object.keys(u).find((key) => key !== "update_id"))).toEqual(["message", "edited_message", "edited_message", "edited_message"]);
  expect(updates.slice(1).map((u) => u.edited_message?.message_id)).toEqual([first.message_id, first.message_id, first.message_id]);
  expect(updates[1]?.edited_message?.location).toEqual({ latitude: 31.2301, longitude: 121.4701, live_period: 3600, heading: 45, horizontal_accuracy: 8 });
  expect(updates.map((u) => (u.message ?? u.edited_message)?.edit_date)).toEqual([undefined, first.date + 3, first.date + 6, first.date + 9]);
  // The chat shows one message, edited in place.
  expect(emulator.history(ann.id)).toHaveLength(1);
  expect(emulator.message(ann.id, first.message_id)?.message.location).toEqual({ latitude: 31.2302, longitude: 121.4702 });

  expect(() => emulator.moveLiveLocation(ann.id, ann.id, first.message_id, { latitude: 31, longitude: 121 })).toThrow(/not a live location/);
  expect(() => emulator.stopLiveLocation(ann.id, ann.id, first.message_id)).toThrow(/not a live location/);
  expect(emulator.pendingUpdates()).toHaveLength(4);
});

it("refuses to move a location that is not live, is someone else's, or has run out of time", () => {
  const emulator = server.emulator;
  const bob = emulator.createUser({ first_name: "Bob", started: true });
  const once = emulator.sendLocation(ann.id, 31.2, 121.4);
  expect(() => emulator.moveLiveLocation(ann.id, ann.id, once.message_id, { latitude: 31.3, longitude: 121.5 })).toThrow(/not a live location/);

  const live = emulator.startLiveLocation(ann.id, { latitude: 31.2, longitude: 121.4 }, { livePeriod: 60 });
  expect(() => emulator.moveLiveLocation(bob.id, ann.id, live.message_id, { latitude: 31.3, longitude: 121.5 })).toThrow(/their own/);
  expect(() => emulator.moveLiveLocation(ann.id, ann.id, live.message_id, { latitude: 91, longitude: 0 })).toThrow(/out of range/);
  expect(() => emulator.moveLiveLocation(ann.id, ann.id, live.message_id, { latitude: 31, longitude: 121, heading: 0 })).toThrow(/heading/);
  expect(() => emulator.startLiveLocation(ann.id, { latitude: 31, longitude: 121 }, { livePeriod: 30 })).toThrow(/live_period/);

  clock.advance(60_000);
  expect(() => emulator.moveLiveLocation(ann.id, ann.id, live.message_id, { latitude: 31.3, longitude: 121.5 })).toThrow(/expired/);
  // Only the two messages reached the bot; nothing refused left an update behind.
  expect(emulator.pendingUpdates().map((u) => Object.keys(u).find((key) => key !== "update_id"))).toEqual(["message", "message"]);
});
