import type { HeaderRule, RuleBody, RuleRange } from './rules';

export interface RuleUpdate {
  addRules: HeaderRule[];
  removeRuleIds: number[];
}

/** Only the fields we set, in a fixed order: browsers may return rules with defaults filled in. */
const key = ({ priority, action, condition: c }: RuleBody): string =>
  JSON.stringify([
    priority,
    action.type,
    (action.requestHeaders ?? []).map((h) => [h.header.toLowerCase(), h.operation, h.value]),
    [...c.requestDomains].sort(),
    [...(c.excludedRequestDomains ?? [])].sort(),
    [...c.resourceTypes].sort(),
    c.tabIds ?? null,
    // A workers' rule differs from another of the same namespace by the pages it serves.
    [...(c.initiatorDomains ?? [])].sort(),
    [...(c.excludedInitiatorDomains ?? [])].sort(),
    c.urlFilter ?? null,
    c.isUrlFilterCaseSensitive ?? null,
    [...(c.requestMethods ?? [])].sort(),
  ]);

/**
 * What to change so that the installed rules in `range` equal `wanted`: identical rules stay,
 * the rest is removed and added, reusing freed ids (removal happens before addition in one update).
 * Rules outside `range` belong to someone else and are never touched.
 */
export function diffRules(wanted: RuleBody[], installed: HeaderRule[], range: RuleRange): RuleUpdate {
  const ours = installed.filter((r) => r.id >= range.first && r.id <= range.last);
  const byKey = new Map<string, number[]>();
  for (const rule of ours) {
    const k = key(rule);
    byKey.set(k, [...(byKey.get(k) ?? []), rule.id]);
  }
  const kept = new Set<number>();
  const toAdd: RuleBody[] = [];
  for (const rule of wanted) {
    const id = byKey.get(key(rule))?.shift();
    if (id === undefined) toAdd.push(rule);
    else kept.add(id);
  }
  const removeRuleIds = ours.filter((r) => !kept.has(r.id)).map((r) => r.id);
  let next = range.first;
  const addRules = toAdd.map((rule) => {
    while (kept.has(next)) next++;
    if (next > range.last) throw new Error(`More than ${range.last - range.first + 1} rules are needed.`);
    return { id: next++, ...rule };
  });
  return { addRules, removeRuleIds };
}
