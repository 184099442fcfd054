export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `fn` `runs + warmup` times and returns the timings after warm-up. */
export async function timed(runs: number, warmup: number, fn: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const t = await fn(i);
    if (i >= warmup) out.push(t);
  }
  return out;
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (x: number, digits = 2) => `${x < 10 ? x.toFixed(digits) : x.toFixed(1)} ms`;
