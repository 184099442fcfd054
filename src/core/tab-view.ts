import type { OktetoState } from './okteto';
import type { TabPins } from './rules';
import { type TabServed, verdict } from './served';
import { type BadgeState, badgeView } from './served-messages';
import type { Settings } from './settings';
import { abbreviate, divertFor } from './tab-state';
import type { Words } from './words';

/** Badge colours: served = requested, another namespace answered, nothing known yet. */
const COLORS = { match: '#0d6e5c', mismatch: '#b3261e', unknown: '#4b5563' } as const;

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
  { settings, pins, origins, okteto }: { settings: Settings; pins: TabPins; origins: string[]; okteto?: OktetoState },
  tabId: number,
  served: TabServed,
  t: Words,
): TabView {
  const badge = badgeView(served, settings.showPageBadge, okteto, t);
  const divert = served.host ? divertFor(settings, pins, origins, tabId, served.host) : undefined;
  if (!divert) return { badge, look: { text: '', title: t(settings.paused ? 'titlePaused' : 'titleNotDiverted'), on: false } };
  const scope = divert.pinned ? t('titleThisTabOnly') : '';
  const known = served.requested === divert.namespace ? served : undefined;
  const v = known ? verdict(known) : 'unknown';
  const answer =
    v === 'match'
      ? `\n${t('titleServedBy', known?.served ?? '')}`
      : v === 'mismatch'
        ? `\n${t('titleServedByNot', known?.served ?? '', divert.namespace)}`
        : '';
  const warning = badge.warning ? `\n⚠ ${badge.warning}.` : '';
  return {
    badge,
    look: {
      text: abbreviate(divert.namespace),
      title: `${t('titleDiverted', divert.domain, divert.namespace)}${scope}${answer}${warning}`,
      color: COLORS[v],
      on: true,
    },
  };
}
