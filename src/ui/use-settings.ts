import { useEffect, useState } from 'preact/hooks';
import { STATE_ITEMS } from '../core/extension-state';
import { DEFAULTS } from '../core/settings';
import { browser } from '../platform/browser';
import { watch } from '../platform/store';
import { type ExtensionState, extensionStateRead, readExtensionState } from './extension-state';

export type { ExtensionState } from './extension-state';

/** Storage is the source of truth: the UI re-reads it whenever the background writes. */
export function useExtensionState(): ExtensionState {
  const [first] = useState(extensionStateRead.take);
  const [state, setState] = useState<ExtensionState>(() =>
    'value' in first
      ? first.value
      : { settings: DEFAULTS, stored: DEFAULTS, pins: {}, shared: {}, workers: {}, oktetos: [], origins: [], loaded: false },
  );
  useEffect(() => {
    let live = true;
    const refresh = () => void readExtensionState().then((s) => live && setState(s));
    if ('later' in first) void first.later.then((s) => live && setState(s));
    // Only the state items: served-by state is written on every page load, and a re-render while
    // someone types would put a controlled field back to its stored value.
    const off = watch(Object.values(STATE_ITEMS), refresh);
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
