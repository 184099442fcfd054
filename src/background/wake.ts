import type { Committer } from './commit';
import { laterWork } from './later';
import type { OpenDiverted } from './open-diverted';
import type { TimeBoxes } from './time-box';

/** How long a wake's own checks wait for a first command to answer, at most. */
const WAKE_CHECKS_MS = 500;

/**
 * A wake's own checks: the rules against settings (a no-change reconcile writes nothing), no token
 * an older version kept left in storage (an update does not always announce itself: an unpacked
 * build loaded anew in Chromium fires no onInstalled), the time box's alarms, the link menu.
 * None of them is on the path of the command that woke the worker: in the queue before it, they
 * held its reply back (the bench's "first command after the worker was stopped"). They run once
 * that command has answered, or a moment after the start when no command comes. A command before
 * them loses nothing: its commit reconciles the whole of the rules with what it changed.
 */
export function createWakeChecks({
  moveLegacyToken,
  reconcileStored,
  scheduleTimeBox,
  syncMenus,
}: Pick<Committer, 'reconcileStored'> &
  Pick<TimeBoxes, 'scheduleTimeBox'> &
  Pick<OpenDiverted, 'syncMenus'> & { moveLegacyToken: () => Promise<void> }) {
  const work = laterWork<'wake'>();
  const checks = () => Promise.allSettled([reconcileStored(), moveLegacyToken(), scheduleTimeBox(), syncMenus()]);

  /** At the start of a wake: the checks wait for a first command's reply, or their moment. */
  const scheduleWakeChecks = (): void => work.later('wake', WAKE_CHECKS_MS, checks);

  /** A command answered: the checks still waiting run now, after its reply. */
  function answered(): void {
    if (work.isWaiting('wake')) work.later('wake', 0, checks);
  }

  /** Runs waiting checks now (unit tests wait on it, as on a woken worker's start). */
  const runPendingWakeChecks = (): Promise<void> => work.runPending();
  return { scheduleWakeChecks, answered, runPendingWakeChecks };
}
