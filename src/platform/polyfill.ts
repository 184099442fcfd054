import polyfilled from 'webextension-polyfill';

/**
 * runtime.onMessage through webextension-polyfill: a listener may return a promise for its reply
 * in both browsers. The only place the polyfill is bundled (the background).
 */
export const onMessage = polyfilled.runtime.onMessage;
