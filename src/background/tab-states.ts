import { EMPTY, reduceServed, type ServedEvent, type TabServed } from '../core/served';
import { tabServedItem } from '../core/storage-items';
import { read } from '../platform/store';
import { serial } from './serial';

/** Each tab's served-by state, in memory for this wake. */
export function createTabStates() {
  /**
   * What the background knows about each tab's page (core/served.ts reduces events into it), kept
   * in memory and mirrored to storage.session by the surfaces. Events for one tab are applied in
   * the order they arrived; a listener hears of every change.
   */
  const states = new Map<number, TabServed>();

  /** A page-load count per tab: an answer that arrives for an older load is not about this page. */
  const loads = new Map<number, number>();

  const tabs = serial<number>();

  let listener: (tabId: number) => void = () => undefined;

  /** The one listener told after a tab's state changed (the surfaces: toolbar and page badge). */
  function onTabChange(callback: (tabId: number) => void): void {
    listener = callback;
  }

  async function stateOf(tabId: number): Promise<TabServed> {
    if (!states.has(tabId)) {
      const stored = (await read(tabServedItem(tabId))) ?? EMPTY;
      if (!states.has(tabId)) states.set(tabId, stored);
    }
    return states.get(tabId) as TabServed;
  }

  const loadOf = (tabId: number): number => loads.get(tabId) ?? 0;

  /**
   * One tab's jobs, run one after another in the order they were given: each awaits the context,
   * and a navigation must not land after the response it preceded.
   */
  const inOrder = (tabId: number, job: () => Promise<void>): Promise<void> => tabs(tabId, job);

  /** Applies one event (call inside inOrder); a navigation starts a new page load. */
  async function record(tabId: number, event: ServedEvent): Promise<void> {
    await stateOf(tabId);
    // Read and write with no await between: events arrive concurrently, and none may be lost.
    const before = states.get(tabId) ?? EMPTY;
    const after = reduceServed(before, event);
    if (event.type === 'navigate') loads.set(tabId, loadOf(tabId) + 1);
    if (after === before) return;
    states.set(tabId, after);
    listener(tabId);
  }

  /**
   * The one writer of what a tab asks for (call inside inOrder): the host it shows and the namespace
   * the rules give its requests there (none: not diverted). A new page always starts from nothing;
   * after a change of settings (`newPage` false) the tab starts over only when either differs, so
   * what was served stays known while the request is the same.
   */
  async function aimTab(tabId: number, host: string | undefined, requested: string | undefined, newPage: boolean) {
    const old = await stateOf(tabId);
    if (!newPage && old.host === host && old.requested === requested) return;
    await record(tabId, { type: 'navigate', host: requested ? host : undefined, requested });
  }

  function forgetTab(tabId: number): void {
    states.delete(tabId);
    loads.delete(tabId);
  }
  return { onTabChange, stateOf, loadOf, inOrder, record, aimTab, forgetTab };
}
export type TabStates = ReturnType<typeof createTabStates>;
