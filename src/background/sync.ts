import type { Reply } from '../core/messages';
import type { Settings } from '../core/settings';
import { incoming, outgoing, quotaProblem, type SyncItems } from '../core/sync';
import { readSyncState, type SyncState, syncArea, writeSettings, writeSyncState } from '../platform/store';
import { reconcile } from './reconcile';
import { loadSettings } from './settings-store';

/** Writes what changed here to storage.sync, after checking it fits. Call inside the queue. */
async function push(settings: Settings, state: SyncState): Promise<SyncState> {
  const out = outgoing(settings, state.shadow, Date.now());
  if (Object.keys(out.set).length === 0) return state;
  const problem = quotaProblem({ ...(await syncArea.getAll()), ...out.set });
  if (problem) return { ...state, error: problem };
  try {
    await syncArea.set(out.set);
  } catch (e) {
    return { ...state, error: `Sync refused the change: ${(e as Error).message}. Nothing was removed here.` };
  }
  return { ...state, shadow: out.shadow, lastSync: Date.now(), error: undefined };
}

/** Applies what other browsers wrote (only entries newer than ours). Call inside the queue. */
async function pull(remote: SyncItems, state: SyncState): Promise<SyncState> {
  const settings = await loadSettings();
  const merged = incoming(settings, state.shadow, remote);
  if (merged.changed) {
    await reconcile(merged.settings);
    await writeSettings(merged.settings);
  }
  return { ...state, shadow: merged.shadow, lastSync: Date.now() };
}

/** Turning sync on takes what the other browsers have first, then sends what only this one has. */
export async function setSync(enabled: boolean): Promise<Reply> {
  if (!enabled) {
    await writeSyncState({ enabled: false, shadow: {} });
    return { ok: true };
  }
  let state: SyncState = { enabled: true, shadow: {} };
  state = await pull(await syncArea.getAll(), state);
  state = await push(await loadSettings(), state);
  await writeSyncState(state);
  return state.error ? { ok: false, error: state.error } : { ok: true };
}

/** After a local settings change. */
export async function pushIfEnabled(): Promise<void> {
  const state = await readSyncState();
  if (state.enabled) await writeSyncState(await push(await loadSettings(), state));
}

/** After storage.sync changed (another browser, or our own push coming back: then nothing is newer). */
export async function pullIfEnabled(changes: Record<string, { newValue?: unknown }>): Promise<void> {
  const state = await readSyncState();
  if (!state.enabled) return;
  const remote: SyncItems = {};
  for (const [key, change] of Object.entries(changes)) {
    if (change.newValue !== undefined) remote[key] = change.newValue as SyncItems[string];
  }
  await writeSyncState(await pull(remote, state));
}
