import { BAGGAGE_LIMITS, mergeBaggage } from '../src/core/baggage-merge';
import { compileRules, RULE_IDS } from '../src/core/rules';
import { diffRules } from '../src/core/rules-diff';
import { DEFAULTS, type Settings } from '../src/core/settings';
import { median } from './stats';

export interface ScaleRow {
  domains: number;
  namespaces: number;
  rules: number;
  compileDiffMs: number;
  noChangeMs: number;
}

function settingsFor(domains: number, namespaces: number): Settings {
  return {
    ...structuredClone(DEFAULTS),
    activeNamespace: 'ns-0',
    domains: Array.from({ length: domains }, (_, i) => ({
      domain: `app-${i}.team-${i % 50}.example.com`,
      enabled: true,
      namespace: `ns-${i % namespaces}`,
    })),
  };
}

/** Pure core in Node: compile + diff against nothing installed, and a no-change reconcile. */
export function scale(runs: number): ScaleRow[] {
  const rows: ScaleRow[] = [];
  const all = () => true;
  for (const domains of [1, 100, 2000]) {
    for (const namespaces of [1, 20, 200]) {
      if (namespaces > domains) continue;
      const s = settingsFor(domains, namespaces);
      const installed = diffRules(compileRules(s, all), [], RULE_IDS.dynamic).addRules;
      const first: number[] = [];
      const same: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        let t = performance.now();
        diffRules(compileRules(s, all), [], RULE_IDS.dynamic);
        const a = performance.now() - t;
        t = performance.now();
        const none = diffRules(compileRules(s, all), installed, RULE_IDS.dynamic);
        const b = performance.now() - t;
        if (none.addRules.length || none.removeRuleIds.length) throw new Error('a no-change reconcile changed rules');
        if (i >= 3) {
          first.push(a);
          same.push(b);
        }
      }
      rows.push({ domains, namespaces, rules: installed.length, compileDiffMs: median(first), noChangeMs: median(same) });
    }
  }
  return rows;
}

/** A page baggage of `members` members, about `bytes` long in all (W3C list-member syntax). */
function pageBaggage(members: number, bytes: number): string {
  const each = Math.floor(bytes / members) - 1;
  return Array.from({ length: members }, (_, i) => {
    const key = `m${i}=`;
    return key + 'v'.repeat(Math.max(1, each - key.length));
  }).join(',');
}

export interface MergeRow {
  /** One merge of an 8 KiB, 64-member page baggage (the W3C limits: the largest ever parsed). */
  limitMs: number;
  /** One look at a 64 KiB page baggage: over the limits, refused unparsed. */
  hugeMs: number;
}

/** mergeBaggage in Node: per merge, from batches of 100 (one merge is microseconds). */
export function mergeCost(runs: number): MergeRow {
  const atLimit = pageBaggage(BAGGAGE_LIMITS.members, BAGGAGE_LIMITS.bytes - 32);
  const huge = pageBaggage(4096, 64 * 1024);
  const per = (header: string) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      for (let j = 0; j < 100; j++) mergeBaggage(header, 'alice');
      if (i >= 3) times.push((performance.now() - t) / 100);
    }
    return median(times);
  };
  if (mergeBaggage(atLimit, 'alice').tooLarge || !mergeBaggage(huge, 'alice').tooLarge) throw new Error('merge bench inputs');
  return { limitMs: per(atLimit), hugeMs: per(huge) };
}
