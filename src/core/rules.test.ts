import { describe, expect, it } from 'vitest';
import { everything, settingsWith } from '../../test/fixtures/settings';
import {
  compileRules,
  compileSessionRules,
  oneRequestRule,
  PRIORITY,
  RESOURCE_TYPES,
  RULE_IDS,
  TAB_ID_NONE,
  typesFor,
} from './rules';

const header = (r: { action: { requestHeaders: { value: string }[] } }) => r.action.requestHeaders[0].value;

describe('compileRules', () => {
  it('makes one set-baggage rule per namespace over its enabled domains', () => {
    const s = settingsWith(['okteto.example.com', { domain: 'apps.example.org', namespace: 'bob' }, 'b.example.net']);
    const rules = compileRules(s, everything);
    expect(rules).toHaveLength(2);
    expect(rules.map((r) => [header(r), r.condition.requestDomains])).toEqual([
      ['okteto-divert=bob', ['apps.example.org']],
      ['okteto-divert=alice', ['b.example.net', 'okteto.example.com']],
    ]);
    for (const r of rules) {
      expect(r.action).toMatchObject({ type: 'modifyHeaders', requestHeaders: [{ header: 'baggage', operation: 'set' }] });
      expect(r.condition.resourceTypes).toEqual([...RESOURCE_TYPES]);
      expect(r.condition.resourceTypes).toContain('main_frame');
      expect(r.condition.tabIds).toBeUndefined();
      expect(r.priority).toBe(PRIORITY.namespace);
    }
  });

  it('leaves out disabled domains, domains without host access, and everything when paused', () => {
    const s = settingsWith(['a.example.com', { domain: 'b.example.com', enabled: false }, 'c.example.com']);
    expect(compileRules(s, (d) => d !== 'c.example.com')[0].condition.requestDomains).toEqual(['a.example.com']);
    expect(compileRules({ ...s, paused: true }, everything)).toEqual([]);
  });

  it('makes no rule without a namespace', () => {
    expect(compileRules(settingsWith(['a.example.com'], { activeNamespace: '' }), everything)).toEqual([]);
  });

  it('never makes a rule without requestDomains', () => {
    const s = settingsWith([{ domain: 'a.example.com', enabled: false }]);
    expect(compileRules(s, everything)).toEqual([]);
  });

  it('carves a disabled or differently diverted subdomain entry out of its parent', () => {
    const s = settingsWith([
      'okteto.example.com',
      { domain: 'off.okteto.example.com', enabled: false },
      { domain: 'bob.okteto.example.com', namespace: 'bob' },
    ]);
    const [bob, alice] = compileRules(s, everything);
    expect(alice.condition).toMatchObject({
      requestDomains: ['okteto.example.com'],
      excludedRequestDomains: ['bob.okteto.example.com', 'off.okteto.example.com'],
    });
    expect(bob.condition.requestDomains).toEqual(['bob.okteto.example.com']);
    expect(bob.condition.excludedRequestDomains).toBeUndefined();
  });

  it('gives equal rules for equal settings whatever the entry order', () => {
    const a = settingsWith(['x.example.com', 'y.example.com']);
    const b = settingsWith(['y.example.com', 'x.example.com']);
    expect(compileRules(a, everything)).toEqual(compileRules(b, everything));
  });
});

describe('compileSessionRules', () => {
  it('pins a namespace to a tab over every diverted domain, above the domain rules', () => {
    const s = settingsWith(['okteto.example.com', { domain: 'apps.example.org', namespace: 'bob' }]);
    const rules = compileSessionRules(s, { 7: 'staging', 3: 'carol' }, everything);
    expect(rules.map((r) => [r.condition.tabIds, header(r)])).toEqual([
      [[3], 'okteto-divert=carol'],
      [[7], 'okteto-divert=staging'],
    ]);
    expect(rules[0].condition.requestDomains).toEqual(['apps.example.org', 'okteto.example.com']);
    expect(rules[0].priority).toBeGreaterThan(PRIORITY.namespace);
  });

  it('pins nothing when nothing is diverted, and keeps disabled subdomains out', () => {
    expect(compileSessionRules(settingsWith([]), { 1: 'a' }, everything)).toEqual([]);
    expect(compileSessionRules(settingsWith(['a.example.com'], { paused: true }), { 1: 'a' }, everything)).toEqual([]);
    const s = settingsWith(['okteto.example.com', { domain: 'off.okteto.example.com', enabled: false }]);
    expect(compileSessionRules(s, { 1: 'a' }, everything)[0].condition.excludedRequestDomains).toEqual([
      'off.okteto.example.com',
    ]);
  });
});

describe('nesting (found by the property test)', () => {
  it('an entry on under one that is off, under one that is on, gets a rule of its own', () => {
    const s = settingsWith(['example.com', { domain: 'b.example.com', enabled: false }, 'a.b.example.com']);
    const rules = compileRules(s, everything);
    expect(rules.map((r) => [r.condition.requestDomains, r.condition.excludedRequestDomains])).toEqual([
      [['example.com'], ['b.example.com']],
      [['a.b.example.com'], undefined],
    ]);
  });
});

describe('oneRequestRule', () => {
  const request = {
    url: 'https://catalog-staging.okteto.example.com/api?q=A',
    method: 'GET',
    tabId: 7,
    initiator: 'movies.okteto.example.com',
  };
  it('matches that URL alone, its method, tab and initiator, above the domain and pin rules', () => {
    const rule = oneRequestRule(9001, 'merged', request, 'userId=x,okteto-divert=alice');
    expect(rule).toEqual({
      id: 9001,
      priority: PRIORITY.merged,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'baggage', operation: 'set', value: 'userId=x,okteto-divert=alice' }],
      },
      condition: {
        urlFilter: '|https://catalog-staging.okteto.example.com/api?q=A|',
        isUrlFilterCaseSensitive: true,
        requestDomains: ['catalog-staging.okteto.example.com'],
        initiatorDomains: ['movies.okteto.example.com'],
        requestMethods: ['get'],
        resourceTypes: ['xmlhttprequest'],
        tabIds: [7],
      },
    });
    expect(rule.priority).toBeGreaterThan(PRIORITY.tabPin);
  });
  it("a compare's rule beats a kept page's, and with no baggage to send it removes the header", () => {
    const rule = oneRequestRule(RULE_IDS.compare.first, 'compare', { ...request, tabId: TAB_ID_NONE }, undefined);
    expect(rule.priority).toBeGreaterThan(PRIORITY.merged);
    expect(rule.action).toEqual({ type: 'modifyHeaders', requestHeaders: [{ header: 'baggage', operation: 'remove' }] });
    expect(rule.condition.tabIds).toEqual([TAB_ID_NONE]);
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('rules, case by case', () => {
  it('where the browser merges fetch/XHR itself, the rules cover every other type', () => {
    expect(typesFor(false)).toEqual(RESOURCE_TYPES);
    expect(typesFor(true)).toEqual(RESOURCE_TYPES.filter((t) => t !== 'xmlhttprequest'));
    const s = settingsWith(['a.example.com']);
    expect(compileRules(s, everything, typesFor(true))[0].condition.resourceTypes).not.toContain('xmlhttprequest');
  });

  it('a domain rule names no tab at all (dynamic rules may not), and a parent carves its off entries out in order', () => {
    const s = settingsWith([
      'okteto.example.com',
      { domain: 'z.okteto.example.com', enabled: false },
      { domain: 'a.okteto.example.com', enabled: false },
    ]);
    const [rule] = compileRules(s, everything);
    expect(rule.condition).not.toHaveProperty('tabIds');
    const [pinned] = compileSessionRules(s, { 4: 'bob' }, everything);
    expect(pinned.condition.excludedRequestDomains).toEqual(['a.okteto.example.com', 'z.okteto.example.com']);
  });

  it('requests of no tab (tab id -1) get each pinned host’s rule, hosts in order, a pinned host beneath left to its own', () => {
    const s = settingsWith(['okteto.example.com']);
    const rules = compileSessionRules(s, {}, everything, RESOURCE_TYPES, {
      'okteto.example.com': 'top',
      'z.okteto.example.com': 'zed',
      'a.okteto.example.com': 'amy',
    });
    expect(
      rules.map((r) => [r.condition.tabIds, r.condition.initiatorDomains, r.condition.excludedInitiatorDomains, header(r)]),
    ).toEqual([
      [[-1], ['a.okteto.example.com'], undefined, 'okteto-divert=amy'],
      [[-1], ['okteto.example.com'], ['a.okteto.example.com', 'z.okteto.example.com'], 'okteto-divert=top'],
      [[-1], ['z.okteto.example.com'], undefined, 'okteto-divert=zed'],
    ]);
    expect(rules[0].condition).not.toHaveProperty('excludedInitiatorDomains');
  });

  it('a pinned tab gets its namespace on an entry nested in another, both diverted: nothing carved out', () => {
    const s = settingsWith(['okteto.example.com', { domain: 'bob.okteto.example.com', namespace: 'bob' }]);
    const rules = compileSessionRules(s, { 4: 'carol' }, everything);
    expect(rules.map((r) => r.condition)).toEqual([
      { requestDomains: ['bob.okteto.example.com', 'okteto.example.com'], resourceTypes: [...RESOURCE_TYPES], tabIds: [4] },
    ]);
  });
});
