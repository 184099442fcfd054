import { words } from '../platform/i18n';

/** Keys of public/_locales/en/messages.json (a type only: the JSON is not bundled). */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** A UI string from _locales; `$1`, `$2`… take `subs`. Falls back to the key, never to nothing. */
export const t = (key: MessageKey, ...subs: string[]): string => words(key, ...subs);
