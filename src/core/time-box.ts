import { type Problem, problem } from './result';

/**
 * Time-boxed divert: "for 1 h", "for 4 h", "until tomorrow 9:00". When the time is up divert pauses
 * by itself, so a divert forgotten on Friday does not confuse anyone on Monday. Pure: the clock is
 * passed in.
 */
export type TimeBox = '1h' | '4h' | 'tomorrow';
export const TIME_BOXES: TimeBox[] = ['1h', '4h', 'tomorrow'];

const HOUR = 60 * 60 * 1000;
/** The furthest a time box may end (tomorrow 9:00 is at most 33 h away; extended a few times). */
const MAX_TIME_BOX_MS = 7 * 24 * HOUR;
export const EXTEND_MS = HOUR;

/** When a time box chosen at `now` ends (local time for "tomorrow 9:00"). */
export function untilFor(box: TimeBox, now: number): number {
  if (box === '1h') return now + HOUR;
  if (box === '4h') return now + 4 * HOUR;
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 9, 0, 0, 0).getTime();
}

/** A time box end a command may set: in the future, at most a week ahead. */
export function timeBoxError(until: number, now: number): Problem | undefined {
  if (!Number.isFinite(until) || until <= now) return problem('timeBoxPassed');
  if (until - now > MAX_TIME_BOX_MS) return problem('timeBoxTooLong');
  return undefined;
}

/** "2 h 05 min", "14 min", "under a minute": what is left of a time box. */
export function timeLeft(until: number, now: number): Problem {
  const minutes = Math.ceil((until - now) / 60_000);
  if (minutes <= 1) return problem('timeLeftUnderMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return problem('timeLeftMinutes', String(m));
  return m === 0 ? problem('timeLeftHours', String(h)) : problem('timeLeftHoursMinutes', String(h), String(m).padStart(2, '0'));
}

/** "17:30" today, or "Fri 09:00" on another day: when a time box ends, as the popup shows it. */
export function endsAt(until: number, now: number, locale?: string): string {
  const end = new Date(until);
  const sameDay = new Date(now).toDateString() === end.toDateString();
  const time = end.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${end.toLocaleDateString(locale, { weekday: 'short' })} ${time}`;
}

/**
 * The settings as they are in force at `now`: a time box that has ended counts as a pause before
 * the background has written it (at a browser start, requests can come first).
 */
export function inForce<S extends { paused: boolean; divertUntil?: number }>(settings: S, now: number): S {
  return settings.divertUntil !== undefined && settings.divertUntil <= now && !settings.paused
    ? { ...settings, paused: true }
    : settings;
}
