import { useEffect, useState } from 'preact/hooks';
import type { OktetoState } from '../core/okteto';
import type { TabPins } from '../core/rules';
import { DEFAULTS, SCHEMA_VERSION, type Settings } from '../core/settings';
import { ITEMS, type SharedTab } from '../core/storage-items';
import { browser } from '../platform/browser';
import { grantedOrigins } from '../platform/permissions';
import { readAll, watch } from '../platform/store';
import { preloaded } from './preload';

export interface ExtensionState {
  settings: Settings;
  okteto?: OktetoState;
  pins: TabPins;
  /** Tabs opened from a share link. */
  shared: Record<string, SharedTab>;
  origins: string[];
  loaded: boolean;
}

const WATCHED = { settings: ITEMS.settings, pins: ITEMS.pins, okteto: ITEMS.okteto, shared: ITEMS.shared };

/**
 * The background validates what it writes, but a blob it has not read yet can be anything (one
 * written by a newer version, say, which it keeps aside at its next command): until then the pages
 * show the defaults rather than fail to render. A cheap look at the shape, not the full schema.
 */
const readable = (x: unknown): x is Settings => {
  const s = x as Partial<Settings> | undefined;
  return (
    s?.schemaVersion === SCHEMA_VERSION &&
    Array.isArray(s.domains) &&
    Array.isArray(s.presets) &&
    Array.isArray(s.recent) &&
    Array.isArray(s.subscriptions)
  );
};

async function read(): Promise<ExtensionState> {
  const [stored, origins] = await Promise.all([readAll(WATCHED), grantedOrigins()]);
  const settings = readable(stored.settings) ? stored.settings : DEFAULTS;
  return { settings, pins: stored.pins, shared: stored.shared, okteto: stored.okteto, origins, loaded: true };
}

const preload = preloaded(read);
/** Starts reading before the first render; resolves when the state is known. */
export const preloadExtensionState = (): Promise<unknown> => preload.start();

/** Storage is the source of truth: the UI re-reads it whenever the background writes. */
export function useExtensionState(): ExtensionState {
  const [first] = useState(preload.take);
  const [state, setState] = useState<ExtensionState>(() =>
    'value' in first ? first.value : { settings: DEFAULTS, pins: {}, shared: {}, origins: [], loaded: false },
  );
  useEffect(() => {
    let live = true;
    const refresh = () => void read().then((s) => live && setState(s));
    if ('later' in first) void first.later.then((s) => live && setState(s));
    // Only settings, pins, share records and the Okteto list: served-by state is written on every page load, and
    // a re-render while someone types would put a controlled field back to its stored value.
    const off = watch(Object.values(WATCHED), refresh);
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      live = false;
      off();
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);
  return state;
}
