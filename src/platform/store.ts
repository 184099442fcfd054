import type { TabPins } from '../core/rules';
import type { TabServed } from '../core/served';
import type { Settings } from '../core/settings';
import { browser } from './browser';

/** storage.local keys. The background is the only writer of both. */
export const KEYS = {
  settings: 'settings',
  /** A stored settings blob that could not be read, kept aside instead of overwritten. */
  settingsAside: 'settingsAside',
} as const;
/** storage.session: tab pins end with the browser session. */
export const PINS_KEY = 'pins';

export async function readStoredSettings(): Promise<unknown> {
  return (await browser.storage.local.get(KEYS.settings))[KEYS.settings];
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEYS.settings]: settings });
}

export async function setAside(blob: unknown, reason: string): Promise<void> {
  await browser.storage.local.set({ [KEYS.settingsAside]: { blob, reason, at: Date.now() } });
}

export async function readPins(): Promise<TabPins> {
  return ((await browser.storage.session.get(PINS_KEY))[PINS_KEY] as TabPins | undefined) ?? {};
}

export async function writePins(pins: TabPins): Promise<void> {
  await browser.storage.session.set({ [PINS_KEY]: pins });
}

const servedKey = (tabId: number) => `served:${tabId}`;

/** What the background learned about a tab's page (storage.session: it ends with the session). */
export async function readTabServed(tabId: number): Promise<TabServed | undefined> {
  return (await browser.storage.session.get(servedKey(tabId)))[servedKey(tabId)] as TabServed | undefined;
}

export async function writeTabServed(tabId: number, state: TabServed): Promise<void> {
  await browser.storage.session.set({ [servedKey(tabId)]: state });
}

export async function removeTabServed(tabId: number): Promise<void> {
  await browser.storage.session.remove(servedKey(tabId));
}

export function onStorageChange(listener: (area: string, keys: string[]) => void): () => void {
  const wrapped = (changes: Record<string, unknown>, area: string) => listener(area, Object.keys(changes));
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}
