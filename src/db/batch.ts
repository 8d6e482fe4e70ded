/**
 * Coalesces calls made in the same turn of the event loop into one call of `run`, so N updates
 * arriving together cost one statement instead of N. The first call in a turn schedules the
 * flush (setImmediate: after the I/O callbacks that are resuming other updates); calls until
 * then join. Alone, a call waits only for that one turn.
 *
 * Two items that `conflict` never share a batch (a multi-row upsert may not touch one row
 * twice): the later one goes into the next batch of the same flush. If a batch fails, each of
 * its items runs again alone, so a bad item fails only its own caller.
 */
export interface BatchOptions<I> {
  /** Largest batch; more items in one turn make several batches. */
  maxSize: number;
  conflicts?: (a: I, b: I) => boolean;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export function batched<I, O>(run: (items: I[]) => Promise<O[]>, options: BatchOptions<I>): (item: I) => Promise<O> {
  let batches: Pending<I, O>[][] = [];
  let scheduled = false;

  const settle = async (batch: Pending<I, O>[]): Promise<void> => {
    let results: O[];
    try {
      results = await run(batch.map((entry) => entry.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One statement failed as a whole (nothing of it was written): try each item alone.
      await Promise.all(batch.map((entry) => settle([entry])));
      return;
    }
    for (const [i, entry] of batch.entries()) entry.resolve(results[i]!);
  };

  const flush = () => {
    const ready = batches;
    batches = [];
    scheduled = false;
    for (const batch of ready) void settle(batch);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      const fits = (batch: Pending<I, O>[]) => batch.length < options.maxSize && !batch.some((entry) => options.conflicts?.(entry.item, item));
      let batch = batches.find(fits);
      if (!batch) {
        batch = [];
        batches.push(batch);
      }
      batch.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
