/**
 * Text a user reads comes from _locales. Core stays pure: what builds sentences takes the
 * translator from its caller (the background's is browser.i18n; tests read the English file).
 */
export type Words = (key: MessageKey, ...subs: string[]) => string;

/** Keys of public/_locales/en/messages.json (a type only: the JSON is not bundled). */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');
