import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { PROBE_LIMITS, probeUrl, readProbe } from './probe';

describe('readProbe', () => {
  it('reads the field, default namespace, dotted paths too', () => {
    expect(readProbe('{"status":"ok","namespace":"alice"}')).toEqual({ value: 'alice' });
    expect(readProbe('{"meta":{"ns":"bob"}}', 'meta.ns')).toEqual({ value: 'bob' });
  });
  it.each([
    ['not json', 'did not answer JSON'],
    ['{"namespace":3}', 'not text'],
    ['{"other":"x"}', 'has no "namespace"'],
    ['null', 'has no'],
    ['{"__proto__":{"namespace":"evil"}}', 'has no'],
    [`{"namespace":"${'a'.repeat(PROBE_LIMITS.maxBytes)}"}`, 'more than'],
  ])('refuses %j', (body, why) => {
    expect(inEnglish(readProbe(body).error)).toContain(why);
  });
});

describe('probeUrl', () => {
  it('stays on the page origin', () => {
    expect(probeUrl('https://movies.okteto.example.com/a/b?c', '/api/catalog/healthz')).toBe(
      'https://movies.okteto.example.com/api/catalog/healthz',
    );
    expect(probeUrl('https://movies.okteto.example.com/', '//evil.test/x')).toBeUndefined();
    expect(probeUrl('https://movies.okteto.example.com/', 'https://evil.test/x')).toBeUndefined();
    expect(probeUrl('not a url', '/x')).toBeUndefined();
  });
});
