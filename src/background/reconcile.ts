import { grantsDomain } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { readPins } from '../platform/store';
import { refreshAllTabs } from './toolbar';

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
  await refreshAllTabs(settings, tabPins, origins);
}
