/** A move the lifecycle does not allow from the current state. */
export class IllegalMove extends Error {
  constructor(lifecycle: string, from: string, action: string) {
    super(`${lifecycle}: "${from}" cannot ${action}`);
    this.name = "IllegalMove";
  }
}

/**
 * One lifecycle's legal moves as data, and the only way to ask them: services lock the row, ask
 * `can` (to refuse politely) and take the new state from `next`, never writing a status themselves.
 */
export function lifecycle<S extends string, A extends string>(name: string, actions: Record<A, { from: readonly S[]; to: S }>) {
  return {
    actions,
    can: (from: S, action: A): boolean => actions[action].from.includes(from),
    next(from: S, action: A): S {
      if (!actions[action].from.includes(from)) throw new IllegalMove(name, from, action);
      return actions[action].to;
    },
  };
}
