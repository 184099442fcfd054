import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  filterLog,
  LOG_LIMITS,
  type LogEvent,
  namespacesIn,
  type RequestLog,
  reduceLog,
  replayable,
  rowVerdict,
} from './request-log';

const sent = (id: string, url: string, baggage?: string, expected: string | null = 'alice'): LogEvent => ({
  type: 'sent',
  id,
  at: 1000,
  method: 'GET',
  url,
  kind: 'xmlhttprequest',
  baggage,
  expected: expected ?? undefined,
  idle: 'paused',
});
const run = (events: LogEvent[]) => events.reduce<RequestLog>(reduceLog, []);

describe('request log (pure)', () => {
  it('marks what differs: served by another namespace, a header changed or stripped on the way', () => {
    const log = run([
      sent('1', 'http://a/', 'okteto-divert=alice'),
      { type: 'answered', id: '1', status: 200, served: 'alice' },
      sent('2', 'http://b/', 'okteto-divert=alice'),
      { type: 'answered', id: '2', status: 200, served: 'staging' },
      sent('3', 'http://c/', 'okteto-divert=mallory'),
      sent('4', 'http://d/'),
      sent('5', 'http://e/', undefined, null),
      sent('6', 'http://f/', 'okteto-divert=alice'),
    ]);
    const verdicts = Object.fromEntries(log.map((r) => [r.id, rowVerdict(r)]));
    expect(verdicts).toEqual({ '1': 'match', '2': 'mismatch', '3': 'mismatch', '4': 'mismatch', '5': 'unknown', '6': 'unknown' });
    expect(filterLog(log, { mismatchesOnly: true }).map((r) => r.id)).toEqual(['4', '3', '2']);
    expect(filterLog(log, { namespace: 'staging' }).map((r) => r.id)).toEqual(['2']);
    expect(filterLog(log, { namespace: 'none' }).map((r) => r.id)).toEqual(['5', '4']);
    expect(namespacesIn(log)).toEqual(['alice', 'mallory', 'staging']);
  });

  it('a redirect keeps one row; the probe speaks for its document unless a header did', () => {
    const log = run([
      sent('1', 'http://a/old', 'okteto-divert=alice'),
      sent('1', 'http://a/new', 'okteto-divert=alice'),
      { type: 'probe', url: 'http://a/new', served: 'alice' },
    ]);
    expect(log).toHaveLength(1);
    expect(log[0].url).toBe('http://a/new');
    const doc = run([
      { ...(sent('9', 'http://a/') as Extract<LogEvent, { type: 'sent' }>), kind: 'main_frame' },
      { type: 'probe', url: 'http://a/', served: 'alice' },
    ]);
    expect(doc[0]).toMatchObject({ served: 'alice', source: 'probe' });
  });

  it('whatever a page and its servers send, the log stays within its bounds', () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('sent' as const),
        id: fc.string({ maxLength: 4 }),
        at: fc.nat(),
        method: fc.string({ maxLength: 40 }),
        url: fc.string({ maxLength: 5000 }),
        kind: fc.string({ maxLength: 60 }),
        baggage: fc.option(fc.string({ maxLength: 10_000 }), { nil: undefined }),
        expected: fc.constantFrom('alice', 'paused', undefined),
        idle: fc.constantFrom('paused' as const, 'off' as const),
      }),
      fc.record({
        type: fc.constant('answered' as const),
        id: fc.string({ maxLength: 4 }),
        status: fc.nat(),
        served: fc.string({ maxLength: 1000 }),
      }),
      fc.record({ type: fc.constant('done' as const), id: fc.string({ maxLength: 4 }), at: fc.nat(), cached: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 700 }), (events) => {
        const log = run(events as LogEvent[]);
        expect(log.length).toBeLessThanOrEqual(LOG_LIMITS.entries);
        for (const row of log) {
          expect(row.url.length).toBeLessThanOrEqual(LOG_LIMITS.urlChars);
          expect((row.served ?? '').length).toBeLessThanOrEqual(LOG_LIMITS.valueChars);
          expect((row.pageBaggage ?? '').length).toBeLessThanOrEqual(LOG_LIMITS.baggageChars);
          expect(row.method.length).toBeLessThanOrEqual(16);
        }
      }),
      { numRuns: 60 },
    );
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('request log, event by event', () => {
  const at = (id: string, extra: Partial<Extract<LogEvent, { type: 'sent' }>> = {}): LogEvent => ({
    ...(sent(id, `http://a/${id}`, 'okteto-divert=alice') as Extract<LogEvent, { type: 'sent' }>),
    ...extra,
  });

  it('a long URL is cut to its limit with an ellipsis; one exactly at the limit is not', () => {
    const exact = `http://a/${'x'.repeat(LOG_LIMITS.urlChars - 9)}`;
    expect(run([at('1', { url: exact })])[0].url).toBe(exact);
    const [row] = run([at('1', { url: `${exact}yz` })]);
    expect(row.url).toBe(`${exact.slice(0, LOG_LIMITS.urlChars - 1)}…`);
  });

  it('a row says why it carries no namespace: paused as told, else off', () => {
    expect(run([at('1', { expected: undefined, idle: 'paused' })])[0]).toMatchObject({ idle: 'paused' });
    expect(run([at('1', { expected: undefined, idle: undefined })])[0]).toMatchObject({ idle: 'off' });
    expect(run([at('1')])[0]).not.toHaveProperty('idle');
  });

  it('keeps the baggage it left with only when the page had members of its own in it', () => {
    const page = (baggage: string) => run([at('1', { baggage })])[0].pageBaggage;
    expect(page('sentry-trace=1,okteto-divert=alice')).toBe('sentry-trace=1,okteto-divert=alice');
    expect(run([at('1')])[0]).not.toHaveProperty('pageBaggage');
    expect(page('okteto-divert=alice, ')).toBeUndefined(); // a comma, but no member of the page's
    const filler = (n: number) => `okteto-divert=alice,x=${'y'.repeat(n - 22)}`;
    expect(page(filler(LOG_LIMITS.baggageChars))).toHaveLength(LOG_LIMITS.baggageChars);
    expect(page(filler(LOG_LIMITS.baggageChars + 1))).toBeUndefined();
    // More members than a baggage header may have: not one the compare can send again.
    expect(page(Array.from({ length: 100 }, (_, i) => `m${i}=1`).join(','))).toBeUndefined();
  });

  it('an answer, a probe, an end or a failure changes only its own row, never the log it was given', () => {
    const log = run([at('1', { kind: 'main_frame' }), at('2', { kind: 'main_frame' })]);
    const before = structuredClone(log);
    const answered = reduceLog(log, { type: 'answered', id: '1', status: 503, served: ' staging ' });
    expect(answered[1]).toMatchObject({ id: '1', status: 503, served: 'staging', source: 'header' });
    expect(answered[0]).toBe(log[0]);
    expect(log).toEqual(before);
    expect(reduceLog(log, { type: 'answered', id: '2', status: 204 })[0]).toEqual({ ...log[0], status: 204 });
    expect(reduceLog(log, { type: 'answered', id: 'nope', status: 200 })).toBe(log);
    // The probe speaks for the document of its URL, not for the other one nor a header's answer.
    const probed = reduceLog(log, { type: 'probe', url: 'http://a/1', served: 'bob' });
    expect(probed[1]).toMatchObject({ id: '1', served: 'bob', source: 'probe' });
    expect(probed[0]).toBe(log[0]);
    expect(reduceLog(answered, { type: 'probe', url: 'http://a/1', served: 'bob' })).toBe(answered);
    expect(reduceLog(log, { type: 'probe', url: 'http://a/none', served: 'bob' })).toBe(log);
    const fetched = run([at('3')]);
    expect(reduceLog(fetched, { type: 'probe', url: 'http://a/3', served: 'bob' })).toBe(fetched);
    // How long it took (never less than 0), from the cache or not, and why it failed, cut short.
    expect(reduceLog(log, { type: 'done', id: '1', at: 1250.4, cached: true })[1]).toMatchObject({ ms: 250, cached: true });
    expect(reduceLog(log, { type: 'done', id: '1', at: 900 })[1]).toEqual({ ...log[1], ms: 0 });
    const failed = reduceLog(log, { type: 'failed', id: '2', at: 1100, error: 'e'.repeat(500) })[0];
    expect(failed).toMatchObject({ ms: 100, error: `${'e'.repeat(LOG_LIMITS.valueChars - 1)}…` });
    expect(reduceLog(log, { type: 'failed', id: '2', at: 10, error: 'x' })[0].ms).toBe(0);
  });

  it('holds its last 500 requests; a redirect of one of them keeps all 500', () => {
    let log = run(Array.from({ length: LOG_LIMITS.entries }, (_, i) => at(String(i))));
    expect(log).toHaveLength(LOG_LIMITS.entries);
    log = reduceLog(log, at('0', { url: 'http://a/moved' }));
    expect(log).toHaveLength(LOG_LIMITS.entries);
    expect(log[0].url).toBe('http://a/moved');
    expect(log.at(-1)?.id).toBe('1');
    log = reduceLog(log, at('0', { url: 'http://a/again' }));
    expect(log.map((r) => r.id).slice(0, 2)).toEqual(['0', '499']);
    expect(log).toHaveLength(LOG_LIMITS.entries);
    expect(reduceLog(log, at('new')).at(-1)?.id).toBe('2');
  });

  it('a row that left with a namespace while idle, or a cached one, says what it can', () => {
    const idle = run([at('1', { expected: undefined }), { type: 'answered', id: '1', status: 200, served: 'alice' }]);
    expect(rowVerdict(idle[0])).toBe('match');
    const bare = run([sent('1', 'http://a/', undefined, null), { type: 'answered', id: '1', status: 200, served: 'alice' }]);
    expect(rowVerdict(bare[0])).toBe('unknown');
    const cached = reduceLog(run([at('1'), { type: 'answered', id: '1', status: 200, served: 'bob' }]), {
      type: 'done',
      id: '1',
      at: 1001,
      cached: true,
    });
    expect(rowVerdict(cached[0])).toBe('unknown');
  });

  it('names only real namespaces, sorted', () => {
    const log = run([
      at('1', { baggage: 'okteto-divert=zed' }),
      at('2', { baggage: 'okteto-divert=Not A Namespace' }),
      { type: 'answered', id: '2', status: 200, served: '<b>x</b>' },
      { type: 'answered', id: '1', status: 200, served: 'amy' },
    ]);
    expect(namespacesIn(log)).toEqual(['amy', 'zed']);
  });

  it('sends again only the safe methods', () => {
    const row = (method: string) => run([at('1', { method })])[0];
    expect(['GET', 'HEAD', 'POST', 'DELETE', 'get'].map((m) => replayable(row(m)))).toEqual([true, true, false, false, false]);
  });
});
