import { grantsDomain } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { syncBadgeScript } from '../platform/content-scripts';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { readPins } from '../platform/store';
import { BADGE_SCRIPT } from './badge-file';
import { scheduleRefreshTabs } from './served';

/** Where the page badge runs: diverted domains only, and nowhere when it is off or paused. */
export function badgeMatches(settings: Settings, permitted: (domain: string) => boolean): string[] {
  if (settings.paused || !settings.showPageBadge) return [];
  return settings.domains.filter((d) => d.enabled && permitted(d.domain)).map((d) => `*://*.${d.domain}/*`);
}

/**
 * Makes the browser match the settings (and tab pins): the installed rules, touching only the
 * difference, then the toolbar button of every tab.
 */
export async function reconcile(settings: Settings, pins?: TabPins): Promise<void> {
  const origins = await grantedOrigins();
  const permitted = (domain: string) => grantsDomain(origins, domain);
  const [dynamic, session, tabPins] = await Promise.all([dnr.dynamic.get(), dnr.session.get(), pins ?? readPins()]);
  await dnr.dynamic.update(diffRules(compileRules(settings, permitted), dynamic, RULE_IDS.dynamic));
  await dnr.session.update(diffRules(compileSessionRules(settings, tabPins, permitted), session, RULE_IDS.session));
  await syncBadgeScript(BADGE_SCRIPT, badgeMatches(settings, permitted));
  scheduleRefreshTabs({ settings, pins: tabPins, origins });
}
