import { describe, expect, it } from 'vitest';
import { preloaded } from './preload';

describe('preloaded', () => {
  it('hands over the value when it came before the first render', async () => {
    const p = preloaded(async () => 'state');
    await p.start();
    expect(p.take()).toEqual({ value: 'state' });
  });

  it('hands over the read under way when the render came first, even if it answers before the effect', async () => {
    let answer: (v: string) => void = () => undefined;
    const p = preloaded(() => new Promise<string>((r) => (answer = r)));
    void p.start();
    const taken = p.take(); // the first render (the popup's 100 ms bound passed)
    answer('state'); // the answer arrives, then the effect runs
    expect('later' in taken && (await taken.later)).toBe('state');
  });

  it('reads afresh for a page that started nothing, and hands over only once', async () => {
    let reads = 0;
    const p = preloaded(async () => ++reads);
    const first = p.take();
    expect('later' in first && (await first.later)).toBe(1);
    await p.start();
    expect(p.take()).toEqual({ value: 2 });
    expect('later' in p.take()).toBe(true);
  });
});
