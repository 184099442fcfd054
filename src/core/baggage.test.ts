import { describe, expect, it } from 'vitest';
import { BAGGAGE_HEADER, baggageValue, divertNamespaceOf } from './baggage';

describe('baggage', () => {
  it('writes exactly okteto-divert=<ns>, in the baggage header (contract: the header)', () => {
    expect(BAGGAGE_HEADER).toBe('baggage');
    expect(baggageValue('alice')).toBe('okteto-divert=alice');
  });
  it('reads the okteto-divert member of a W3C baggage header', () => {
    expect(divertNamespaceOf('okteto-divert=alice')).toBe('alice');
    expect(divertNamespaceOf('userId=1, okteto-divert = bob ;prop=1,x=y')).toBe('bob');
    expect(divertNamespaceOf('userId=1')).toBeUndefined();
    expect(divertNamespaceOf(undefined)).toBeUndefined();
  });
  it('reads nothing from a member without a value, even one named like ours', () => {
    expect(divertNamespaceOf('okteto-diverts')).toBeUndefined();
    expect(divertNamespaceOf('okteto-divert ,userId=1')).toBeUndefined();
  });
});
