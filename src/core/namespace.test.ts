import { describe, expect, it } from 'vitest';
import { NAMESPACE_RULE, validateNamespace } from './namespace';

describe('validateNamespace', () => {
  it.each(['a', 'alice', 'bob-feature', 'ns1', '1ns', 'a'.repeat(63), 'x-1-y'])('accepts %s', (ns) => {
    expect(validateNamespace(ns)).toEqual({ value: ns });
  });

  it('trims surrounding space a paste often brings', () => {
    expect(validateNamespace('  alice\n')).toEqual({ value: 'alice' });
  });

  it.each([
    ['', 'Enter a namespace'],
    ['   ', 'Enter a namespace'],
    ['Alice', 'not a valid namespace'],
    ['-alice', 'not a valid namespace'],
    ['alice-', 'not a valid namespace'],
    ['al ice', 'not a valid namespace'],
    ['al_ice', 'not a valid namespace'],
    ['alice.dev', 'not a valid namespace'],
    ['a'.repeat(64), 'not a valid namespace'],
    ['ålice', 'not a valid namespace'],
    ['okteto-divert=alice', 'not a valid namespace'],
  ])('refuses %j, saying the rule', (ns, start) => {
    const r = validateNamespace(ns);
    expect(r.error).toContain(start);
    expect(r.error).toContain(NAMESPACE_RULE);
  });

  it('refuses what is not text', () => {
    for (const bad of [undefined, null, 3, {}, ['alice']]) expect(validateNamespace(bad).error).toContain(NAMESPACE_RULE);
  });

  it('shortens a very long input in the message', () => {
    expect(validateNamespace('x'.repeat(500)).error?.length).toBeLessThan(300);
  });
});
