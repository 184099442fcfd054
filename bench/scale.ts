import { defaultTextMapGetter, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { BAGGAGE_LIMITS, mergeBaggage } from '../src/core/baggage-merge';
import { LOG_LIMITS, type RequestLog, reduceLog } from '../src/core/request-log';
import { bytesChange, fitLogs, LOG_BUDGET_BYTES, logBytes } from '../src/core/request-log-budget';
import { compileRules, RULE_IDS } from '../src/core/rules';
import { diffRules } from '../src/core/rules-diff';
import { EMPTY, reduceServed, type TabServed } from '../src/core/served';
import { DEFAULTS, type Settings } from '../src/core/settings';

export interface ScaleRow {
  domains: number;
  namespaces: number;
  rules: number;
  /** Compile + diff against nothing installed, per run. */
  compileDiff: number[];
  /** The floor, alternating: a JSON round trip of the same settings (what storing them costs). */
  jsonRoundTrip: number[];
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
      const compileDiff: number[] = [];
      const jsonRoundTrip: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        let t = performance.now();
        diffRules(compileRules(s, all), [], RULE_IDS.dynamic);
        const a = performance.now() - t;
        t = performance.now();
        JSON.parse(JSON.stringify(s));
        const b = performance.now() - t;
        const none = diffRules(compileRules(s, all), installed, RULE_IDS.dynamic);
        if (none.addRules.length || none.removeRuleIds.length) throw new Error('a no-change reconcile changed rules');
        if (i >= 3) {
          compileDiff.push(a);
          jsonRoundTrip.push(b);
        }
      }
      rows.push({ domains, namespaces, rules: installed.length, compileDiff, jsonRoundTrip });
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
  /** One merge of an 8 KiB, 64-member page baggage (the W3C limits: the largest ever parsed), per run. */
  limit: number[];
  /** The floor, alternating: OpenTelemetry's W3C propagator reading the same header. */
  otel: number[];
}

/** mergeBaggage in Node against OpenTelemetry's parser: per call, from batches of 100 (one is microseconds). */
export function mergeCost(runs: number): MergeRow {
  const atLimit = pageBaggage(BAGGAGE_LIMITS.members, BAGGAGE_LIMITS.bytes - 32);
  const huge = pageBaggage(4096, 64 * 1024);
  const propagator = new W3CBaggagePropagator();
  const carrier = { baggage: atLimit };
  const per = (fn: () => unknown) => {
    const t = performance.now();
    for (let j = 0; j < 100; j++) fn();
    return (performance.now() - t) / 100;
  };
  if (mergeBaggage(atLimit, 'alice').tooLarge || !mergeBaggage(huge, 'alice').tooLarge) throw new Error('merge bench inputs');
  const out: MergeRow = { limit: [], otel: [] };
  for (let i = 0; i < runs + 3; i++) {
    const a = per(() => mergeBaggage(atLimit, 'alice'));
    const b = per(() => propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
    if (i >= 3) {
      out.limit.push(a);
      out.otel.push(b);
    }
  }
  return out;
}

export interface RingRow {
  /** One request kept in a full 500-row log (sent, answered, done), per request, from batches of 100. */
  ring: number[];
  /** The floor, alternating: the same request's events reduced into the tab's served-by state, as every diverted request already is. */
  served: number[];
}

/** The DevTools panel's ring in Node: what keeping one more request costs the background. */
export function ringCost(runs: number): RingRow {
  const url = 'https://movies-staging.okteto.example.com/api/catalog/movies?page=';
  let log: RequestLog = [];
  let n = 0;
  const keep = () => {
    const id = String(++n);
    log = reduceLog(log, {
      type: 'sent',
      id,
      at: n,
      method: 'GET',
      url: url + n,
      kind: 'xmlhttprequest',
      baggage: 'okteto-divert=alice',
      expected: 'alice',
    });
    log = reduceLog(log, { type: 'answered', id, status: 200, served: 'alice' });
    log = reduceLog(log, { type: 'done', id, at: n + 5 });
  };
  let state: TabServed = { ...EMPTY, host: 'movies-staging.okteto.example.com', requested: 'alice' };
  const serve = () => {
    state = reduceServed(state, { type: 'sent', baggage: 'okteto-divert=alice', expected: 'alice' });
    state = reduceServed(state, { type: 'header', value: 'alice', known: ['alice', 'staging'] });
  };
  for (let i = 0; i < LOG_LIMITS.entries; i++) keep();
  const per = (fn: () => void) => {
    const t = performance.now();
    for (let j = 0; j < 100; j++) fn();
    return (performance.now() - t) / 100;
  };
  const out: RingRow = { ring: [], served: [] };
  for (let i = 0; i < runs + 3; i++) {
    const a = per(keep);
    const b = per(serve);
    if (i >= 3) {
      out.ring.push(a);
      out.served.push(b);
    }
  }
  if (log.length !== LOG_LIMITS.entries) throw new Error('the ring grew past its bound');
  return out;
}

export interface ChattyRow {
  /** What every tab's log holds in memory, by the background's own count. */
  memory: number;
  /** What storage.session holds for them, as Chrome's getBytesInUse counts (each key and its JSON). */
  stored: number;
  /** Rows kept, of those sent. */
  kept: number;
  sent: number;
}

/**
 * A dozen tabs of a chatty page (issue 33, 4): `calls` requests each with 2 KiB URLs, interleaved,
 * through the request log's reducer and its one budget, as background/request-log.ts keeps them.
 */
export function chattyTabs(tabs = 12, calls = 200): ChattyRow {
  const logs = new Map<number, RequestLog>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < calls; i++)
    for (let tab = 1; tab <= tabs; tab++) {
      const before = logs.get(tab) ?? [];
      const url = `https://movies-staging.okteto.example.com/__test/chatty-data?i=${i}&q=${'x'.repeat(2048)}`;
      const id = String(++at);
      let after = reduceLog(before, { type: 'sent', id, at, method: 'GET', url, kind: 'xmlhttprequest', expected: 'alice' });
      after = reduceLog(after, { type: 'answered', id, status: 200 });
      after = reduceLog(after, { type: 'done', id, at: at + 5 });
      total += before.length === 0 && !logs.has(tab) ? logBytes(after) : bytesChange(before, after);
      logs.set(tab, after);
      if (total > LOG_BUDGET_BYTES)
        for (const [t, cut] of fitLogs(logs, LOG_BUDGET_BYTES, total)) {
          total += bytesChange(logs.get(t) ?? [], cut);
          logs.set(t, cut);
        }
    }
  const stored = [...logs].reduce((n, [t, log]) => n + Buffer.byteLength(`requests:${t}${JSON.stringify(log)}`), 0);
  const kept = [...logs.values()].reduce((n, log) => n + log.length, 0);
  return { memory: total, stored, kept, sent: tabs * calls };
}
