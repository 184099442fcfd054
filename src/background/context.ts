import type { OktetoState } from '../core/okteto';
import { instancesOf } from '../core/okteto-instances';
import type { TabPins } from '../core/rules';
import { DEFAULTS, type Settings } from '../core/settings';
import { migrate } from '../core/settings-schema';
import { ITEMS, type SharedTab } from '../core/storage-items';
import { divertFor, type TabDivert } from '../core/tab-state';
import { inForce } from '../core/time-box';
import type { WorkerView } from '../core/workers';
import { grantedOrigins } from '../platform/permissions';
import { readAll } from '../platform/store';

export interface Context {
  /** Settings as in force now: a time box that has ended reads as paused (core/time-box.ts). */
  settings: Settings;
  /** Settings as stored (what sync sends and commands change). */
  stored: Settings;
  /** The Okteto instances (each site's comes from core/okteto-instances.ts ownerOf). */
  oktetos: OktetoState[];
  pins: TabPins;
  /** What the workers of each pinned page host carry (core/workers.ts). */
  workers: Record<string, WorkerView>;
  /** Tabs a share link opened (tab id → namespace and link). */
  shared: Record<string, SharedTab>;
  origins: string[];
}

/** The storage keys the context is made of: only their changes (and permissions) throw it away. */
export const CONTEXT_ITEMS = [ITEMS.settings, ITEMS.okteto, ITEMS.oktetoInstances, ITEMS.pins, ITEMS.shared, ITEMS.workers];

/** divertAt in a context read earlier (what a tab's divert was before a change). */
export const divertIn = (c: Context, tabId: number, host: string, pin?: string): TabDivert | undefined =>
  divertFor(c.settings, pin === undefined ? c.pins : { [tabId]: pin }, c.origins, tabId, host);

/** The background's view of what storage holds, cached until it changes. */
export function createContext() {
  let cached: Promise<Context> | undefined;

  /**
   * Settings, pins, granted origins and the Okteto list for the request observers and surfaces,
   * read once and kept until one of them changes: webRequest events come by the hundred per page.
   * Read-only: only commit writes settings.
   */
  function context(): Promise<Context> {
    cached ??= Promise.all([
      readAll({
        settings: ITEMS.settings,
        okteto: ITEMS.okteto,
        oktetos: ITEMS.oktetoInstances,
        pins: ITEMS.pins,
        shared: ITEMS.shared,
        workers: ITEMS.workers,
      }),
      grantedOrigins(),
    ]).then(([stored, origins]) => {
      const settings = migrate(stored.settings).value ?? structuredClone(DEFAULTS);
      return {
        // A box that ended while the browser was closed pauses before endTimeBox has written it.
        settings: inForce(settings, Date.now()),
        stored: settings,
        pins: stored.pins,
        shared: stored.shared,
        workers: stored.workers,
        oktetos: instancesOf(stored.oktetos, stored.okteto),
        origins,
      };
    });
    return cached;
  }

  function invalidateContext(): void {
    cached = undefined;
  }

  /**
   * commit's new settings and pins are the context from the moment they are written, before the
   * reply: an observer that runs right after a command (a page reloaded at once) sees them, never
   * the state before (the probe of a page loaded right after its path was saved depended on that).
   */
  function committed(settings?: Settings, pins?: TabPins): void {
    const before = cached;
    if (!before) return;
    cached = before.then((c) => ({
      ...c,
      settings: settings ? inForce(settings, Date.now()) : c.settings,
      stored: settings ?? c.stored,
      pins: pins ?? c.pins,
    }));
  }

  /** Settings as stored, for a question that changes nothing (commit alone migrates and repairs). */
  const storedSettings = async (): Promise<Settings> => (await context()).stored;

  /**
   * "Is this tab diverted here?": the divert the rules apply to `tabId`'s requests to `host` now
   * (tab -1: a request of no tab), or, given `pin`, what they would apply with the tab pinned to it.
   */
  const divertAt = async (tabId: number, host: string, pin?: string): Promise<TabDivert | undefined> =>
    divertIn(await context(), tabId, host, pin);
  return { context, invalidateContext, committed, storedSettings, divertAt };
}
export type ContextCache = ReturnType<typeof createContext>;
