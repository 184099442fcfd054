/** The q-quantile of xs (linear between the two nearest ranks). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** A median and its interquartile range: how far apart the middle half of the runs measured. */
export interface Spread {
  median: number;
  q1: number;
  q3: number;
}
export const spread = (xs: number[]): Spread => ({ median: median(xs), q1: quantile(xs, 0.25), q3: quantile(xs, 0.75) });

/** Run by run, a over b (both measured alternately, so each pair shares the machine's mood of the moment). */
export const pairwise = (a: number[], b: number[]) => a.map((x, i) => x / b[i]);

let label = '';
/** Names the row that the next `timed` runs belong to (progress on stderr). */
export function measuring(what: string): void {
  label = what;
}

/** Runs `fn` `runs + warmup` times and returns the timings after warm-up, saying where it is. */
export async function timed(runs: number, warmup: number, fn: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const tty = process.stderr.isTTY;
  for (let i = 0; i < runs + warmup; i++) {
    const step = i < warmup ? `warm-up ${i + 1}/${warmup}` : `run ${i - warmup + 1}/${runs}`;
    if (tty) process.stderr.write(`\r\x1b[K  ${label}: ${step}`);
    else if (i === 0 || i === warmup || (i - warmup + 1) % 7 === 0) process.stderr.write(`  ${label}: ${step}\n`);
    const t = await fn(i);
    if (i >= warmup) out.push(t);
  }
  if (tty) process.stderr.write(`\r\x1b[K  ${label}: done\n`);
  return out;
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (x: number, digits = 2) => `${x < 10 ? x.toFixed(digits) : x.toFixed(1)} ms`;
/** A median in ms with its interquartile range. */
export const msSpread = (s: Spread, digits = 2) =>
  `${ms(s.median, digits)} (${ms(s.q1, digits).replace(' ms', '')}–${ms(s.q3, digits)})`;
/** A ratio with its interquartile range. */
export const ratioSpread = (s: Spread, digits = 2) =>
  `${s.median.toFixed(digits)}× (${s.q1.toFixed(digits)}–${s.q3.toFixed(digits)})`;
