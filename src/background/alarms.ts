import { SUBSCRIPTION_LIMITS } from '../core/subscription';
import { browser } from '../platform/browser';
import { OKTETO_ALARM, refreshOkteto } from './okteto';
import { refreshAll } from './subscriptions';
import { endTimeBox, onTimeBoxTick, TIME_BOX_ALARM, TIME_BOX_TICK } from './time-box';

const REFRESH_ALARM = 'refresh-subscriptions';

/** Every alarm the background sets, by name, and what it does when it fires. */
const ALARMS: Record<string, () => unknown> = {
  [REFRESH_ALARM]: refreshAll,
  [OKTETO_ALARM]: () => refreshOkteto(),
  [TIME_BOX_ALARM]: endTimeBox,
  [TIME_BOX_TICK]: onTimeBoxTick,
};

/** An alarm fired (or the e2e hook fired it): its row runs; an alarm of no row does nothing. */
export async function onAlarm(alarm: { name: string }): Promise<void> {
  await ALARMS[alarm.name]?.();
}

/** Team subscriptions are fetched again every hour. */
export const scheduleSubscriptionRefresh = () =>
  browser.alarms.create(REFRESH_ALARM, { periodInMinutes: SUBSCRIPTION_LIMITS.periodMinutes });
