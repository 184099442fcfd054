import { serial } from './serial';

/**
 * Runs jobs one behind another, so a burst of commands ends in the state of the last one and two
 * reconciles never interleave their read-diff-write. One queue for the whole background.
 */
const queue = serial<'commands'>();
export const enqueue = <T>(job: () => Promise<T>): Promise<T> => queue('commands', job);
