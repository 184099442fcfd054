import polyfilled from 'webextension-polyfill';

/**
 * runtime.onMessage through webextension-polyfill: a listener may return a promise for its reply
 * in both browsers. The only place the polyfill is bundled (the background). Looked up when a
 * listener is added, not when this module loads (unit tests start each background on a fresh fake).
 */
export const onMessage = {
  addListener: (listener: Parameters<typeof polyfilled.runtime.onMessage.addListener>[0]): void =>
    polyfilled.runtime.onMessage.addListener(listener),
};
