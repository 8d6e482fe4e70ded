import { sql } from "drizzle-orm";
import type { Database } from "../../../src/db/client.js";
import { broadcastRecipients, broadcasts } from "../../../src/db/schema/index.js";
import type { BroadcastConfig } from "../../../src/features/broadcasts/config.js";
import { createBroadcastSender, type Pace, type SenderDeps } from "../../../src/features/broadcasts/sender.js";
import { createBroadcast, type BroadcastContent } from "../../../src/features/broadcasts/service.js";
import type { BroadcastTransport, Button, SendFailure } from "../../../src/features/broadcasts/transport.js";
import { createI18n } from "../../../src/i18n.js";
import { silentLogger } from "../../../src/logger.js";
import { jobs } from "../../../src/jobs/job-table.js";
import type { FakeClock } from "../../helpers/harness.js";

export const i18n = createI18n();

/** Pacing time on the test's clock: sleeping moves the clock (and lets other promises run). */
export function fakePace(clock: FakeClock): Pace {
  return {
    now: () => clock.now().getTime(),
    sleep: async (ms) => {
      clock.advance(Math.max(0, ms));
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export class FailureError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.kind);
  }
}

/** Records every delivery with the pacing time; failures scripted per chat, in order. */
export class FakeTransport implements BroadcastTransport {
  readonly deliveries: Array<{ chatId: number; at: number; content: BroadcastContent; paid: boolean }> = [];
  readonly attempts: Array<{ chatId: number; at: number }> = [];
  readonly notices: Array<{ chatId: number; text: string; buttons?: Button[] }> = [];
  readonly edits: Array<{ chatId: number; messageId: number; text: string; at: number; buttons?: Button[] }> = [];
  readonly failures = new Map<number, SendFailure[]>();
  onDeliver?: (chatId: number, count: number) => void | Promise<void>;
  private nextId = 1000;

  constructor(private readonly now: () => number) {}

  fail(chatId: number, ...failures: SendFailure[]): void {
    this.failures.set(chatId, [...(this.failures.get(chatId) ?? []), ...failures]);
  }

  async deliver(chatId: number, content: BroadcastContent, paid: boolean): Promise<number> {
    this.attempts.push({ chatId, at: this.now() });
    const scripted = this.failures.get(chatId);
    if (scripted && scripted.length > 0) throw new FailureError(scripted.shift()!);
    this.deliveries.push({ chatId, at: this.now(), content, paid });
    await this.onDeliver?.(chatId, this.deliveries.length);
    return this.nextId++;
  }

  classify(error: unknown): SendFailure {
    if (error instanceof FailureError) return error.failure;
    return { kind: "transient", reason: "network" };
  }

  async notify(chatId: number, text: string, buttons?: Button[]): Promise<number> {
    this.notices.push({ chatId, text, ...(buttons ? { buttons } : {}) });
    return this.nextId++;
  }

  async edit(chatId: number, messageId: number, text: string, buttons?: Button[]): Promise<void> {
    this.edits.push({ chatId, messageId, text, at: this.now(), ...(buttons ? { buttons } : {}) });
  }

  deliveredTo(): number[] {
    return this.deliveries.map((d) => d.chatId);
  }

  lastText(): string | undefined {
    return [...this.notices.map((n) => n.text), ...this.edits.map((e) => e.text)].length === 0
      ? undefined
      : (this.edits.at(-1)?.text ?? this.notices.at(-1)?.text);
  }
}

export const STAFF = 9_000_001;

/** `count` residents with ids from `firstId` in the community, plus a staff member (not a resident of the list). */
export async function seedResidents(db: Database, communityId: number, firstId: number, count: number): Promise<number[]> {
  await db.execute(sql`
    insert into users (id, first_name, community_id, first_seen_at, last_seen_at)
    select g, 'R' || g, ${communityId}, now(), now() from generate_series(${firstId}::bigint, ${firstId + count - 1}::bigint) g
    on conflict (id) do nothing`);
  return Array.from({ length: count }, (_, i) => firstId + i);
}

export async function resetBroadcasts(db: Database): Promise<void> {
  await db.delete(broadcastRecipients);
  await db.delete(broadcasts);
  await db.delete(jobs);
}

export const testConfig = (over: Partial<BroadcastConfig> = {}): BroadcastConfig => ({
  paid: false,
  ratePerSecond: 25,
  quietHours: { start: "21:00", end: "08:00" },
  ...over,
});

export function makeSender(db: Database, clock: FakeClock, transport: BroadcastTransport, over: Partial<SenderDeps> = {}) {
  return createBroadcastSender({
    db,
    clock,
    pace: fakePace(clock),
    transport,
    logger: silentLogger,
    t: (locale, key, vars) => i18n.t(locale, key, vars),
    config: testConfig(),
    sliceMs: 3600_000,
    ...over,
  });
}

let keyCounter = 0;

export async function newBroadcast(db: Database, communityId: number, at: Date, over: Partial<Parameters<typeof createBroadcast>[1]> = {}): Promise<number> {
  const { id } = await createBroadcast(db, {
    communityId,
    createdBy: STAFF,
    audience: "all",
    audienceRef: null,
    content: { kind: "text", text: "停水通知 Water off", entities: [{ type: "bold", offset: 0, length: 4 }] },
    urgent: false,
    runAt: at,
    progressChatId: STAFF,
    progressLocale: "en",
    clientKey: `k${process.pid}-${Date.now()}-${keyCounter++}`,
    at,
    ...over,
  });
  return id;
}
