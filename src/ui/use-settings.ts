import { useEffect, useState } from 'preact/hooks';
import type { OktetoState } from '../core/okteto';
import type { TabPins } from '../core/rules';
import { DEFAULTS, type Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { browser } from '../platform/browser';
import { grantedOrigins } from '../platform/permissions';
import { readAll, watch } from '../platform/store';

export interface ExtensionState {
  settings: Settings;
  okteto?: OktetoState;
  pins: TabPins;
  origins: string[];
  loaded: boolean;
}

const WATCHED = { settings: ITEMS.settings, pins: ITEMS.pins, okteto: ITEMS.okteto };

async function read(): Promise<ExtensionState> {
  const [stored, origins] = await Promise.all([readAll(WATCHED), grantedOrigins()]);
  // The background validated what it wrote; before its first write there is nothing yet.
  const settings = (stored.settings as Settings | undefined) ?? DEFAULTS;
  return { settings, pins: stored.pins, okteto: stored.okteto, origins, loaded: true };
}

let first: Promise<ExtensionState> | undefined;
/** What the preload read, once it has: the first render can show it at once. */
let known: ExtensionState | undefined;
/**
 * Starts reading before the first render: an effect runs only after the first paint, and the
 * popup is on the user's click path. Resolves when the state is known.
 */
export function preloadExtensionState(): Promise<unknown> {
  first ??= read().then((s) => {
    known = s;
    return s;
  });
  return first;
}

/** Storage is the source of truth: the UI re-reads it whenever the background writes. */
export function useExtensionState(): ExtensionState {
  const [state, setState] = useState<ExtensionState>(() => known ?? { settings: DEFAULTS, pins: {}, origins: [], loaded: false });
  useEffect(() => {
    let live = true;
    const refresh = () => void read().then((s) => live && setState(s));
    if (!known) void (first ?? read()).then((s) => live && setState(s));
    first = undefined;
    known = undefined;
    // Only settings, pins and the Okteto list: served-by state is written on every page load, and
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
