import { browser } from '../platform/browser';
import { commit } from './commit';
import { storedSettings } from './context';
import { scheduleRefreshTabs } from './surfaces';

/** Fires when a time-boxed divert is up; the tick keeps the toolbar's "time left" current. */
export const TIME_BOX_ALARM = 'divert-until';
export const TIME_BOX_TICK = 'divert-until-tick';

/** The time box is up: divert pauses by itself (everything else stays as it was). */
export const endTimeBox = (): Promise<void> =>
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
export async function scheduleTimeBox(): Promise<void> {
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
export const onTimeBoxTick = () => scheduleRefreshTabs();
