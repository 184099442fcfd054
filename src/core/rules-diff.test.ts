import { describe, expect, it } from 'vitest';
import { everything, settingsWith } from '../../test/fixtures/settings';
import { compileRules, type HeaderRule, RULE_IDS } from './rules';
import { diffRules } from './rules-diff';

const range = RULE_IDS.dynamic;
const install = (rules: ReturnType<typeof compileRules>) => diffRules(rules, [], range).addRules;

describe('diffRules', () => {
  it('adds everything to an empty browser, with ids from the range', () => {
    const wanted = compileRules(settingsWith(['a.example.com', { domain: 'b.example.com', namespace: 'bob' }]), everything);
    const { addRules, removeRuleIds } = diffRules(wanted, [], range);
    expect(removeRuleIds).toEqual([]);
    expect(addRules.map((r) => r.id)).toEqual([1, 2]);
  });

  it('changes nothing when nothing changed', () => {
    const wanted = compileRules(settingsWith(['a.example.com']), everything);
    expect(diffRules(wanted, install(wanted), range)).toEqual({ addRules: [], removeRuleIds: [] });
  });

  it('ignores the defaults a browser fills in (Firefox returns nulls)', () => {
    const wanted = compileRules(settingsWith(['a.example.com']), everything);
    const returned = install(wanted).map((r) => ({
      ...r,
      condition: { ...r.condition, excludedRequestDomains: null, tabIds: null, urlFilter: null },
    })) as unknown as HeaderRule[];
    expect(diffRules(wanted, returned, range)).toEqual({ addRules: [], removeRuleIds: [] });
  });

  it('touches only the rule that changed, reusing its id', () => {
    const before = install(
      compileRules(settingsWith(['a.example.com', { domain: 'b.example.com', namespace: 'bob' }]), everything),
    );
    const after = compileRules(settingsWith(['a.example.com', { domain: 'b.example.com', namespace: 'carol' }]), everything);
    const { addRules, removeRuleIds } = diffRules(after, before, range);
    const bobId = before.find((r) => r.action.requestHeaders[0].value.endsWith('bob'))?.id;
    expect(removeRuleIds).toEqual([bobId]);
    expect(addRules).toHaveLength(1);
    expect(addRules[0].action.requestHeaders[0].value).toBe('okteto-divert=carol');
    expect(addRules[0].id).toBe(bobId);
  });

  it('never touches rules outside its range', () => {
    const foreign = { ...install(compileRules(settingsWith(['a.example.com']), everything))[0], id: 9_000_000 };
    expect(diffRules([], [foreign], range)).toEqual({ addRules: [], removeRuleIds: [] });
  });

  it('removes duplicates and stale rules', () => {
    const wanted = compileRules(settingsWith(['a.example.com']), everything);
    const [one] = install(wanted);
    const { removeRuleIds, addRules } = diffRules(wanted, [one, { ...one, id: 5 }], range);
    expect(addRules).toEqual([]);
    expect(removeRuleIds).toEqual([5]);
  });

  it('refuses to go past its range', () => {
    const tiny = { first: 1, last: 1 };
    const wanted = compileRules(settingsWith(['a.example.com', { domain: 'b.example.com', namespace: 'bob' }]), everything);
    expect(() => diffRules(wanted, [], tiny)).toThrow(/More than 1 rules/);
  });
});
