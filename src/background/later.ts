/**
 * Work run a moment later, once for a burst (a tab's publish, the tabs' refresh, a log's write),
 * kept track of: in the browser it runs when its timer fires; `runPending` runs what waits now and
 * resolves once it has run (unit tests wait for it instead of sleeping; the timers stay in the build).
 */
export function laterWork<K>() {
  const waiting = new Map<K, { timer: ReturnType<typeof setTimeout>; job: () => unknown }>();
  const running = new Set<Promise<unknown>>();

  function fire(key: K): void {
    const w = waiting.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    waiting.delete(key);
    const done = Promise.resolve()
      .then(w.job)
      .catch(() => undefined);
    running.add(done);
    void done.then(() => running.delete(done));
  }

  /** Runs `job` after `ms`, replacing what waited under the same key (its timer starts again). */
  function later(key: K, ms: number, job: () => unknown): void {
    cancel(key);
    waiting.set(key, { timer: setTimeout(() => fire(key), ms), job });
  }

  function cancel(key: K): void {
    clearTimeout(waiting.get(key)?.timer);
    waiting.delete(key);
  }

  const isWaiting = (key: K): boolean => waiting.has(key);

  /** Runs everything waiting now, and what that work schedules in turn (bounded), then resolves. */
  async function runPending(): Promise<void> {
    for (let round = 0; round < 10 && (waiting.size > 0 || running.size > 0); round++) {
      for (const key of [...waiting.keys()]) fire(key);
      await Promise.all(running);
    }
  }
  return { later, cancel, isWaiting, runPending };
}

/**
 * For unit tests (test/fakes/background.ts), never called in the build: `idle` drains the queue
 * and runs every part's waiting work now, a few rounds over, as one may start another (a refresh
 * publishes, a workers' check enqueues a reconcile); `stop` ends the held rules' timers, so none
 * of this background's work reaches the next test's fake.
 */
export function createIdle(p: {
  enqueue: (job: () => Promise<void>) => Promise<void>;
  runPendingSurfaces: () => Promise<void>;
  runPendingLogWrites: () => Promise<void>;
  runPendingWorkerSync: () => Promise<void>;
  runPendingWakeChecks: () => Promise<void>;
  dropHeld: () => void;
}) {
  async function idle(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      await p.enqueue(async () => undefined);
      await Promise.all([p.runPendingSurfaces(), p.runPendingLogWrites(), p.runPendingWorkerSync(), p.runPendingWakeChecks()]);
    }
  }
  return { idle, stop: p.dropHeld };
}
