/**
 * Runs jobs one behind another, so a burst of commands ends in the state of the last one and two
 * reconciles never interleave their read-diff-write. One queue for the whole background.
 */
function createQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}

export const enqueue = createQueue();
