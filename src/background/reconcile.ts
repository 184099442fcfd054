import { callingPageHosts, fetchHosts } from '../core/callers';
import { grantsDomain, initiatorPattern } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins, typesFor } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { keepBaggageScripts, syncContentScripts } from '../platform/content-scripts';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { canMergeHeaders } from '../platform/requests';
import { read } from '../platform/store';
import { KEEP_BAGGAGE_SCRIPTS } from './badge-file';
import { dropHeld } from './merge';

/**
 * Chrome with "Keep the page's own baggage" on: every page whose fetch/XHR can be diverted, the
 * diverted domains (granted, on) and the calling pages the user granted, however broad the grant
 * ("On all sites" names no domain). Never a host the extension only fetches from. Firefox merges
 * in its blocking listener and needs no page script.
 */
async function keepBaggageMatches(settings: Settings, origins: string[]): Promise<string[]> {
  if (settings.paused || !settings.keepPageBaggage || canMergeHeaders()) return [];
  const oktetoUrl = (await read(ITEMS.okteto))?.url;
  const diverted = settings.domains.filter((d) => d.enabled && grantsDomain(origins, d.domain)).map((d) => `*://*.${d.domain}/*`);
  const callers = callingPageHosts(origins, fetchHosts(settings, oktetoUrl)).map(initiatorPattern);
  return [...new Set([...diverted, ...callers])].sort();
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
  // A time-boxed divert lives in session rules, which end with the browser: a box that ended
  // while it was closed sends nothing at the next start, not even before this worker runs.
  const boxed = settings.divertUntil !== undefined;
  const domainRules = compileRules(settings, permitted, types);
  await dnr.dynamic.update(diffRules(boxed ? [] : domainRules, dynamic, RULE_IDS.dynamic));
  const sessionUpdate = diffRules(
    [...(boxed ? domainRules : []), ...compileSessionRules(settings, pins, permitted, types)],
    session,
    RULE_IDS.session,
  );
  // Held keep-baggage rules (merge.ts) never outlive a change, a pause or a wake.
  dropHeld();
  const held = session.filter((r) => r.id >= RULE_IDS.merged.first && r.id <= RULE_IDS.merged.last).map((r) => r.id);
  await dnr.session.update({ ...sessionUpdate, removeRuleIds: [...sessionUpdate.removeRuleIds, ...held] });
  // The page badge is not among them: it is injected once a diverted page has loaded (observers.ts).
  await syncContentScripts(keepBaggageScripts(KEEP_BAGGAGE_SCRIPTS, await keepBaggageMatches(settings, origins)));
  return origins;
}
