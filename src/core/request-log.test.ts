import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterLog, LOG_LIMITS, type LogEvent, namespacesIn, type RequestLog, reduceLog, rowVerdict } from './request-log';

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
