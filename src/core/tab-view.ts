import type { OktetoState } from './okteto';
import type { TabPins } from './rules';
import { type TabServed, verdict } from './served';
import { type BadgeState, badgeView } from './served-messages';
import type { Settings } from './settings';
import { abbreviate, divertFor } from './tab-state';

/** Badge colours: served = requested, another namespace answered, nothing known yet. */
export const COLORS = { match: '#0d6e5c', mismatch: '#b3261e', unknown: '#4b5563' } as const;

/** A tab's toolbar button: badge text, title, colour, and whether the "on" icon shows. */
export interface ActionLook {
  text: string;
  title: string;
  color?: string;
  on: boolean;
}

export interface TabView {
  look: ActionLook;
  badge: BadgeState;
}

/**
 * Everything a tab shows, from what the background knows: the toolbar button and the page badge.
 * Pure, and the one place that asks divertFor for a tab's surfaces (once per publish).
 */
export function tabView(
  settings: Settings,
  pins: TabPins,
  origins: string[],
  okteto: OktetoState | undefined,
  tabId: number,
  served: TabServed,
): TabView {
  const badge = badgeView(served, settings.showPageBadge, okteto);
  const divert = served.host ? divertFor(settings, pins, origins, tabId, served.host) : undefined;
  if (!divert) {
    const why = settings.paused ? 'paused' : 'this tab is not diverted';
    return { badge, look: { text: '', title: `Divert Switch: ${why}`, on: false } };
  }
  const scope = divert.pinned ? ' (this tab only)' : '';
  const known = served.requested === divert.namespace ? served : undefined;
  const v = known ? verdict(known) : 'unknown';
  const answer =
    v === 'match'
      ? `\nServed by ${known?.served}.`
      : v === 'mismatch'
        ? `\nServed by ${known?.served}, not ${divert.namespace}.`
        : '';
  const warning = badge.warning ? `\n⚠ ${badge.warning}.` : '';
  return {
    badge,
    look: {
      text: abbreviate(divert.namespace),
      title: `Divert Switch: requests to *.${divert.domain} carry okteto-divert=${divert.namespace}${scope}${answer}${warning}`,
      color: COLORS[v],
      on: true,
    },
  };
}
