import { describe, expect, it } from 'vitest';
import { serial } from './serial';

describe('serial', () => {
  it('runs the jobs of one key in the order given, and keys side by side', async () => {
    const run = serial<string>();
    const seen: string[] = [];
    const job = (name: string, ms: number) => () =>
      new Promise<string>((r) =>
        setTimeout(() => {
          seen.push(name);
          r(name);
        }, ms),
      );
    const all = [run('a', job('a1', 30)), run('a', job('a2', 1)), run('b', job('b1', 5))];
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'b1']);
    // b did not wait for a; a2 waited for a1 although it was quicker.
    expect(seen).toEqual(['b1', 'a1', 'a2']);
  });

  it('goes on after a job that failed, and the failure reaches only its own caller', async () => {
    const run = serial<number>();
    const failed = run(1, async () => {
      throw new Error('boom');
    });
    const next = run(1, async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });
});
