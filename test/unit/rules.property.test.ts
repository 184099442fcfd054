import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baggageValue } from '../../src/core/baggage';
import { isNamespace } from '../../src/core/namespace';
import { grantsDomain } from '../../src/core/permissions';
import { compileRules, compileSessionRules, type HeaderRule, RULE_IDS, TAB_ID_NONE, type WorkerPins } from '../../src/core/rules';
import { diffRules } from '../../src/core/rules-diff';
import { DEFAULTS, namespaceFor, type Settings } from '../../src/core/settings';
import { divertFor, divertForRequest, type TabDivert } from '../../src/core/tab-state';
import { workerPins, workerPlan } from '../../src/core/workers';
import { caseState, DIVERT_CASES } from '../fixtures/divert-cases';
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

const install = (bodies: ReturnType<typeof compileRules>, range: { first: number; last: number }): HeaderRule[] =>
  diffRules(bodies, [], range).addRules;

/** Every rule the background would install for these settings, pins and worker pins. */
const installed = (settings: Settings, origins: string[], pins: Record<number, string>, workers: WorkerPins = {}) => {
  const permitted = (d: string) => grantsDomain(origins, d);
  return [
    ...install(compileRules(settings, permitted), RULE_IDS.dynamic),
    ...install(compileSessionRules(settings, pins, permitted, undefined, workers), RULE_IDS.session),
  ];
};

/** The header a decision means: the rules' value, or none. */
const carried = (divert: TabDivert | undefined) => (divert ? baggageValue(divert.namespace) : undefined);

// Bounded work (seeded runs), not a race: a loaded machine may take long, it cannot make a run pass.
describe('the rule compiler (property-based, seeded)', { timeout: 60_000 }, () => {
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

  it('a request gets exactly the header the decision says (divertFor), and no header anywhere else (DNR model)', () => {
    fc.assert(
      fc.property(settingsArb, probes, fc.option(ns, { nil: undefined }), ({ settings, origins }, hosts, pin) => {
        const pins: Record<number, string> = pin ? { 2: pin } : {};
        const rules = installed(settings, origins, pins);
        for (const h of [...hosts, ...settings.domains.map((d) => d.domain)]) {
          for (const tab of [1, 2])
            expect(headerFor(rules, h, tab), `${h} in tab ${tab}`).toBe(carried(divertFor(settings, pins, origins, tab, h)));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("requests of no tab (service and shared workers) get the header divertForRequest decides, a pinned host's workers included (DNR model)", () => {
    fc.assert(
      fc.property(
        settingsArb,
        probes,
        fc.dictionary(fc.constantFrom('1', '2', '3', '4'), ns, { maxKeys: 3 }),
        fc.array(host, { minLength: 1, maxLength: 4 }),
        ({ settings, origins }, hosts, pinsIn, shown) => {
          const pins = pinsIn as unknown as Record<number, string>;
          // The hosts open tabs show (tabs 1..4), as the workers' plan reads them.
          const tabHosts = Object.fromEntries(shown.map((h, i) => [i + 1, h]));
          const plan = workerPlan(settings, pins, origins, tabHosts);
          const rules = installed(settings, origins, pins, workerPins(settings, origins, plan));
          for (const h of [...hosts, ...settings.domains.map((d) => d.domain)]) {
            for (const initiator of [undefined, ...shown, ...shown.map((s) => `sub.${s}`)]) {
              const request = { tabId: TAB_ID_NONE, host: h, initiator };
              expect(headerFor(rules, h, TAB_ID_NONE, initiator), `${h} from a worker of ${initiator}`).toBe(
                carried(divertForRequest(settings, pins, plan, origins, request)),
              );
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS / 3 },
    );
  });

  it.each(DIVERT_CASES)('the case table: $name (DNR model)', (c) => {
    const { settings, origins, pins } = caseState(c);
    const plan = workerPlan(settings, pins, origins, c.tabHosts ?? {});
    const rules = installed(settings, origins, pins, workerPins(settings, origins, plan));
    const { tabId, host: h, initiator } = c.request;
    expect(headerFor(rules, h, tabId, initiator)).toBe(c.carries === null ? undefined : baggageValue(c.carries));
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
