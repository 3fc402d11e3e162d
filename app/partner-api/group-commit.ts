// Group commit: items arriving while earlier ones are written go together in the next write, one
// per key (a claim's target); alone, an item is written at once (decision 022).

export interface GroupCommitOptions<Item, Result> {
  /** Writes a group; answers each item, in the items' order. */
  write(items: Item[]): Promise<Result[]>;
  /** Groups of one key written at the same time, at most. */
  maxInFlight: number;
  /** Items in one group, at most. */
  maxGroup: number;
  /**
   * Items sharing one of these keys (an Idempotency-Key, a recipient) are never in one group nor
   * in two groups in flight: the later one is written after the earlier has finished, so it sees
   * the earlier's claim and is answered by it.
   */
  exclusive?: (item: Item) => readonly string[];
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Lane<Item, Result> {
  waiting: Waiting<Item, Result>[];
  inFlight: number;
  scheduled: boolean;
  /** Exclusive keys of the groups being written. */
  busy: Set<string>;
}

export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>) {
  const lanes = new Map<string, Lane<Item, Result>>();

  const flush = (key: string, lane: Lane<Item, Result>) => {
    lane.scheduled = false;
    while (lane.inFlight < options.maxInFlight && lane.waiting.length > 0) {
      const { group, keys } = takeGroup(lane);
      if (group.length === 0) break;
      lane.inFlight++;
      for (const k of keys) lane.busy.add(k);
      const finish = () => {
        for (const k of keys) lane.busy.delete(k);
        done(key, lane);
      };
      options.write(group.map((w) => w.item)).then(
        (results) => {
          group.forEach((w, i) => w.resolve(results[i]!));
          finish();
        },
        (error: unknown) => {
          for (const w of group) w.reject(error);
          finish();
        },
      );
    }
  };

  const takeGroup = (lane: Lane<Item, Result>) => {
    const group: Waiting<Item, Result>[] = [];
    const later: Waiting<Item, Result>[] = [];
    const taken = new Set<string>();
    for (const w of lane.waiting) {
      const keys = options.exclusive?.(w.item) ?? [];
      if (group.length < options.maxGroup && !keys.some((k) => taken.has(k) || lane.busy.has(k))) {
        group.push(w);
        for (const k of keys) taken.add(k);
      } else later.push(w);
    }
    lane.waiting = later;
    return { group, keys: taken };
  };

  const done = (key: string, lane: Lane<Item, Result>) => {
    lane.inFlight--;
    if (lane.waiting.length > 0) flush(key, lane);
    else if (lane.inFlight === 0 && !lane.scheduled) lanes.delete(key);
  };

  return (key: string, item: Item): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      let lane = lanes.get(key);
      if (!lane)
        lanes.set(key, (lane = { waiting: [], inFlight: 0, scheduled: false, busy: new Set() }));
      lane.waiting.push({ item, resolve, reject });
      // After the event loop's current round of I/O: requests read in the same round go together.
      if (!lane.scheduled && lane.inFlight < options.maxInFlight) {
        lane.scheduled = true;
        const scheduledLane = lane;
        setImmediate(() => flush(key, scheduledLane));
      }
    });
}
