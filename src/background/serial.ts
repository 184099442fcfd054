/**
 * Jobs run one after another per key, in the order they were given; a job that fails does not
 * stop the next. The one way the background orders work: the command queue (one key), each
 * tab's events, the link menu's rebuilds, each kept request's rule. A key with nothing left to
 * run is forgotten.
 */
export function serial<K>() {
  const tails = new Map<K, Promise<unknown>>();
  return <T>(key: K, job: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).then(job, job);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}
