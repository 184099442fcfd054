import type { Words } from '../core/words';
import { browser } from './browser';

/** A _locales string with its substitutions; falls back to the key, never to nothing. */
export const words: Words = (key, ...subs) => browser.i18n.getMessage(key, subs) || key;
