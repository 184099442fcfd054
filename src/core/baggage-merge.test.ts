import { describe, expect, it } from 'vitest';
import { BAGGAGE_LIMITS, memberNames, mergeBaggage } from './baggage-merge';

describe('mergeBaggage', () => {
  it('an empty or absent header becomes exactly okteto-divert=<ns>', () => {
    expect(mergeBaggage(undefined, 'alice')).toEqual({ value: 'okteto-divert=alice', kept: [], dropped: [] });
    expect(mergeBaggage('', 'alice').value).toBe('okteto-divert=alice');
    expect(mergeBaggage(' , ,', 'alice').value).toBe('okteto-divert=alice');
  });

  it("keeps the page's members in order and adds ours at the end, optional whitespace trimmed", () => {
    const page = 'sentry-trace_id=4bf92f3577b34da6 , userId=alice%40example.com';
    expect(mergeBaggage(page, 'alice')).toEqual({
      value: 'sentry-trace_id=4bf92f3577b34da6,userId=alice%40example.com,okteto-divert=alice',
      kept: ['sentry-trace_id', 'userId'],
      dropped: [],
    });
  });

  it('keeps properties and percent-encoded values exactly as sent', () => {
    expect(mergeBaggage('k=v;p=1;flag, n=%E2%9C%93', 'bob').value).toBe('k=v;p=1;flag,n=%E2%9C%93,okteto-divert=bob');
  });

  it('replaces an okteto-divert member in place and never duplicates it', () => {
    expect(mergeBaggage('a=1,okteto-divert=someone-else;p=x,b=2', 'alice').value).toBe('a=1,okteto-divert=alice,b=2');
    expect(mergeBaggage('okteto-divert=x,a=1,okteto-divert=y', 'alice').value).toBe('okteto-divert=alice,a=1');
    expect(mergeBaggage(' okteto-divert = x ', 'alice').value).toBe('okteto-divert=alice');
  });

  it('keeps duplicate keys of the page as they are (a propagator downstream decides)', () => {
    expect(mergeBaggage('a=1,a=2', 'alice').value).toBe('a=1,a=2,okteto-divert=alice');
  });

  it('keeps malformed members as sent, and never throws', () => {
    expect(mergeBaggage('no-equals,=novalue,a=1;;,ü=ä', 'alice').value).toBe('no-equals,=novalue,a=1;;,ü=ä,okteto-divert=alice');
    for (const odd of ['=', ';', ',;,', '\u0000', 'x'.repeat(20_000), 'a=1,'.repeat(1000)]) {
      expect(() => mergeBaggage(odd, 'alice')).not.toThrow();
      expect(mergeBaggage(odd, 'alice').value).toContain('okteto-divert=alice');
    }
  });

  it("over the W3C limits keeps okteto-divert and leaves out the page's last members, naming them", () => {
    const many = Array.from({ length: 70 }, (_, i) => `m${i}=v`).join(',');
    const r = mergeBaggage(many, 'alice');
    expect(r.value.split(',')).toHaveLength(BAGGAGE_LIMITS.members);
    expect(r.value.endsWith(',okteto-divert=alice')).toBe(true);
    expect(r.dropped).toEqual(Array.from({ length: 7 }, (_, i) => `m${63 + i}`));
    const big = `a=${'x'.repeat(8180)},b=2`;
    const r2 = mergeBaggage(big, 'alice');
    expect(new TextEncoder().encode(r2.value).length).toBeLessThanOrEqual(BAGGAGE_LIMITS.bytes);
    expect(r2.value).toContain('okteto-divert=alice');
    expect(r2.dropped).toEqual(['a', 'b']); // in the page's order
  });
});

describe('memberNames', () => {
  it("names the page's members, okteto-divert aside", () => {
    expect(memberNames('sentry-trace_id=1, userId=x;p, okteto-divert=bob')).toEqual(['sentry-trace_id', 'userId']);
    expect(memberNames(undefined)).toEqual([]);
  });
});
