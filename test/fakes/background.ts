import { IDBFactory } from 'fake-indexeddb';
import type { Settings } from '../../src/core/settings';
import { createFakeBrowser } from './browser';

/**
 * The background, booted fresh over a fake browser, for its unit tests. Each test file mocks
 * webextension-polyfill with `fakeApi` (vi.mock is hoisted per file):
 *
 *   vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));
 *
 * The fake of the moment lives on globalThis, where the platform's `browser` finds it: boot()
 * swaps in a fresh one and starts a background on it (the modules load once per test file).
 */
type Fake = ReturnType<typeof createFakeBrowser>;
const holder = globalThis as unknown as { divertFake?: Fake; browser?: unknown };

export const env = {
  get current(): Fake {
    return holder.divertFake as Fake;
  },
};

/** The native API object the platform reads, and the polyfill the background's listener uses. */
export const fakeApi = new Proxy({}, { get: (_t, key) => (holder.divertFake?.fake as Record<string | symbol, unknown>)?.[key] });
holder.browser = fakeApi;

const page = { id: 'fake-id', url: 'chrome-extension://fake-id/src/popup/index.html' };

type Started = ReturnType<typeof import('../../src/background/index').startBackground>;
/** The background of the last boot: drained and stopped before the next one, so none of its work lands in the next fake. */
let running: Started | undefined;

/** One turn of the event loop: every promise chain the fake's microtask events started has run. */
const nextTurn = () => new Promise((r) => setImmediate(r));

/**
 * A fresh background over a fresh profile; `wake`: the same profile's storage and secret store,
 * as after a browser start or an update (the background's module state starts from nothing);
 * `woken`: the first event comes as the worker starts, before its own checks (wake.ts) have run.
 */
export async function boot({
  wake = false,
  woken = false,
  firefox = false,
  android = false,
}: {
  wake?: boolean;
  woken?: boolean;
  firefox?: boolean;
  android?: boolean;
} = {}) {
  // The last test's background finishes what it had scheduled on its own fake, then keeps no timer.
  await running?.idle();
  running?.stop();
  const before = holder.divertFake;
  holder.divertFake = createFakeBrowser(undefined, { firefox, android });
  if (wake && before) {
    for (const area of ['local', 'session', 'sync'] as const) {
      await holder.divertFake.fake.storage[area].set(structuredClone(before.fake.storage[area].dump()));
    }
  } else {
    // A fresh profile: its secret store (the extension origin's IndexedDB) is empty too.
    (globalThis as { indexedDB?: IDBFactory }).indexedDB = new IDBFactory();
  }
  // The list the setup file parsed (the worker would fetch it), then a background made anew over
  // the fresh fake: everything it keeps lives in its parts, so no module needs loading again.
  const [{ usePublicSuffixList }, { default: psl }, { startBackground }] = await Promise.all([
    import('../../src/core/public-suffix'),
    import('@gorhill/publicsuffixlist'),
    import('../../src/background/index'),
  ]);
  usePublicSuffixList(psl);
  const background = startBackground();
  running = background;
  // As a worker some time after its start: its own checks done (rules, legacy moves: wake.ts) before events come.
  if (!woken) await background.idle();
  const [onMessage] = env.current.fake.runtime.onMessage.listeners;
  const send = (msg: unknown, sender = page) => (onMessage as (m: unknown, s: unknown) => Promise<unknown>)(msg, sender);
  const settings = async () => (await env.current.fake.storage.local.get('settings')).settings as Settings;
  const { enqueue } = background;
  /**
   * Waits until what the last event started has run: work that reads first (policy, the shortcut's
   * tab, sync state) queues its commit a few ticks later, so the queue is drained a few times.
   */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      await enqueue(async () => undefined);
    }
  };
  /**
   * Toolbar buttons, page badges and request logs follow a moment after a change (debounced): what
   * waits for its moment runs now (background.idle), as often as what it ran started more.
   */
  const tabsSettled = async () => {
    for (let i = 0; i < 3; i++) {
      await settle();
      await background.idle();
    }
  };
  return { send, settings, settle, tabsSettled, onAlarm: background.onAlarm };
}

export type Background = Awaited<ReturnType<typeof boot>>;
