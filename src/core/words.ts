/**
 * Text a user reads comes from _locales. Core stays pure: what builds sentences takes the
 * translator from its caller (the background's is browser.i18n; tests read the English file).
 */
export type Words = (key: string, ...subs: string[]) => string;
