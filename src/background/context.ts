import { type ExtensionState, INSTANCE_ITEMS, instancesIn, STATE_ITEMS, stateFrom } from '../core/extension-state';
import type { TabPins } from '../core/rules';
import type { Settings } from '../core/settings';
import { migrate } from '../core/settings-schema';
import { divertFor, type TabDivert } from '../core/tab-state';
import { inForce } from '../core/time-box';
import { grantedOrigins } from '../platform/permissions';
import { readAll } from '../platform/store';

/** The background's view of the state (core/extension-state.ts), its settings validated by the full schema. */
export type Context = ExtensionState;

/** The background reads settings with the full schema: what it decides from them must be sound. */
const validSettings = (stored: unknown): Settings | undefined => migrate(stored).value;

/**
 * The Okteto instances as stored now, not the context's cached view: the list is read, changed and
 * written in one turn (okteto.ts), and a reconcile right after a connect sees the new one.
 */
export const readInstances = async () => instancesIn(await readAll(INSTANCE_ITEMS));

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
    cached ??= Promise.all([readAll(STATE_ITEMS), grantedOrigins()]).then(([stored, origins]) =>
      stateFrom(stored, origins, Date.now(), validSettings),
    );
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
