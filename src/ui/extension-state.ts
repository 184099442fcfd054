import { STATE_ITEMS, type ExtensionState as State, settingsShape, stateFrom } from '../core/extension-state';
import { grantedOrigins } from '../platform/permissions';
import { readAll } from '../platform/store';
import { preloaded } from './preload';

/** The extension's state as a page shows it (core/extension-state.ts), and whether it has been read yet. */
export interface ExtensionState extends State {
  loaded: boolean;
}

/** The state items, the granted origins and the clock, in one read per area. */
export async function readExtensionState(): Promise<ExtensionState> {
  const [stored, origins] = await Promise.all([readAll(STATE_ITEMS), grantedOrigins()]);
  return { ...stateFrom(stored, origins, Date.now(), settingsShape), loaded: true };
}

/** Read before a page's first render (popup/start-reads.ts), taken by useExtensionState. */
export const extensionStateRead = preloaded(readExtensionState);
