import { describe, expect, it } from 'vitest';
import { BAGGAGE_LIMITS, memberNames, mergeBaggage, withoutDivert } from './baggage-merge';

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

  it("keeps okteto-divert within the W3C limits by leaving out the page's last members, naming them", () => {
    const full = Array.from({ length: 64 }, (_, i) => `m${i}=v`).join(',');
    const r = mergeBaggage(full, 'alice');
    expect(r.value.split(',')).toHaveLength(BAGGAGE_LIMITS.members);
    expect(r.value.endsWith(',okteto-divert=alice')).toBe(true);
    expect(r.dropped).toEqual(['m63']);
    expect(r.tooLarge).toBeUndefined();
    const big = `a=${'x'.repeat(8180)},b=2`;
    const r2 = mergeBaggage(big, 'alice');
    expect(new TextEncoder().encode(r2.value).length).toBeLessThanOrEqual(BAGGAGE_LIMITS.bytes);
    expect(r2.value).toBe('okteto-divert=alice');
    expect(r2.dropped).toEqual(['a', 'b']); // in the page's order
    // The page's own okteto-divert, replaced in place, keeps its place; the members after it go.
    const r3 = mergeBaggage(`a=${'x'.repeat(4000)},okteto-divert=x,b=${'y'.repeat(4165)},c=3`, 'alice');
    expect(r3.value).toBe(`a=${'x'.repeat(4000)},okteto-divert=alice,b=${'y'.repeat(4165)}`);
    expect(r3.dropped).toEqual(['c']);
  });

  it('drops an okteto-divert member the page sent in any letter case: only ours leaves', () => {
    expect(mergeBaggage('a=1,OKTETO-DIVERT=mallory,b=2', 'alice').value).toBe('a=1,okteto-divert=alice,b=2');
    expect(mergeBaggage('Okteto-Divert=m;p=1,okteto-divert=x, oKtEtO-dIvErT = y', 'alice').value).toBe('okteto-divert=alice');
    expect(mergeBaggage('a=1,OKTETO-DIVERT=mallory', 'alice').kept).toEqual(['a']);
    expect(memberNames('a=1,OKTETO-DIVERT=mallory')).toEqual(['a']);
  });

  it('a page baggage over the W3C limits is not parsed: it leaves as the domain rule sends it, and says so', () => {
    for (const huge of [
      Array.from({ length: 65 }, (_, i) => `m${i}=v`).join(','),
      `a=${'x'.repeat(8191)}`,
      'a=1,'.repeat(16_384),
      `${'é'.repeat(4097)}`,
    ]) {
      expect(mergeBaggage(huge, 'alice')).toEqual({ value: 'okteto-divert=alice', kept: [], dropped: [], tooLarge: true });
      expect(memberNames(huge)).toBeUndefined();
    }
    expect(memberNames(`a=${'x'.repeat(8190)}`)).toEqual(['a']);
  });
});

describe('memberNames', () => {
  it("names the page's members, okteto-divert aside", () => {
    expect(memberNames('sentry-trace_id=1, userId=x;p, okteto-divert=bob')).toEqual(['sentry-trace_id', 'userId']);
    expect(memberNames(undefined)).toEqual([]);
  });
});

describe('withoutDivert ("Compare without divert")', () => {
  it("keeps the page's own members in order and leaves out every okteto-divert member, in any letter case", () => {
    expect(withoutDivert('sentry-trace_id=abc, okteto-divert=alice,userId=7')).toBe('sentry-trace_id=abc,userId=7');
    expect(withoutDivert('OKTETO-DIVERT=mallory,a=1,Okteto-Divert=x;p=1')).toBe('a=1');
  });

  it('nothing left, nothing sent: no header rather than an empty one; over the W3C limits, never parsed', () => {
    expect(withoutDivert(undefined)).toBeUndefined();
    expect(withoutDivert(' okteto-divert=alice ')).toBeUndefined();
    expect(withoutDivert(Array.from({ length: BAGGAGE_LIMITS.members + 1 }, (_, i) => `k${i}=v`).join(','))).toBeUndefined();
    expect(withoutDivert(`a=${'x'.repeat(BAGGAGE_LIMITS.bytes)}`)).toBeUndefined();
  });
});

// Issue 32 item 5: "Without divert" leaves no text a router could read as okteto-divert: not a
// malformed member (empty key), nor a property or value spelling it.
describe('withoutDivert: no okteto-divert in any spelling a router may read', () => {
  it('leaves out members that carry okteto-divert as a property, a keyless member or a value', () => {
    for (const page of [
      'a=1,;okteto-divert=mallory',
      'a=1,x;okteto-divert=mallory',
      'a=1,x=okteto-divert=mallory',
      'a=1, ;OKTETO-DIVERT=mallory',
    ]) {
      expect(withoutDivert(page)?.toLowerCase() ?? '', page).not.toContain('okteto-divert');
    }
  });
});

// Each case below is a boundary the mutation tests (docs/mutation.md) showed no test stood on.
describe('mergeBaggage at its edges', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s).length;

  it('a member without "=" is named by all of it; one with an empty key by none', () => {
    expect(memberNames('a=1,flag;p=1,=novalue, =x')).toEqual(['a', 'flag']);
    expect(mergeBaggage('flag,a=1', 'alice').kept).toEqual(['flag', 'a']);
    expect(withoutDivert('=v,a=1, =w;p')).toBe('a=1');
  });

  it('exactly 8,192 bytes with ours is within the limit: nothing is left out', () => {
    const page = `a=${'x'.repeat(8170)}`; // 8,172 bytes; with ',okteto-divert=alice' 8,192
    const r = mergeBaggage(page, 'alice');
    expect(utf8(r.value)).toBe(8192);
    expect(r).toEqual({ value: `${page},okteto-divert=alice`, kept: ['a'], dropped: [] });
    // One byte more and the page's member goes.
    expect(mergeBaggage(`a=${'x'.repeat(8171)}`, 'alice').dropped).toEqual(['a']);
  });

  it('leaves out only as many of the last members as it must, counting each comma', () => {
    const a = `a=${'x'.repeat(8167)}`;
    // a,b=1,okteto-divert=alice is 8,193 bytes: b goes too, a stays.
    const r = mergeBaggage(`${a},b=1,c=1`, 'alice');
    expect(r).toEqual({ value: `${a},okteto-divert=alice`, kept: ['a'], dropped: ['b', 'c'] });
  });

  it('when the members after ours are not enough, the ones before it go and ours stays', () => {
    const a = `a=${'x'.repeat(8172)}`;
    const r = mergeBaggage(`${a},okteto-divert,b=1`, 'alice');
    expect(r).toEqual({ value: 'okteto-divert=alice', kept: [], dropped: ['a', 'b'] });
  });

  it('a keyless member left out is named by its first 40 characters', () => {
    const r = mergeBaggage(`a=${'x'.repeat(8080)},=${'v'.repeat(100)}`, 'alice');
    expect(r.dropped).toEqual([`=${'v'.repeat(39)}`]);
    expect(r.kept).toEqual(['a']);
  });

  it('counts bytes, not characters: 8,192 characters of é are over the limit', () => {
    expect(mergeBaggage('é'.repeat(8192), 'alice').tooLarge).toBe(true);
    expect(mergeBaggage(`a=${'é'.repeat(4094)}`, 'alice').tooLarge).toBeUndefined();
  });
});
