import { serial } from './serial';

/** One queue for the whole background (commit, reconcile, the jobs that must not interleave with them). */
export function createQueue() {
  /**
   * Runs jobs one behind another, so a burst of commands ends in the state of the last one and two
   * reconciles never interleave their read-diff-write. One queue for the whole background.
   */
  const queue = serial<'commands'>();

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => queue('commands', job);
  return { enqueue };
}
export type Queue = ReturnType<typeof createQueue>;
