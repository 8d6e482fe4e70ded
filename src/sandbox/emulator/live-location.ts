import type { UserActions } from "./control.js";
import type { EmulatorCore } from "./core.js";
import type { MessageRecord } from "./message-records.js";
import type { SendOptions } from "./control-types.js";
import type { TgLocation, TgMessage } from "./types.js";
import { botSees } from "./visibility.js";

/** Telegram's bounds for live_period: a minute to a day, or 0x7FFFFFFF for "until I stop". */
export const LIVE_PERIOD_FOREVER = 0x7fffffff;
const MIN_LIVE_PERIOD = 60;
const MAX_LIVE_PERIOD = 86_400;

export interface LivePosition {
  latitude: number;
  longitude: number;
  horizontal_accuracy?: number;
  /** Direction of travel in degrees, 1-360. */
  heading?: number;
}

/**
 * A user sharing their live location, as the Telegram apps do it: one location message with
 * `live_period`, then the app edits that message as the person moves (the bot gets each as an
 * `edited_message` with `edit_date`), until they stop or the period runs out.
 *
 * On stopping, the Bot API hands out the last position without `live_period` or `heading`
 * (telegram-bot-api writes those fields only while the location has time left), and the
 * message cannot move again; neither can it after its period.
 */
export class LiveLocations {
  constructor(
    private readonly core: EmulatorCore,
    private readonly users: UserActions,
  ) {}

  start(userId: number, position: Omit<LivePosition, "heading">, options: SendOptions & { livePeriod?: number } = {}): TgMessage {
    const livePeriod = options.livePeriod ?? 900;
    if (livePeriod !== LIVE_PERIOD_FOREVER && !(Number.isInteger(livePeriod) && livePeriod >= MIN_LIVE_PERIOD && livePeriod <= MAX_LIVE_PERIOD)) {
      throw new Error(`live_period must be ${MIN_LIVE_PERIOD}-${MAX_LIVE_PERIOD} seconds or ${LIVE_PERIOD_FOREVER}`);
    }
    const { livePeriod: _period, ...sendOptions } = options;
    return this.users.sendLocation(userId, position.latitude, position.longitude, {
      ...sendOptions,
      live_period: livePeriod,
      ...(position.horizontal_accuracy !== undefined ? { horizontal_accuracy: position.horizontal_accuracy } : {}),
    });
  }

  /** The app reports a new position: the message is edited and the bot gets edited_message. */
  move(userId: number, chatId: number, messageId: number, position: LivePosition): TgMessage {
    const record = this.live(userId, chatId, messageId);
    const current = record.message.location!;
    const location: TgLocation = { latitude: position.latitude, longitude: position.longitude, live_period: current.live_period! };
    if (!(Math.abs(position.latitude) <= 90) || !(Math.abs(position.longitude) <= 180)) throw new Error("coordinates out of range");
    if (position.horizontal_accuracy !== undefined) location.horizontal_accuracy = Math.min(Math.max(position.horizontal_accuracy, 0), 1500);
    if (position.heading !== undefined) location.heading = checkHeading(position.heading);
    return this.edit(record, location);
  }

  /** The person taps "Stop sharing": one last edit, where the location is no longer live. */
  stop(userId: number, chatId: number, messageId: number): TgMessage {
    const record = this.live(userId, chatId, messageId);
    const { live_period: _period, heading: _heading, proximity_alert_radius: _radius, ...last } = record.message.location!;
    return this.edit(record, last);
  }

  private remaining(record: MessageRecord): number {
    const period = record.message.location?.live_period;
    if (record.kind !== "location" || period === undefined) return 0;
    if (period === LIVE_PERIOD_FOREVER) return Number.POSITIVE_INFINITY;
    return record.date + period - this.core.clock.unix();
  }

  private live(userId: number, chatId: number, messageId: number): MessageRecord {
    const record = this.core.store.message(chatId, messageId);
    if (record === undefined || record.deleted) throw new Error(`message ${messageId} not found in chat ${chatId}`);
    if (record.fromBot || record.fromId !== userId) throw new Error("users can only move their own live location");
    if (record.kind !== "location" || record.message.location?.live_period === undefined) throw new Error("the message is not a live location");
    if (this.remaining(record) <= 0) throw new Error("the live location has expired");
    return record;
  }

  private edit(record: MessageRecord, location: TgLocation): TgMessage {
    this.core.store.editMessage(record, { location }, {}, this.core.clock.unix());
    const chat = this.core.store.requireChat(record.chatId);
    if (botSees(this.core, chat, record.message)) this.core.queue.push({ edited_message: structuredClone(record.message) });
    return structuredClone(record.message);
  }
}

function checkHeading(heading: number): number {
  if (!(Number.isInteger(heading) && heading >= 1 && heading <= 360)) throw new Error("heading must be an integer from 1 to 360");
  return heading;
}
