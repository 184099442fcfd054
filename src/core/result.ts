import type { MessageKey, Words } from './words';

/**
 * A sentence a user can act on, not yet in words: a _locales key and what fills its `$1`, `$2`…
 * A filler is text as it is (a host, a server's own message) or another problem, said in turn.
 */
export type Problem = { key: MessageKey; subs: readonly (string | Problem)[] };

/** What every validator returns: the cleaned value, or a problem for the caller to put in words. */
export type Result<T> = { value: T; error?: undefined } | { error: Problem; value?: undefined };

export const problem = (key: MessageKey, ...subs: (string | Problem)[]): Problem => ({ key, subs });
export const ok = <T>(value: T): Result<T> => ({ value });
export const fail = <T = never>(key: MessageKey, ...subs: (string | Problem)[]): Result<T> => ({
  error: problem(key, ...subs),
});

/** A problem in the caller's words (the background's browser.i18n, the UI's t, tests' English). */
export const say = (words: Words, p: Problem): string =>
  words(p.key, ...p.subs.map((s) => (typeof s === 'string' ? s : say(words, s))));
