import type { TabPins } from '../core/rules';
import { type TabServed, verdict } from '../core/served';
import type { Settings } from '../core/settings';
import { abbreviate, divertFor, webHost } from '../core/tab-state';
import type { ActionLook } from '../platform/action';

/** Badge colours: served = requested, another namespace answered, nothing known yet. */
export const COLORS = { match: '#0d6e5c', mismatch: '#b3261e', unknown: '#4b5563' } as const;

/** The toolbar button for a tab: the namespace its requests carry, or nothing. */
export function lookFor(
  settings: Settings,
  pins: TabPins,
  origins: string[],
  tabId: number,
  url?: string,
  served?: TabServed,
  warning?: string,
): ActionLook {
  const host = webHost(url);
  const divert = host ? divertFor(settings, pins, origins, tabId, host) : undefined;
  if (!divert) {
    const why = settings.paused ? 'paused' : 'this tab is not diverted';
    return { text: '', title: `Divert Switch: ${why}`, on: false };
  }
  const scope = divert.pinned ? ' (this tab only)' : '';
  const known = served?.requested === divert.namespace ? served : undefined;
  const v = known ? verdict(known) : 'unknown';
  const answer =
    v === 'match'
      ? `\nServed by ${known?.served}.`
      : v === 'mismatch'
        ? `\nServed by ${known?.served}, not ${divert.namespace}.`
        : '';
  return {
    text: abbreviate(divert.namespace),
    title: `Divert Switch: requests to *.${divert.domain} carry okteto-divert=${divert.namespace}${scope}${answer}${warning ? `\n⚠ ${warning}.` : ''}`,
    color: COLORS[v],
    on: true,
  };
}
