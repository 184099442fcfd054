import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { inForce, timeBoxError, timeLeft, untilFor } from './time-box';

describe('time boxes', () => {
  const now = new Date(2026, 10, 26, 17, 30, 0).getTime();

  it('end in 1 h, in 4 h, or tomorrow at 9:00 local time', () => {
    expect(untilFor('1h', now) - now).toBe(3_600_000);
    expect(untilFor('4h', now) - now).toBe(4 * 3_600_000);
    expect(new Date(untilFor('tomorrow', now))).toEqual(new Date(2026, 10, 27, 9, 0, 0));
    // Past midnight, "tomorrow" is still the next calendar day.
    expect(new Date(untilFor('tomorrow', new Date(2026, 10, 30, 0, 30).getTime()))).toEqual(new Date(2026, 11, 1, 9, 0, 0));
  });

  it('must end in the future and within a week', () => {
    expect(timeBoxError(now + 1000, now)).toBeUndefined();
    expect(inEnglish(timeBoxError(now, now))).toMatch(/already passed/);
    expect(inEnglish(timeBoxError(now + 8 * 24 * 3_600_000, now))).toMatch(/within a week/);
    expect(inEnglish(timeBoxError(Number.NaN, now))).toMatch(/already passed/);
  });

  it('say the time left in hours and minutes', () => {
    expect(inEnglish(timeLeft(now + 3_600_000, now))).toBe('1 h');
    expect(inEnglish(timeLeft(now + 3_600_000 - 1, now))).toBe('1 h');
    expect(inEnglish(timeLeft(now + 125 * 60_000, now))).toBe('2 h 05 min');
    expect(inEnglish(timeLeft(now + 14 * 60_000, now))).toBe('14 min');
    expect(inEnglish(timeLeft(now + 30_000, now))).toBe('under a minute');
  });
});

describe('inForce', () => {
  it('an ended time box counts as a pause; a running one or none changes nothing', () => {
    const now = Date.UTC(2026, 10, 29, 12);
    expect(inForce({ paused: false, divertUntil: now - 1 }, now)).toEqual({ paused: true, divertUntil: now - 1 });
    expect(inForce({ paused: false, divertUntil: now + 1 }, now)).toEqual({ paused: false, divertUntil: now + 1 });
    expect(inForce({ paused: false }, now)).toEqual({ paused: false });
  });
});
