import type { BadgePlace } from '../core/served-messages';
import { browser } from './browser';

export async function allTabs(): Promise<{ id?: number; url?: string; status?: string }[]> {
  return browser.tabs.query({});
}

/** Tells a tab's page badge something; false when no badge script listens in that tab. */
export async function tellTab(tabId: number, message: unknown): Promise<boolean> {
  try {
    await browser.tabs.sendMessage(tabId, message);
    return true;
  } catch {
    return false;
  }
}

const PLACES = 'badgePlaces';
export async function writeBadgePlace(host: string, place: BadgePlace): Promise<void> {
  const all = ((await browser.storage.local.get(PLACES))[PLACES] as Record<string, BadgePlace> | undefined) ?? {};
  const hosts = Object.keys(all);
  // Bounded: the oldest hosts make room once 200 are remembered.
  if (!(host in all) && hosts.length >= 200) delete all[hosts[0]];
  await browser.storage.local.set({ [PLACES]: { ...all, [host]: place } });
}
