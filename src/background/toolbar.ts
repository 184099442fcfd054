import type { TabPins } from '../core/rules';
import type { Settings } from '../core/settings';
import { abbreviate, divertFor, webHost } from '../core/tab-state';
import { type ActionLook, setActionLook } from '../platform/action';
import { browser } from '../platform/browser';

const COLORS = { unknown: '#3b5b8a' } as const;

/** The toolbar button for a tab: the namespace its requests carry, or nothing. */
export function lookFor(settings: Settings, pins: TabPins, origins: string[], tabId: number, url?: string): ActionLook {
  const host = webHost(url);
  const divert = host ? divertFor(settings, pins, origins, tabId, host) : undefined;
  if (!divert) {
    const why = settings.paused ? 'paused' : 'this tab is not diverted';
    return { text: '', title: `Divert Switch: ${why}`, on: false };
  }
  const scope = divert.pinned ? ' (this tab only)' : '';
  return {
    text: abbreviate(divert.namespace),
    title: `Divert Switch: requests to *.${divert.domain} carry okteto-divert=${divert.namespace}${scope}`,
    color: COLORS.unknown,
    on: true,
  };
}

/** Refreshes every tab whose URL we may read (tabs on hosts we have access to). */
export async function refreshAllTabs(settings: Settings, pins: TabPins, origins: string[]): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs
      .filter((t) => t.id !== undefined)
      .map((t) => setActionLook(t.id as number, lookFor(settings, pins, origins, t.id as number, t.url))),
  );
}
