import { describe, expect, it } from 'vitest';
import { english, inEnglish } from '../../test/fixtures/words';
import {
  EMPTY,
  knownNamespaces,
  mismatchCauses,
  reduceServed,
  type ServedEvent,
  servedLine,
  type TabServed,
  verdict,
} from './served';
import { badgeView } from './served-messages';

/** The namespaces the user or an instance knows (knownNamespaces). */
const KNOWN = ['staging', 'alice', 'bob'];
const run = (events: ServedEvent[], from: TabServed = EMPTY) => events.reduce(reduceServed, from);
const nav = (requested?: string): ServedEvent => ({
  type: 'navigate',
  host: requested ? 'movies.okteto.example.com' : undefined,
  requested,
});

describe('reduceServed', () => {
  it('a navigation forgets everything about the last page', () => {
    const before = run([
      nav('alice'),
      { type: 'header', value: 'alice', known: KNOWN },
      { type: 'sent', expected: 'alice', baggage: 'okteto-divert=alice' },
    ]);
    expect(reduceServed(before, nav('bob'))).toEqual({ ...EMPTY, host: 'movies.okteto.example.com', requested: 'bob' });
    expect(reduceServed(before, nav())).toEqual(EMPTY);
  });

  it('matches once any response comes from the requested namespace, and a later shared one does not undo it', () => {
    const s = run([
      nav('alice'),
      { type: 'header', value: 'staging', known: KNOWN },
      { type: 'header', value: 'alice', known: KNOWN },
      { type: 'header', value: 'staging', known: KNOWN },
    ]);
    expect(s.served).toBe('alice');
    expect(verdict(s)).toBe('match');
    expect(servedLine(s, english)).toBe('okteto-divert: alice · served by alice');
  });

  it('is a mismatch when only another namespace answered', () => {
    const s = run([nav('bob'), { type: 'header', value: 'staging', known: KNOWN }]);
    expect(verdict(s)).toBe('mismatch');
    expect(servedLine(s, english)).toBe('okteto-divert: bob · served by staging');
  });

  it('lets the probe have the last word over incidental headers', () => {
    const s = run([
      nav('alice'),
      { type: 'probe', value: 'staging', known: KNOWN },
      { type: 'header', value: 'alice', known: KNOWN },
    ]);
    expect(s).toMatchObject({ served: 'staging', source: 'probe' });
    expect(
      run([nav('alice'), { type: 'probe-failed', reason: 'timeout' }, { type: 'probe', value: 'alice', known: KNOWN }])
        .probeError,
    ).toBeUndefined();
  });

  it('keeps a value that is not a namespace as short text, never as a served namespace', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const s = run([nav('alice'), { type: 'header', value: hostile, known: KNOWN }]);
    expect(s.served).toBeUndefined();
    expect(s.unrecognised).toBe(hostile);
    expect(verdict(s)).toBe('unknown');
    expect(run([nav('alice'), { type: 'header', value: 'x'.repeat(10_000), known: KNOWN }]).unrecognised).toHaveLength(64);
    // the page badge (which the page can read) never gets the raw value, only fixed words and namespaces
    const badge = badgeView(s, true, undefined, english);
    expect(JSON.stringify(badge)).not.toContain('onerror');
    expect(badge).toEqual({
      type: 'divert:state',
      show: true,
      line: 'okteto-divert: alice · served-by signal is not a namespace (details in the popup)',
      verdict: 'unknown',
      requested: 'alice',
      served: undefined,
      warning: undefined,
    });
    // a real namespace afterwards wins
    expect(
      run([nav('alice'), { type: 'header', value: hostile, known: KNOWN }, { type: 'header', value: 'alice', known: KNOWN }])
        .unrecognised,
    ).toBeUndefined();
  });

  // Issue 33 (9): any server can answer with any namespace-shaped text, e.g. a sentence in kebab case.
  it('a namespace-shaped value nobody here knows is "another namespace", never named on any surface', () => {
    const lure = 'log-in-again-at-evil-example-com';
    for (const type of ['header', 'probe'] as const) {
      const s = run([nav('alice'), { type, value: lure, known: KNOWN }]);
      expect(s.served).toBeUndefined();
      expect(verdict(s)).toBe('mismatch');
      expect(servedLine(s, english)).toBe('okteto-divert: alice · served by another namespace');
      const badge = badgeView(s, true, undefined, english);
      expect(JSON.stringify(badge)).not.toContain(lure);
      expect(badge).toMatchObject({ verdict: 'mismatch', served: 'another namespace' });
    }
    // The requested namespace, and one the user or an instance knows, are named.
    expect(run([nav('newbie'), { type: 'header', value: 'newbie', known: [] }]).served).toBe('newbie');
    expect(run([nav('alice'), { type: 'header', value: 'staging', known: KNOWN }]).served).toBe('staging');
    // A known one after an unknown one names it; the requested one settles it.
    const later = run([
      nav('alice'),
      { type: 'header', value: lure, known: KNOWN },
      { type: 'header', value: 'alice', known: KNOWN },
    ]);
    expect(later).toMatchObject({ served: 'alice' });
    expect(later.other).toBeUndefined();
    const settings = {
      activeNamespace: 'alice',
      domains: [{ namespace: 'bob' }, {}],
      presets: [{ namespace: 'team-x' }],
      recent: ['r1'],
    };
    expect(knownNamespaces(settings, [{ namespaces: ['staging', 'pr-1'] }]).sort()).toEqual([
      'alice',
      'bob',
      'pr-1',
      'r1',
      'staging',
      'team-x',
    ]);
  });

  // Attacker review of #33 (9): whoever can open a pull request deploys a global preview and names it.
  it("a global preview, or a team file's or the policy's preset, is \"another namespace\": only the user's names are named", () => {
    const settings = {
      activeNamespace: 'alice',
      domains: [{ namespace: 'dom-ns' }, { namespace: 'team-dom', team: 'movies' }],
      presets: [{ namespace: 'mine' }, { namespace: 'team-ns', team: 'movies' }, { namespace: 'policy-ns', managed: true }],
      recent: ['recent-ns'],
    };
    const instance = {
      namespaces: ['alice', 'staging', 'pr-7', 'pr-8', 'pr-9'],
      previews: { 'pr-7': { scope: 'global' }, 'pr-8': { scope: 'personal' }, 'pr-9': {} },
    };
    const known = knownNamespaces(settings, [instance], { 12: 'pinned-ns' });
    expect([...known].sort()).toEqual(['alice', 'dom-ns', 'mine', 'pinned-ns', 'pr-8', 'recent-ns', 'staging']);
    for (const lure of ['pr-7', 'pr-9', 'team-ns', 'team-dom', 'policy-ns']) {
      const s = run([nav('alice'), { type: 'header', value: lure, known }]);
      expect(s.served).toBeUndefined();
      expect(servedLine(s, english)).toBe('okteto-divert: alice · served by another namespace');
    }
    // The one requested is named whatever it is (the user asked for it).
    expect(run([nav('pr-7'), { type: 'header', value: 'pr-7', known }]).served).toBe('pr-7');
  });

  it('counts requests that carried our header and notes a baggage someone else set', () => {
    const s = run([
      nav('alice'),
      { type: 'sent', expected: 'alice', baggage: 'okteto-divert=alice' },
      { type: 'sent', expected: 'alice', baggage: 'okteto-divert=mallory' },
      { type: 'sent', expected: 'alice' },
    ]);
    expect(s).toMatchObject({ requests: 3, carried: 1, overridden: 'okteto-divert=mallory' });
  });

  it('says unknown until a signal comes', () => {
    expect(verdict(run([nav('alice')]))).toBe('unknown');
    expect(servedLine(run([nav('alice')]), english)).toBe('okteto-divert: alice · served by: not known yet');
  });
});

describe('requests of a pinned tab’s site workers', () => {
  it('are counted apart from the tab’s own, with what the others carried', () => {
    let s = reduceServed(EMPTY, { type: 'navigate', host: 'app.example.com', requested: 'bob' });
    s = reduceServed(s, { type: 'worker-sent', baggage: 'okteto-divert=bob', expected: 'bob' });
    expect(s.workers).toEqual({ requests: 1, carried: 1 });
    s = reduceServed(s, { type: 'worker-sent', baggage: 'okteto-divert=alice', expected: 'bob' });
    s = reduceServed(s, { type: 'worker-sent', expected: 'bob' });
    expect(s.workers).toEqual({ requests: 3, carried: 1, other: 'none' });
    expect(s.requests).toBe(0);
    expect(reduceServed(s, { type: 'navigate', host: 'app.example.com', requested: 'bob' }).workers).toBeUndefined();
  });
});

describe('mismatchCauses', () => {
  it('one list for the popup (a page) and the panel (one request): only the forwarding sentence differs', () => {
    const page = mismatchCauses('alice', 'page').map((p) => inEnglish(p));
    const request = mismatchCauses('alice', 'request').map((p) => inEnglish(p));
    expect(page).toHaveLength(3);
    expect(page[0]).toContain('alice');
    expect(page[2]).toContain('alice');
    expect([page[0], page[2]]).toEqual([request[0], request[2]]);
    expect(page[1]).not.toBe(request[1]);
    expect(page[1]).toMatch(/forward/);
    expect(request[1]).toMatch(/forward/);
    // The popup speaks of the page's services, the panel of the one request's way.
    expect(page[1]).toBe('A service between the browser and yours does not forward the baggage header.');
    expect(request[1]).toMatch(/^A service on the way dropped the header/);
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('reduceServed, event by event', () => {
  it('a signal is trimmed before it is read; a non-namespace after an answer changes nothing', () => {
    expect(run([nav('alice'), { type: 'header', value: ' alice\t', known: KNOWN }]).served).toBe('alice');
    const served = run([nav('alice'), { type: 'header', value: 'staging', known: KNOWN }]);
    expect(reduceServed(served, { type: 'header', value: '<b>', known: KNOWN })).toBe(served);
    const other = run([nav('alice'), { type: 'header', value: 'someone-else', known: KNOWN }]);
    expect(reduceServed(other, { type: 'probe', value: '<b>', known: KNOWN }).unrecognised).toBeUndefined();
  });

  it('a tab that is not diverted still learns who answered, and says so', () => {
    const s = run([nav(), { type: 'header', value: 'staging', known: KNOWN }]);
    expect(s.served).toBe('staging');
    expect(servedLine(s, english)).toBe('okteto-divert: off · served by staging');
  });

  it('a probe, asked on purpose, overrides even a settled answer and an earlier probe', () => {
    const settled = run([nav('alice'), { type: 'header', value: 'alice', known: KNOWN }]);
    expect(reduceServed(settled, { type: 'probe', value: 'staging', known: KNOWN })).toMatchObject({ served: 'staging' });
    const probed = run([nav('alice'), { type: 'probe', value: 'staging', known: KNOWN }]);
    expect(reduceServed(probed, { type: 'probe', value: 'alice', known: KNOWN })).toMatchObject({ served: 'alice' });
  });

  it('a failed probe says why, cut to 200 characters', () => {
    expect(run([nav('alice'), { type: 'probe-failed', reason: 'timeout' }])).toMatchObject({
      probeError: 'timeout',
      requested: 'alice',
    });
    expect(run([nav('alice'), { type: 'probe-failed', reason: 'x'.repeat(500) }]).probeError).toBe('x'.repeat(200));
  });

  it('the page’s own members are gathered once each, at most 20 a list; too large stays said', () => {
    let s = run([nav('alice'), { type: 'page-baggage', kept: ['a', 'b'] }]);
    expect(s.pageBaggage).toEqual({ kept: ['a', 'b'], replaced: [], dropped: [] });
    s = reduceServed(s, { type: 'page-baggage', kept: ['b', 'c'], replaced: ['r'], dropped: ['d'] });
    expect(s.pageBaggage).toEqual({ kept: ['a', 'b', 'c'], replaced: ['r'], dropped: ['d'] });
    s = reduceServed(s, { type: 'page-baggage', tooLarge: true });
    expect(s.pageBaggage?.tooLarge).toBe(true);
    s = reduceServed(s, { type: 'page-baggage', kept: ['a'] });
    expect(s.pageBaggage?.tooLarge).toBe(true);
    // Nothing new: the very same state (no write, no redraw).
    expect(reduceServed(s, { type: 'page-baggage', kept: ['c'], dropped: ['d'] })).toBe(s);
    const many = Array.from({ length: 50 }, (_, i) => `m${i}`);
    expect(reduceServed(EMPTY, { type: 'page-baggage', replaced: many }).pageBaggage?.replaced).toEqual(many.slice(0, 20));
  });

  it('counts answers from the browser’s cache', () => {
    expect(run([nav('alice'), { type: 'cached' }, { type: 'cached' }]).fromCache).toBe(2);
  });

  it('a baggage set by someone else is shown cut to 64 characters, for the tab and its workers', () => {
    const long = `okteto-divert=${'x'.repeat(100)}`;
    expect(run([nav('alice'), { type: 'sent', expected: 'alice', baggage: long }]).overridden).toBe(long.slice(0, 64));
    expect(run([nav('alice'), { type: 'worker-sent', expected: 'alice', baggage: long }]).workers).toEqual({
      requests: 1,
      carried: 0,
      other: 'x'.repeat(64),
    });
  });

  it('a worker request that carried the namespace keeps what an earlier one carried instead', () => {
    const s = run([
      nav('bob'),
      { type: 'worker-sent', baggage: 'okteto-divert=alice', expected: 'bob' },
      { type: 'worker-sent', baggage: 'okteto-divert=bob', expected: 'bob' },
    ]);
    expect(s.workers).toEqual({ requests: 2, carried: 1, other: 'alice' });
  });

  it('a blank pin or instance namespace is no name to know', () => {
    const settings = { activeNamespace: '', domains: [], presets: [], recent: [] };
    expect(knownNamespaces(settings, [{ namespaces: ['', 'staging'] }], { 3: '', 4: 'alice' }).sort()).toEqual([
      'alice',
      'staging',
    ]);
  });
});
