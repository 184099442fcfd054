import { describe, expect, it } from 'vitest';
import { everything, settingsWith } from '../../test/fixtures/settings';
import { compileSessionRules, RULE_IDS } from './rules';
import { diffRules } from './rules-diff';

// Found by the attack on the house-c merge (failed on 41781f7, before diffRules keyed on them):
// diffRules' key left out `initiatorDomains` and `excludedInitiatorDomains`, so a worker rule (tab
// -1, started by one page host) counted as identical to the rule for another host with the same
// namespace: when the pinned tab's host changed, the installed rule kept matching the old host's
// workers and the new host's workers got none.
const range = RULE_IDS.session;
const settings = settingsWith(['okteto.example.com', { domain: 'b.example.org', namespace: 'bob' }]);
const pins = { 7: 'staging' };
const forWorkersOf = (workers: Record<string, string>) => compileSessionRules(settings, pins, everything, undefined, workers);

describe('diffRules and the workers’ rules (attack/house-c)', () => {
  it('replaces a worker rule whose page host changed, though its namespace did not', () => {
    const before = diffRules(forWorkersOf({ 'a.okteto.example.com': 'staging' }), [], range).addRules;
    const wanted = forWorkersOf({ 'c.okteto.example.com': 'staging' });
    const { addRules, removeRuleIds } = diffRules(wanted, before, range);
    const after = [...before.filter((r) => !removeRuleIds.includes(r.id)), ...addRules];
    const hosts = after.filter((r) => r.condition.tabIds?.includes(-1)).map((r) => r.condition.initiatorDomains);
    expect(hosts).toEqual([['c.okteto.example.com']]);
  });

  it('replaces a worker rule whose excluded inner hosts changed', () => {
    const outer = 'okteto.example.com';
    const inner = 'a.okteto.example.com';
    const before = diffRules(forWorkersOf({ [outer]: 'staging', [inner]: 'alice' }), [], range).addRules;
    const wanted = forWorkersOf({ [outer]: 'staging' });
    const { addRules, removeRuleIds } = diffRules(wanted, before, range);
    const after = [...before.filter((r) => !removeRuleIds.includes(r.id)), ...addRules];
    const outerRule = after.find((r) => r.condition.initiatorDomains?.includes(outer));
    // The inner host's own rule went: the outer host's rule must no longer leave it out.
    expect(outerRule?.condition.excludedInitiatorDomains).toBeUndefined();
  });
});
