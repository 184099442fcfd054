import { SUBSCRIPTION_LIMITS } from '../core/subscription';
import { browser } from '../platform/browser';
import { OKTETO_ALARM, type Okteto } from './okteto';
import type { Subscriptions } from './subscriptions';
import { TIME_BOX_ALARM, TIME_BOX_TICK, type TimeBoxes } from './time-box';

const REFRESH_ALARM = 'refresh-subscriptions';

/** Team subscriptions are fetched again every hour. */
export const scheduleSubscriptionRefresh = () =>
  browser.alarms.create(REFRESH_ALARM, { periodInMinutes: SUBSCRIPTION_LIMITS.periodMinutes });

/** Every alarm the background sets, by name, and what it does when it fires. */
export function createAlarms({
  endTimeBox,
  onTimeBoxTick,
  refreshAll,
  refreshOkteto,
}: Pick<Okteto, 'refreshOkteto'> & Pick<Subscriptions, 'refreshAll'> & Pick<TimeBoxes, 'endTimeBox' | 'onTimeBoxTick'>) {
  /** Every alarm the background sets, by name, and what it does when it fires. */
  const ALARMS: Record<string, () => unknown> = {
    [REFRESH_ALARM]: refreshAll,
    [OKTETO_ALARM]: () => refreshOkteto(),
    [TIME_BOX_ALARM]: endTimeBox,
    [TIME_BOX_TICK]: onTimeBoxTick,
  };

  /** An alarm fired (or the e2e hook fired it): its row runs; an alarm of no row does nothing. */
  async function onAlarm(alarm: { name: string }): Promise<void> {
    await ALARMS[alarm.name]?.();
  }
  return { onAlarm };
}
