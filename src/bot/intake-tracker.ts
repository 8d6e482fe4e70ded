import { randomUUID } from "node:crypto";

/**
 * What this process knows about the updates it is running, shared by the poller, recovery,
 * the webhook and the intake middleware:
 *  - `instanceId` names this process in the ledger (claimed_by) and in bot_instances;
 *  - updates held in flight, from the moment they are saved or taken until their handling
 *    returns, so recovery never takes an update this process is still running;
 *  - which updates recovery hands back to reclaim (this process's own unfinished claims);
 *  - which updates reached the intake: one that never did (dropped by the flood guard) is
 *    marked done so nothing runs it again.
 */
export class IntakeTracker {
  private readonly inFlight = new Map<number, number>();
  private readonly reclaiming = new Set<number>();
  private readonly admitted = new Set<number>();

  constructor(readonly instanceId: string = randomUUID()) {}

  hold(updateId: number): void {
    this.inFlight.set(updateId, (this.inFlight.get(updateId) ?? 0) + 1);
  }

  release(updateId: number): void {
    const count = (this.inFlight.get(updateId) ?? 1) - 1;
    if (count > 0) this.inFlight.set(updateId, count);
    else this.inFlight.delete(updateId);
  }

  isHeld(updateId: number): boolean {
    return this.inFlight.has(updateId);
  }

  held(): number[] {
    return [...this.inFlight.keys()];
  }

  markReclaim(updateId: number): void {
    this.reclaiming.add(updateId);
  }

  /** Called by the intake: whether this run may take back this process's own claim. */
  takeReclaim(updateId: number): boolean {
    return this.reclaiming.delete(updateId);
  }

  noteAdmitted(updateId: number): void {
    this.admitted.add(updateId);
  }

  /** Whether the update reached the intake since it was held (and forgets it). */
  takeAdmitted(updateId: number): boolean {
    this.reclaiming.delete(updateId);
    return this.admitted.delete(updateId);
  }
}
