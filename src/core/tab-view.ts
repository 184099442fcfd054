import { BADGE_COLORS } from './badge-colors';
import { NEWS_MINUTES } from './deploy-news';
import type { OktetoState } from './okteto';
import { ownerOf } from './okteto-instances';
import { say } from './result';
import type { TabPins } from './rules';
import { servedName, type TabServed, verdict } from './served';
import { type BadgeState, badgeView } from './served-messages';
import type { Settings } from './settings';
import type { SharedTab } from './storage-items';
import { abbreviate, divertFor } from './tab-state';
import { timeLeft } from './time-box';
import type { Words } from './words';

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
  {
    settings,
    pins,
    origins,
    oktetos = [],
    shared = {},
  }: { settings: Settings; pins: TabPins; origins: string[]; oktetos?: OktetoState[]; shared?: Record<string, SharedTab> },
  tabId: number,
  served: TabServed,
  t: Words,
  now: number,
): TabView {
  const divert = served.host ? divertFor(settings, pins, origins, tabId, served.host) : undefined;
  // The facts of the instance that owns this site.
  const okteto = ownerOf(oktetos, served.host);
  // Opened from a share link, and still pinned to the namespace the link named.
  const link = shared[tabId];
  const fromLink = divert?.pinned && !link?.status && link?.namespace === divert.namespace;
  // A link asks for a namespace the user never chose: only the toolbar button (drawn by the
  // browser) and the popup can say so truthfully; the page badge merely points there.
  const asking = link?.status === 'asking' ? link.namespace : undefined;
  const note = fromLink ? t('fromShareLink') : asking ? t('shareAsksBadge') : undefined;
  const badge = { ...badgeView(served, settings.showPageBadge, okteto, t), ...(note ? { note } : {}) };
  // No divert now (paused, switched off, before the tab's state caught up): no badge to show.
  if (!divert)
    return {
      badge: { ...badge, show: false },
      look: { text: '', title: t(settings.paused ? 'titlePaused' : 'titleNotDiverted'), on: false },
    };
  const scope = divert.pinned ? t(fromLink ? 'titleFromShareLink' : 'titleThisTabOnly') : '';
  const box = settings.divertUntil !== undefined ? `\n${t('titleTimeLeft', say(t, timeLeft(settings.divertUntil, now)))}` : '';
  const known = served.requested === divert.namespace ? served : undefined;
  const v = known ? verdict(known) : 'unknown';
  const answer =
    v === 'match'
      ? `\n${t('titleServedBy', (known && servedName(known, t)) ?? '')}`
      : v === 'mismatch'
        ? `\n${t('titleServedByNot', (known && servedName(known, t)) ?? '', divert.namespace)}`
        : '';
  const warning = badge.warning ? `\n⚠ ${badge.warning}.` : '';
  // Follow my deploy: the last change seen in the namespace, for a while (without the notification permission too).
  const news = okteto?.news?.[divert.namespace];
  const fresh = news && now - news.at < NEWS_MINUTES * 60_000 ? `\n${news.line}.` : '';
  const title = `${t('titleDiverted', divert.domain, divert.namespace)}${scope}${answer}${warning}${fresh}${box}`;
  return {
    badge,
    look: asking
      ? { text: '?', title: `${t('titleShareAsks', asking)}\n${title}`, color: BADGE_COLORS.asking, on: true }
      : { text: abbreviate(divert.namespace), title, color: BADGE_COLORS[v], on: true },
  };
}
