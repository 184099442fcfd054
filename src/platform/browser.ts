import browser from 'webextension-polyfill';

export type { Runtime, Tabs } from 'webextension-polyfill';
/** The only module that imports webextension-polyfill; everything else goes through platform/. */
export { browser };
