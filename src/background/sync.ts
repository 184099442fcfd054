import type { Reply } from '../core/messages';
import type { Settings } from '../core/settings';
import { ITEMS, type SyncState } from '../core/storage-items';
import { incoming, outgoing, quotaProblem, type SyncItems } from '../core/sync';
import { said, words } from '../platform/i18n';
import { read, syncArea, write } from '../platform/store';
import { chosenHere } from './chosen-here';
import type { Committer } from './commit';
import type { ContextCache } from './context';
import type { Queue } from './queue';
import { setAside } from './settings';

const mapValues = <A, B>(o: Record<string, A>, f: (a: A) => B) =>
  Object.fromEntries(Object.entries(o).map(([k, a]) => [k, f(a)]));

/** Browser sync of the user's own entries. */
export function createSync({
  commit,
  enqueue,
  storedSettings,
}: Pick<Committer, 'commit'> & Pick<ContextCache, 'storedSettings'> & Pick<Queue, 'enqueue'>) {
  /** Writes what changed here to storage.sync, after checking it fits. */
  async function push(settings: Settings, state: SyncState): Promise<SyncState> {
    const out = outgoing(settings, state.shadow, Date.now());
    if (Object.keys(out.set).length === 0) return state;
    const problem = quotaProblem({ ...(await syncArea.getAll()), ...out.set });
    if (problem) return { ...state, error: said(problem) };
    try {
      await syncArea.set(out.set);
    } catch (e) {
      return { ...state, error: words('syncAreaRefused', (e as Error).message) };
    }
    return { ...state, shadow: out.shadow, lastSync: Date.now(), error: undefined };
  }

  /** Applies what other browsers wrote (only valid entries newer than ours), through commit. */
  async function pull(remote: SyncItems, state: SyncState, first = false): Promise<SyncState> {
    const merged = await commit(async (settings) => {
      // Before the first pull, what this browser has is kept aside: whatever sync brings, it can come back.
      if (first) await setAside(settings, words('keptBeforeSync'));
      // ...and what it chose itself is said before sync can bring names chosen elsewhere (share links).
      if (first) await write(ITEMS.chosenHere, await chosenHere(settings));
      const m = incoming(settings, state.shadow, remote, { first });
      return { settings: m.changed ? m.settings : undefined, reply: m };
    });
    // What this batch brings replaces what was said of the same keys before.
    const refused = Object.fromEntries(Object.entries(state.refused ?? {}).filter(([key]) => !(key in remote)));
    return { ...state, shadow: merged.shadow, lastSync: Date.now(), refused: { ...refused, ...mapValues(merged.refused, said) } };
  }

  /**
   * Turning sync on takes what only the other browsers have, keeps everything this one has (its
   * entries win, and go out), then sends what only this one has. Off forgets what was synced, so
   * turning it on again is a first time again: nothing local is lost either way.
   */
  async function setSync(enabled: boolean): Promise<Reply> {
    if (!enabled) {
      await enqueue(() => write(ITEMS.syncState, { enabled: false, shadow: {} }));
      return { ok: true };
    }
    const pulled = await pull(await syncArea.getAll(), { enabled: true, shadow: {} }, true);
    const state = await enqueue(async () => {
      const pushed = await push(await storedSettings(), pulled);
      await write(ITEMS.syncState, pushed);
      return pushed;
    });
    return state.error ? { ok: false, error: state.error } : { ok: true };
  }

  /** After a local settings change. */
  const pushIfEnabled = () =>
    enqueue(async () => {
      const state = await read(ITEMS.syncState);
      if (state.enabled) await write(ITEMS.syncState, await push(await storedSettings(), state));
    });

  /** After storage.sync changed (another browser, or our own push coming back: then nothing is newer). */
  async function pullIfEnabled(changes: Record<string, { newValue?: unknown }>): Promise<void> {
    const state = await read(ITEMS.syncState);
    if (!state.enabled) return;
    const remote: SyncItems = {};
    for (const [key, change] of Object.entries(changes)) {
      if (change.newValue !== undefined) remote[key] = change.newValue as SyncItems[string];
    }
    const next = await pull(remote, state);
    await enqueue(async () => {
      // Sync may have been turned off meanwhile: then nothing is recorded.
      if ((await read(ITEMS.syncState)).enabled) await write(ITEMS.syncState, next);
    });
  }
  return { setSync, pushIfEnabled, pullIfEnabled };
}
export type Sync = ReturnType<typeof createSync>;
