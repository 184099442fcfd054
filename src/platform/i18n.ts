import { type Problem, say } from '../core/result';
import type { Words } from '../core/words';
import { browser } from './browser';
import type { FetchFailed } from './fetch';

/** A _locales string with its substitutions; falls back to the key, never to nothing. */
export const words: Words = (key, ...subs) => browser.i18n.getMessage(key, subs) || key;

/** A validator's problem in the user's words. */
export const said = (p: Problem): string => say(words, p);

/** Why a bounded fetch failed, in the user's words (a time-out is ours to say; the rest is the browser's). */
export const whyFailed = (f: FetchFailed, timeoutMs: number): string =>
  f.kind === 'timeout' ? words('noAnswerWithin', String(timeoutMs / 1000)) : f.error;
