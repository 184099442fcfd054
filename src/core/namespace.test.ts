import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { isNamespace, NAMESPACE_RULE, validateNamespace } from './namespace';

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
    expect(inEnglish(r.error)).toContain(start);
    expect(inEnglish(r.error)).toContain(inEnglish(NAMESPACE_RULE));
  });

  it('refuses what is not text', () => {
    for (const bad of [undefined, null, 3, {}, ['alice']])
      expect(inEnglish(validateNamespace(bad).error)).toContain(inEnglish(NAMESPACE_RULE));
  });

  it('shortens a very long input in the message', () => {
    expect(inEnglish(validateNamespace('x'.repeat(500)).error)?.length).toBeLessThan(300);
    expect(inEnglish(validateNamespace('X'.repeat(500)).error)).toContain(`"${'X'.repeat(67)}…"`);
  });

  it('shows an input of up to 70 characters whole in the message', () => {
    expect(inEnglish(validateNamespace('Alice').error)).toContain('"Alice" is not');
    const seventy = `A${'a'.repeat(69)}`;
    expect(inEnglish(validateNamespace(seventy).error)).toContain(`"${seventy}" is not`);
  });

  it('isNamespace answers the same rule, without a message', () => {
    expect(isNamespace('alice')).toBe(true);
    for (const bad of ['Alice', '', '-a', 'a'.repeat(64), 3, undefined]) expect(isNamespace(bad)).toBe(false);
  });
});
