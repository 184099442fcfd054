import { browser } from '../platform/browser';
import type { Committer } from './commit';
import type { ContextCache } from './context';
import type { Surfaces } from './surfaces';

/** Fires when a time-boxed divert is up; the tick keeps the toolbar's "time left" current. */
export const TIME_BOX_ALARM = 'divert-until';

export const TIME_BOX_TICK = 'divert-until-tick';

/** The time box: divert pauses by itself when it ends. */
export function createTimeBox({
  commit,
  scheduleRefreshTabs,
  storedSettings,
}: Pick<Committer, 'commit'> & Pick<ContextCache, 'storedSettings'> & Pick<Surfaces, 'scheduleRefreshTabs'>) {
  /** The time box is up: divert pauses by itself (everything else stays as it was). */
  const endTimeBox = (): Promise<void> =>
    commit((settings) => {
      if (settings.divertUntil === undefined || settings.divertUntil > Date.now() + 1000) return { reply: undefined };
      const { divertUntil: _over, ...rest } = settings;
      return { settings: { ...rest, paused: true }, reply: undefined };
    });

  let scheduled: number | undefined;

  /**
   * Alarms follow the stored time box: set when one starts or is extended, cleared when it ends.
   * Called at every wake and after every settings change; a box that ended while the browser was
   * closed (Firefox keeps no alarms across a restart) ends now.
   */
  async function scheduleTimeBox(): Promise<void> {
    const until = (await storedSettings()).divertUntil;
    if (until === scheduled && until !== undefined) return;
    scheduled = until;
    if (until === undefined) {
      await Promise.all([browser.alarms.clear(TIME_BOX_ALARM), browser.alarms.clear(TIME_BOX_TICK)]);
      return;
    }
    if (until <= Date.now()) return endTimeBox();
    await browser.alarms.create(TIME_BOX_ALARM, { when: until });
    await browser.alarms.create(TIME_BOX_TICK, { periodInMinutes: 1 });
  }

  /** Every minute of a time box: toolbar titles say the time left. */
  const onTimeBoxTick = () => scheduleRefreshTabs();
  return { endTimeBox, scheduleTimeBox, onTimeBoxTick };
}
export type TimeBoxes = ReturnType<typeof createTimeBox>;
