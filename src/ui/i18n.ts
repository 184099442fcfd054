import type { MessageKey } from '../core/words';
import { words } from '../platform/i18n';

export type { MessageKey } from '../core/words';
export { said, words } from '../platform/i18n';

/** A UI string from _locales; `$1`, `$2`… take `subs`. Falls back to the key, never to nothing. */
export const t = (key: MessageKey, ...subs: string[]): string => words(key, ...subs);
