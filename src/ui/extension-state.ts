import type { OktetoState } from '../core/okteto';
import { instancesOf } from '../core/okteto-instances';
import type { TabPins } from '../core/rules';
import { DEFAULTS, SCHEMA_VERSION, type Settings } from '../core/settings';
import { ITEMS, type SharedTab } from '../core/storage-items';
import { grantedOrigins } from '../platform/permissions';
import { readAll } from '../platform/store';
import { preloaded } from './preload';

export interface ExtensionState {
  settings: Settings;
  /** The Okteto instances (a site's own: ownerOf in core/okteto-instances.ts). */
  oktetos: OktetoState[];
  pins: TabPins;
  /** Tabs opened from a share link. */
  shared: Record<string, SharedTab>;
  origins: string[];
  loaded: boolean;
}

export const WATCHED = {
  settings: ITEMS.settings,
  pins: ITEMS.pins,
  okteto: ITEMS.okteto,
  oktetos: ITEMS.oktetoInstances,
  shared: ITEMS.shared,
};

/**
 * The background validates what it writes, but a blob it has not read yet can be anything (one
 * written by a newer version, say, which it keeps aside at its next command): until then the pages
 * show the defaults rather than fail to render. A cheap look at the shape, not the full schema.
 */
export const readable = (x: unknown): x is Settings => {
  const s = x as Partial<Settings> | undefined;
  return (
    s?.schemaVersion === SCHEMA_VERSION &&
    Array.isArray(s.domains) &&
    Array.isArray(s.presets) &&
    Array.isArray(s.recent) &&
    Array.isArray(s.subscriptions)
  );
};

/** Settings, pins, share records, the Okteto list and the granted origins, in one read per area. */
export async function readExtensionState(): Promise<ExtensionState> {
  const [stored, origins] = await Promise.all([readAll(WATCHED), grantedOrigins()]);
  const settings = readable(stored.settings) ? stored.settings : DEFAULTS;
  const oktetos = instancesOf(stored.oktetos, stored.okteto);
  return { settings, pins: stored.pins, shared: stored.shared, oktetos, origins, loaded: true };
}

/** Read before a page's first render (popup/start-reads.ts), taken by useExtensionState. */
export const extensionStateRead = preloaded(readExtensionState);
