import { grantsDomain } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins, typesFor } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { keepBaggageScripts, syncContentScripts } from '../platform/content-scripts';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { canMergeHeaders } from '../platform/requests';
import { KEEP_BAGGAGE_SCRIPTS } from './badge-file';

/**
 * Chrome with "Keep the page's own baggage" on: every page whose fetch/XHR can be diverted (the
 * diverted domains and the calling pages the user granted), as the granted origins name them.
 * Firefox merges in its blocking listener and needs no page script.
 */
function keepBaggageMatches(settings: Settings, origins: string[]): string[] {
  if (settings.paused || !settings.keepPageBaggage || canMergeHeaders()) return [];
  return origins.filter((o) => /^(\*|https?):\/\//.test(o));
}

/**
 * Makes the browser match the settings and tab pins: the installed rules and the page badge's
 * registration, touching only the difference. Tabs follow from storage.onChanged. Returns the
 * host access it found, which commit goes on to use.
 */
export async function reconcile(settings: Settings, pins: TabPins): Promise<string[]> {
  const origins = await grantedOrigins();
  const permitted = (domain: string) => grantsDomain(origins, domain);
  const types = typesFor(canMergeHeaders());
  const [dynamic, session] = await Promise.all([dnr.dynamic.get(), dnr.session.get()]);
  await dnr.dynamic.update(diffRules(compileRules(settings, permitted, types), dynamic, RULE_IDS.dynamic));
  await dnr.session.update(diffRules(compileSessionRules(settings, pins, permitted, types), session, RULE_IDS.session));
  // The page badge is not among them: it is injected once a diverted page has loaded (observers.ts).
  await syncContentScripts(keepBaggageScripts(KEEP_BAGGAGE_SCRIPTS, keepBaggageMatches(settings, origins)));
  return origins;
}
