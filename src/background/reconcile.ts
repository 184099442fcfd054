import { grantsDomain } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { readPins } from '../platform/store';

/** Makes the installed rules equal what the settings (and tab pins) ask for, touching only the difference. */
export async function reconcile(settings: Settings, pins?: TabPins): Promise<void> {
  const origins = await grantedOrigins();
  const permitted = (domain: string) => grantsDomain(origins, domain);
  const [dynamic, session, tabPins] = await Promise.all([dnr.dynamic.get(), dnr.session.get(), pins ?? readPins()]);
  await dnr.dynamic.update(diffRules(compileRules(settings, permitted), dynamic, RULE_IDS.dynamic));
  await dnr.session.update(diffRules(compileSessionRules(settings, tabPins, permitted), session, RULE_IDS.session));
}
