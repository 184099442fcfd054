import { callingPageHosts, fetchHosts } from '../core/callers';
import { grantsDomain, initiatorPattern } from '../core/permissions';
import { compileRules, compileSessionRules, RULE_IDS, type TabPins, typesFor } from '../core/rules';
import { diffRules } from '../core/rules-diff';
import type { Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { webHost } from '../core/url';
import { type WorkerView, workerPins, workerPlan } from '../core/workers';
import { keepPageBaggageScripts, syncContentScripts } from '../platform/content-scripts';
import { dnr } from '../platform/dnr';
import { grantedOrigins } from '../platform/permissions';
import { canMergeHeaders } from '../platform/requests';
import { read, write } from '../platform/store';
import { allTabs } from '../platform/tabs';
import { KEEP_PAGE_BAGGAGE_SCRIPTS } from './badge-file';
import { type ContextCache, readInstances } from './context';
import type { HeldRules } from './keep-page-baggage-rules';
import { laterWork } from './later';
import type { Queue } from './queue';
import { loadSettings } from './settings';

/**
 * Chrome with "Keep the page's own baggage" on: every page whose fetch/XHR can be diverted, the
 * diverted domains (granted, on) and the calling pages the user granted, however broad the grant
 * ("On all sites" names no domain). Never a host the extension only fetches from. Firefox merges
 * in its blocking listener and needs no page script.
 */
async function keepPageBaggageMatches(settings: Settings, origins: string[]): Promise<string[]> {
  if (settings.paused || !settings.keepPageBaggage || canMergeHeaders()) return [];
  const oktetoUrls = (await readInstances()).map((i) => i.url);
  const diverted = settings.domains.filter((d) => d.enabled && grantsDomain(origins, d.domain)).map((d) => `*://*.${d.domain}/*`);
  const callers = callingPageHosts(origins, fetchHosts(settings, oktetoUrls)).map(initiatorPattern);
  return [...new Set([...diverted, ...callers])].sort();
}

/** The browser's rules, content scripts and workers' plan made to match the settings. */
export function createReconciler({
  context,
  dropHeld,
  enqueue,
}: Pick<ContextCache, 'context'> & Pick<HeldRules, 'dropHeld'> & Pick<Queue, 'enqueue'>) {
  /**
   * Tab → the host of the document it is loading, from its main-frame request: earlier than the
   * tab's URL (a tab opened by "Open diverted to" is still blank when its link's request leaves).
   */
  const navigating = new Map<number, string>();

  /**
   * A tab's main-frame request left, or its URL changed: its host counts from now on for what its
   * site's workers carry. A page of no web host (the new-tab page, file:, about:) counts as none.
   */
  function noteNavigation(tabId: number, url: string): void {
    const host = webHost(url);
    if (!host) {
      forgetNavigation(tabId);
      return;
    }
    if (navigating.get(tabId) === host) return;
    navigating.set(tabId, host);
    scheduleWorkerSync();
  }

  /**
   * A tab's main-frame request ended, or never left (a link the browser refused to load): from now
   * on its own URL says what it shows (a 204 or a download commits nothing, and leaves the old page).
   */
  function forgetNavigation(tabId: number): void {
    if (navigating.delete(tabId)) scheduleWorkerSync();
  }

  /** The host each open tab shows, or is loading. */
  async function tabHosts(): Promise<Record<number, string>> {
    const out: Record<number, string> = {};
    for (const tab of await allTabs()) {
      const host = (tab.id !== undefined && navigating.get(tab.id)) || webHost(tab.url);
      if (tab.id !== undefined && host) out[tab.id] = host;
    }
    return out;
  }

  /**
   * What each pinned page host's workers carry now, from the hosts the open tabs show; recorded for
   * the popup and Firefox's merge when it changed. No pins: nothing to ask the tabs.
   */
  async function workersNow(settings: Settings, pins: TabPins, origins: string[]): Promise<Record<string, WorkerView>> {
    const plan = workerPlan(settings, pins, origins, Object.keys(pins).length > 0 ? await tabHosts() : {});
    if (JSON.stringify(plan) !== JSON.stringify(await read(ITEMS.workers))) await write(ITEMS.workers, plan);
    return plan;
  }

  /**
   * Makes the browser match the settings and tab pins: the installed rules and the page badge's
   * registration, touching only the difference. Tabs follow from storage.onChanged. Returns the
   * host access it found, which commit goes on to use.
   */
  async function reconcile(settings: Settings, pins: TabPins): Promise<string[]> {
    const origins = await grantedOrigins();
    const permitted = (domain: string) => grantsDomain(origins, domain);
    const types = typesFor(canMergeHeaders());
    const [dynamic, session] = await Promise.all([dnr.dynamic.get(), dnr.session.get()]);
    // A time-boxed divert lives in session rules, which end with the browser: a box that ended
    // while it was closed sends nothing at the next start, not even before this worker runs.
    const boxed = settings.divertUntil !== undefined;
    const domainRules = compileRules(settings, permitted, types);
    await dnr.dynamic.update(diffRules(boxed ? [] : domainRules, dynamic, RULE_IDS.dynamic));
    const plan = await workersNow(settings, pins, origins);
    const sessionUpdate = diffRules(
      [
        ...(boxed ? domainRules : []),
        ...compileSessionRules(settings, pins, permitted, types, workerPins(settings, origins, plan)),
      ],
      session,
      RULE_IDS.session,
    );
    // Held keep-page-baggage rules (keep-page-baggage-rules.ts) never outlive a change, a pause or a wake.
    dropHeld();
    const held = session.filter((r) => r.id >= RULE_IDS.merged.first && r.id <= RULE_IDS.merged.last).map((r) => r.id);
    await dnr.session.update({ ...sessionUpdate, removeRuleIds: [...sessionUpdate.removeRuleIds, ...held] });
    // The page badge is not among them: it is injected once a diverted page has loaded (surfaces.ts ensureBadge).
    await syncContentScripts(keepPageBaggageScripts(KEEP_PAGE_BAGGAGE_SCRIPTS, await keepPageBaggageMatches(settings, origins)));
    return origins;
  }

  const workerSyncs = laterWork<'workers'>();

  /**
   * A tab showed another host or closed: when tabs are pinned, what their hosts' workers can carry
   * may have changed (a second tab on a pinned host). At once, but once for a burst, the rules
   * follow, only when the plan changed.
   */
  function scheduleWorkerSync(closed?: number): void {
    if (closed !== undefined) navigating.delete(closed);
    workerSyncs.later('workers', 10, () =>
      context().then((ctx) => {
        // Nothing pinned, nothing planned: a navigation costs no more than this look.
        if (Object.keys(ctx.pins).length === 0 && Object.keys(ctx.workers).length === 0) return;
        return enqueue(async () => {
          const [settings, pins, before] = await Promise.all([loadSettings(), read(ITEMS.pins), read(ITEMS.workers)]);
          const origins = await grantedOrigins();
          if (JSON.stringify(workerPlan(settings, pins, origins, await tabHosts())) === JSON.stringify(before)) return;
          await reconcile(settings, pins);
        });
      }),
    );
  }
  /** Runs a waiting workers' check now (unit tests wait on it). */
  const runPendingWorkerSync = (): Promise<void> => workerSyncs.runPending();
  return { noteNavigation, forgetNavigation, reconcile, scheduleWorkerSync, runPendingWorkerSync };
}
export type Reconciler = ReturnType<typeof createReconciler>;
