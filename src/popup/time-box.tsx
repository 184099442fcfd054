import type { Command } from '../core/messages';
import { EXTEND_MS, endsAt, TIME_BOXES, type TimeBox, timeBoxError, timeLeft, untilFor } from '../core/time-box';
import { type MessageKey, said, t } from '../ui/i18n';

const LABELS: Record<TimeBox, MessageKey> = { '1h': 'divertFor1h', '4h': 'divertFor4h', tomorrow: 'divertUntilTomorrow' };
const SHORT: Record<TimeBox, MessageKey> = { '1h': 'timeBox1h', '4h': 'timeBox4h', tomorrow: 'timeBoxTomorrow' };

/**
 * "Divert for 1 h / 4 h / until tomorrow 9:00": divert then pauses by itself (the background's
 * alarm). While a time box runs: when it ends, the time left, "Extend by 1 h" and "No time limit".
 */
export function TimeBoxControls({
  until,
  run,
  onError,
}: {
  until?: number;
  run: (cmd: Command) => Promise<boolean>;
  onError: (message: string) => void;
}) {
  const now = Date.now();
  const set = (next: number) => {
    const error = timeBoxError(next, Date.now());
    if (error) return onError(said(error));
    void run({ type: 'setDivertUntil', until: next });
  };
  if (until !== undefined && until > now) {
    return (
      <section class="time-box" aria-label={t('timeBox')}>
        <p class="entry">{t('divertingUntil', endsAt(until, now), said(timeLeft(until, now)))}</p>
        <div class="row">
          <button type="button" onClick={() => set(Math.max(until, Date.now()) + EXTEND_MS)}>
            {t('extendBy1h')}
          </button>
          <button type="button" class="link" onClick={() => void run({ type: 'setDivertUntil', until: null })}>
            {t('noTimeLimit')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section class="time-box" aria-label={t('timeBox')}>
      <div class="row">
        <span class="muted">{t('divertFor')}</span>
        {/* Short words on the buttons; their names say it whole (and contain what they show). */}
        {TIME_BOXES.map((box) => (
          <button
            key={box}
            type="button"
            class="small"
            aria-label={t(LABELS[box])}
            onClick={() => set(untilFor(box, Date.now()))}
          >
            {t(SHORT[box])}
          </button>
        ))}
      </div>
    </section>
  );
}
