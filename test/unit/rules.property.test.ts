import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNamespace } from '../../src/core/namespace';
import { grantsDomain } from '../../src/core/permissions';
import { compileRules, compileSessionRules, type HeaderRule, RULE_IDS } from '../../src/core/rules';
import { diffRules } from '../../src/core/rules-diff';
import { DEFAULTS, entryCovering, namespaceFor, type Settings } from '../../src/core/settings';
import { headerFor } from './dnr-model';

/** Property-based: over random settings the compiled rules never send the header anywhere else. */
const SEED = 20261126;
const RUNS = 600;

// Few labels, so that entries nest often (a.b.example.com under b.example.com under example.com).
const label = fc.constantFrom('a', 'b', 'api', 'okteto', 'movies-staging', 'x1', 'evil', 'not');
const nestedLabel = fc.constantFrom('a', 'b');
const base = fc.constantFrom('example.com', 'example.org', 'okteto.dev', 'co.uk');
const host = fc.oneof(
  fc.tuple(fc.array(label, { maxLength: 3 }), base).map(([ls, b]) => [...ls, b].join('.')),
  fc.tuple(fc.array(nestedLabel, { maxLength: 4 }), fc.constant('example.com')).map(([ls, b]) => [...ls, b].join('.')),
);
const ns = fc.constantFrom('staging', 'alice', 'bob-feature', 'ns1', 'c');
const settingsArb = fc
  .record({
    domains: fc.uniqueArray(
      fc.record({
        domain: host.filter((h) => h.split('.').length >= 3 || !h.endsWith('co.uk')),
        enabled: fc.boolean(),
        namespace: fc.option(ns, { nil: undefined }),
      }),
      { selector: (d) => d.domain, maxLength: 12 },
    ),
    activeNamespace: fc.oneof(fc.constant(''), ns),
    paused: fc.boolean(),
    grantedShare: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ domains, activeNamespace, paused, grantedShare }) => {
    const settings: Settings = {
      ...structuredClone(DEFAULTS),
      activeNamespace,
      paused,
      domains: domains.map(({ namespace, ...d }) => (namespace ? { ...d, namespace } : d)),
    };
    // Some domains lack host access; the rest have it (patterns as the browser reports them).
    const origins = settings.domains
      .filter((_, i) => i % 4 >= grantedShare - 0 || grantedShare === 0)
      .map((d) => `*://*.${d.domain}/*`);
    return { settings, origins };
  });
const probes = fc.array(
  fc.oneof(
    host,
    host.map((h) => `x.${h}`),
    host.map((h) => `not${h}`),
    host.map((h) => `${h}.evil.test`),
  ),
  {
    minLength: 1,
    maxLength: 10,
  },
);

/** What the settings mean for a request to `h` from tab 1 (pins: tab → namespace). */
function expected(
  settings: Settings,
  origins: string[],
  h: string,
  pins: Record<number, string>,
  tab: number,
): string | undefined {
  if (settings.paused) return undefined;
  const entry = entryCovering(settings, h);
  if (!entry?.enabled || !grantsDomain(origins, entry.domain)) return undefined;
  const namespace = pins[tab] ?? namespaceFor(settings, entry);
  return namespace ? `okteto-divert=${namespace}` : undefined;
}

const install = (bodies: ReturnType<typeof compileRules>, range: { first: number; last: number }): HeaderRule[] =>
  diffRules(bodies, [], range).addRules;

describe('the rule compiler (property-based, seeded)', () => {
  it('every rule is well formed: requestDomains, valid value, ids unique and in range; per namespace exactly its domains', () => {
    fc.assert(
      fc.property(settingsArb, ({ settings, origins }) => {
        const permitted = (d: string) => grantsDomain(origins, d);
        const rules = install(compileRules(settings, permitted), RULE_IDS.dynamic);
        const ids = new Set(rules.map((r) => r.id));
        expect(ids.size).toBe(rules.length);
        const byValue = new Map<string, string[]>();
        for (const r of rules) {
          expect(r.id).toBeGreaterThanOrEqual(RULE_IDS.dynamic.first);
          expect(r.id).toBeLessThanOrEqual(RULE_IDS.dynamic.last);
          expect(r.condition.requestDomains.length).toBeGreaterThan(0);
          expect(r.condition.tabIds).toBeUndefined();
          const [h] = r.action.requestHeaders;
          expect(h.header).toBe('baggage');
          expect(h.operation).toBe('set');
          expect(isNamespace(h.value.replace(/^okteto-divert=/, ''))).toBe(true);
          byValue.set(h.value, [...(byValue.get(h.value) ?? []), ...r.condition.requestDomains]);
        }
        // per namespace, exactly its enabled, permitted domains (more than one rule only for nesting)
        for (const [value, domains] of byValue) {
          const wanted = settings.domains
            .filter((d) => d.enabled && permitted(d.domain) && `okteto-divert=${namespaceFor(settings, d)}` === value)
            .map((d) => d.domain)
            .sort();
          expect(settings.paused).toBe(false);
          expect([...domains].sort()).toEqual(wanted);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a request gets exactly the header the settings say, and no header anywhere else (DNR model)', () => {
    fc.assert(
      fc.property(settingsArb, probes, fc.option(ns, { nil: undefined }), ({ settings, origins }, hosts, pin) => {
        const permitted = (d: string) => grantsDomain(origins, d);
        const pins: Record<number, string> = pin ? { 2: pin } : {};
        const rules = [
          ...install(compileRules(settings, permitted), RULE_IDS.dynamic),
          ...install(compileSessionRules(settings, pins, permitted), RULE_IDS.session),
        ];
        for (const h of [...hosts, ...settings.domains.map((d) => d.domain)]) {
          for (const tab of [1, 2])
            expect(headerFor(rules, h, tab), `${h} in tab ${tab}`).toBe(expected(settings, origins, h, pins, tab));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('session pins carry tabIds, and only their tab gets them', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.dictionary(fc.integer({ min: 0, max: 50 }).map(String), ns, { maxKeys: 5 }),
        ({ settings, origins }, pins) => {
          const rules = install(
            compileSessionRules(settings, pins as unknown as Record<number, string>, (d) => grantsDomain(origins, d)),
            RULE_IDS.session,
          );
          for (const r of rules) {
            expect(r.condition.tabIds).toHaveLength(1);
            expect(r.id).toBeGreaterThanOrEqual(RULE_IDS.session.first);
            expect(r.condition.requestDomains.length).toBeGreaterThan(0);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the diff turns any installed set into the wanted one, touching nothing outside its range', () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, ({ settings: a, origins: oa }, { settings: b, origins: ob }) => {
        const before = install(
          compileRules(a, (d) => grantsDomain(oa, d)),
          RULE_IDS.dynamic,
        );
        const foreign = { ...before[0], id: 100_000 };
        const installed = before[0] ? [...before, foreign] : before;
        const wanted = compileRules(b, (d) => grantsDomain(ob, d));
        const { addRules, removeRuleIds } = diffRules(wanted, installed, RULE_IDS.dynamic);
        expect(removeRuleIds).not.toContain(100_000);
        const after = [...installed.filter((r) => !removeRuleIds.includes(r.id)), ...addRules];
        expect(new Set(after.map((r) => r.id)).size).toBe(after.length);
        const ours = after.filter((r) => r.id !== 100_000).map(({ id: _id, ...r }) => JSON.stringify(r));
        expect(ours.sort()).toEqual(wanted.map((r) => JSON.stringify(r)).sort());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
