import { describe, expect, it } from 'vitest';
import { compileSessionRules } from './rules';
import { DEFAULTS, type Settings } from './settings';
import { divertForRequest } from './tab-state';
import { workerPins, workerPlan } from './workers';

const settings: Settings = {
  ...DEFAULTS,
  activeNamespace: 'alice',
  domains: [{ domain: 'okteto.example.com', enabled: true }],
};
const origins = ['*://*/*'];
const APP = 'movies.okteto.example.com';

describe('workerPlan: what a pinned page host’s service and shared workers carry', () => {
  it('follows the pin when every tab showing the host asks for it', () => {
    const plan = workerPlan(settings, { 3: 'bob' }, origins, { 3: APP, 4: 'elsewhere.example.org' });
    expect(plan).toEqual({ [APP]: { carries: 'bob', follows: true } });
    expect(workerPins(settings, origins, plan)).toEqual({ [APP]: 'bob' });
    const two = workerPlan(settings, { 3: 'bob', 5: 'bob' }, origins, { 3: APP, 5: APP });
    expect(two[APP]).toEqual({ carries: 'bob', follows: true });
  });

  it('carries the site’s namespace when the tabs disagree: two pins, or a pin and an unpinned tab', () => {
    expect(workerPlan(settings, { 3: 'bob', 5: 'carol' }, origins, { 3: APP, 5: APP })[APP]).toEqual({
      carries: 'alice',
      follows: false,
    });
    const mixed = workerPlan(settings, { 3: 'bob' }, origins, { 3: APP, 6: APP });
    expect(mixed[APP]).toEqual({ carries: 'alice', follows: false });
    expect(workerPins(settings, origins, mixed)).toEqual({});
  });

  it('says nothing for hosts no pinned tab shows, or that are not diverted', () => {
    expect(workerPlan(settings, {}, origins, { 3: APP })).toEqual({});
    expect(workerPlan(settings, { 3: 'bob' }, origins, { 3: 'elsewhere.example.org' })).toEqual({});
    expect(workerPlan({ ...settings, paused: true }, { 3: 'bob' }, origins, { 3: APP })).toEqual({});
  });

  it('a pin every diverted domain carries anyway needs no worker rule; one another domain does not carry does', () => {
    const plan = workerPlan(settings, { 3: 'alice' }, origins, { 3: APP });
    expect(plan[APP]).toEqual({ carries: 'alice', follows: true });
    expect(workerPins(settings, origins, plan)).toEqual({});
    // The pin reaches catalog.example.org too, whose own rule says bob: the workers need the pin's rule.
    const two = {
      ...settings,
      domains: [...settings.domains, { domain: 'catalog.example.org', enabled: true, namespace: 'bob' }],
    };
    expect(workerPins(two, origins, workerPlan(two, { 3: 'alice' }, origins, { 3: APP }))).toEqual({ [APP]: 'alice' });
  });
});

describe('worker rules', () => {
  it('set the pin for requests of no tab that the pinned host starts, beside the tab’s own rule', () => {
    const rules = compileSessionRules(settings, { 3: 'bob' }, () => true, ['xmlhttprequest'], { [APP]: 'bob' });
    expect(rules.map((r) => r.condition)).toEqual([
      { requestDomains: ['okteto.example.com'], resourceTypes: ['xmlhttprequest'], tabIds: [3] },
      { requestDomains: ['okteto.example.com'], resourceTypes: ['xmlhttprequest'], tabIds: [-1], initiatorDomains: [APP] },
    ]);
    expect(rules[1].action.requestHeaders[0].value).toBe('okteto-divert=bob');
  });

  it('Firefox’s merge decides a worker’s request the same way', () => {
    const workers = { [APP]: { carries: 'bob', follows: true } };
    const at = (tabId: number, initiator?: string) =>
      divertForRequest(settings, {}, workers, origins, { tabId, host: 'catalog.okteto.example.com', initiator })?.namespace;
    expect(at(-1, APP)).toBe('bob');
    expect(at(-1, `sub.${APP}`)).toBe('bob');
    expect(at(-1, 'other.okteto.example.com')).toBe('alice');
    expect(at(-1)).toBe('alice');
    expect(at(7, APP)).toBe('alice'); // a tab's own request follows its tab
    const split = { [APP]: { carries: 'alice', follows: false } };
    expect(divertForRequest(settings, {}, split, origins, { tabId: -1, host: APP, initiator: APP })?.namespace).toBe('alice');
  });
});
