import { releasedOrigins } from '../core/permissions';
import type { TabPins } from '../core/rules';
import type { Settings } from '../core/settings';
import { ITEMS } from '../core/storage-items';
import { releaseOrigins } from '../platform/permissions';
import { read, write } from '../platform/store';
import type { ContextCache } from './context';
import type { Queue } from './queue';
import type { Reconciler } from './reconcile';
import { loadSettings } from './settings';

/** What a change wants: new settings and/or tab pins (absent: unchanged), and the reply to give. */
export interface Change<T> {
  settings?: Settings;
  pins?: TabPins;
  reply: T;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The one way a change takes effect. */
export function createCommit({
  committed,
  enqueue,
  reconcile,
}: Pick<ContextCache, 'committed'> & Pick<Queue, 'enqueue'> & Pick<Reconciler, 'reconcile'>) {
  /**
   * The one way a change takes effect. Inside the queue, on the current settings and pins: the
   * browser's rules first (when it refuses them, nothing is saved), then the write, then the
   * background's own view, before the reply goes out; then host access nothing needs any more is
   * given back. A change that changes nothing writes nothing.
   */
  function commit<T>(change: (settings: Settings, pins: TabPins) => Change<T> | Promise<Change<T>>): Promise<T> {
    return enqueue(async () => {
      const [settings, pins] = await Promise.all([loadSettings(), read(ITEMS.pins)]);
      const wanted = await change(settings, pins);
      const nextSettings = wanted.settings && !same(wanted.settings, settings) ? wanted.settings : undefined;
      const nextPins = wanted.pins && !same(wanted.pins, pins) ? wanted.pins : undefined;
      if (!nextSettings && !nextPins) return wanted.reply;
      const granted = await reconcile(nextSettings ?? settings, nextPins ?? pins);
      if (nextPins) await write(ITEMS.pins, nextPins);
      if (nextSettings) await write(ITEMS.settings, nextSettings);
      committed(nextSettings, nextPins);
      // Host access that nothing needs any more goes back (removed domains, dropped subscriptions).
      if (nextSettings) await releaseOrigins(releasedOrigins(settings, nextSettings, granted));
      return wanted.reply;
    });
  }

  /** Rebuilds the browser's rules from what is stored (install, start, granted or revoked access). */
  const reconcileStored = (pins?: TabPins) =>
    enqueue(async () => {
      const settings = await loadSettings();
      if (pins) await write(ITEMS.pins, pins);
      await reconcile(settings, pins ?? (await read(ITEMS.pins)));
    });
  return { commit, reconcileStored };
}
export type Committer = ReturnType<typeof createCommit>;
