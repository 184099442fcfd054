import { serial } from './serial';

/**
 * One queue for the whole background: jobs run one behind another, so a burst of commands ends in
 * the state of the last one and two reconciles never interleave their read-diff-write.
 */
export function createQueue() {
  const queue = serial<'commands'>();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => queue('commands', job);
  return { enqueue };
}
export type Queue = ReturnType<typeof createQueue>;
