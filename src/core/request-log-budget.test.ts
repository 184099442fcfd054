import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LogEvent, type LoggedRequest, type RequestLog, reduceLog } from './request-log';
import { bytesChange, fitLogs, LOG_BUDGET_BYTES, logBytes, rowBytes } from './request-log-budget';

const row = (tab: number, at: number, urlChars = 100): LoggedRequest => ({
  id: `${tab}-${at}`,
  at,
  method: 'GET',
  url: `http://movies.okteto.example.com/${'x'.repeat(urlChars)}`,
  type: 'xmlhttprequest',
});
const total = (logs: Map<number, RequestLog>) => [...logs.values()].reduce((n, log) => n + logBytes(log), 0);

describe('request log budget (pure)', () => {
  it('counts a row as the browser stores it, or a little more: its JSON in UTF-8 bytes', () => {
    const r = { ...row(1, 1), url: 'http://a/é😀' };
    expect(rowBytes(r)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(r)) + 1);
    expect(rowBytes(r)).toBeLessThanOrEqual(Buffer.byteLength(JSON.stringify(r)) + 4);
    // Escapes, two- and three-byte characters, pairs and lone halves, line separators.
    for (const url of ['a"b\\c', '\u0001\u001f', 'ß', '€', '😀😀', '\ud800x', '\udfff', '\u2028', 'x'.repeat(3000)]) {
      const odd = { ...r, url };
      expect(rowBytes(odd)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(odd)) + 1);
    }
    expect(logBytes([r, r])).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify([r, r])) + 'requests:7'.length);
  });

  it('a dozen chatty tabs together stay within one budget; the oldest rows of any tab go first', () => {
    const logs = new Map<number, RequestLog>();
    let at = 0;
    for (let i = 0; i < 300; i++)
      for (let tab = 1; tab <= 12; tab++) logs.set(tab, [row(tab, ++at, 2048), ...(logs.get(tab) ?? [])]);
    expect(total(logs)).toBeGreaterThan(LOG_BUDGET_BYTES);
    const cut = fitLogs(logs);
    const after = new Map([...logs, ...cut]);
    expect(total(after)).toBeLessThanOrEqual(LOG_BUDGET_BYTES);
    const kept = [...after.values()].flat().map((r) => r.at);
    const dropped = [...logs.values()]
      .flat()
      .filter((r) => !kept.includes(r.at))
      .map((r) => r.at);
    expect(Math.max(...dropped)).toBeLessThan(Math.min(...kept));
    // Every tab keeps its newest rows: the panel of a quiet tab is not emptied by a noisy one.
    for (const log of after.values()) expect(log.length).toBeGreaterThan(0);
  });

  it('whatever the logs, the result fits, drops only the oldest, and changes nothing that fits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ at: fc.nat(10_000), chars: fc.nat(3000) }), { maxLength: 40 }), { maxLength: 6 }),
        fc.nat(80_000),
        (tabs, budget) => {
          const logs = new Map(
            tabs.map((rows, tab) => [
              tab,
              rows.map((r, i) => ({ ...row(tab, r.at, r.chars), id: `${i}` })).sort((a, b) => b.at - a.at),
            ]),
          );
          const cut = fitLogs(logs, budget);
          const after = new Map([...logs, ...cut]);
          if (total(logs) <= budget) expect(cut.size).toBe(0);
          else expect(total(after) <= budget || [...after.values()].every((l) => l.length === 0)).toBe(true);
          for (const [tab, log] of cut) expect(log).toEqual(logs.get(tab)?.slice(0, log.length));
          const keptAt = [...after.values()].flat().map((r) => r.at);
          const droppedAt = [...cut].flatMap(([tab, log]) => (logs.get(tab) ?? []).slice(log.length).map((r) => r.at));
          if (keptAt.length && droppedAt.length) expect(Math.max(...droppedAt)).toBeLessThanOrEqual(Math.min(...keptAt));
        },
      ),
    );
  });

  it('a step of the reducer changes the size by what bytesChange says (counted once per row, not per log)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const event: fc.Arbitrary<LogEvent> = fc.oneof(
      fc.record({
        type: fc.constant('sent' as const),
        id,
        at: fc.nat(100),
        method: fc.constant('GET'),
        url: fc.string({ maxLength: 40 }).map((s) => `http://a/${s}`),
        kind: fc.constant('main_frame'),
        expected: fc.constant('alice'),
      }),
      fc.record({ type: fc.constant('answered' as const), id, status: fc.nat(599), served: fc.string({ maxLength: 20 }) }),
      fc.record({ type: fc.constant('done' as const), id, at: fc.nat(200) }),
      fc.record({ type: fc.constant('failed' as const), id, at: fc.nat(200), error: fc.string({ maxLength: 20 }) }),
      fc.record({ type: fc.constant('probe' as const), url: fc.constant('http://a/'), served: fc.string({ maxLength: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let log: RequestLog = [];
        let size = logBytes(log);
        for (const e of events) {
          const next = reduceLog(log, e);
          size += bytesChange(log, next);
          log = next;
          expect(size).toBe(logBytes(log));
        }
        // and a cut to a prefix, as the budget makes
        expect(size + bytesChange(log, log.slice(0, 2))).toBe(logBytes(log.slice(0, 2)));
      }),
    );
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('request log budget, at its edges', () => {
  const logsOf = () =>
    new Map<number, RequestLog>([
      [1, [row(1, 5), row(1, 3)]],
      [2, [row(2, 4), row(2, 1)]],
    ]);

  it('a budget exactly met cuts nothing more: one row over it, the single oldest row goes', () => {
    const logs = logsOf();
    const all = total(logs);
    expect(fitLogs(logs, all).size).toBe(0);
    const oldest = (logs.get(2) as RequestLog)[1] as LoggedRequest;
    expect(fitLogs(logs, all - rowBytes(oldest))).toEqual(new Map([[2, [row(2, 4)]]]));
    expect(fitLogs(logs, all - 1)).toEqual(new Map([[2, [row(2, 4)]]]));
  });

  it('a caller that keeps count is believed, not counted again', () => {
    const logs = logsOf();
    const all = total(logs);
    expect(fitLogs(logs, all, all).size).toBe(0);
    expect(fitLogs(logs, all - 1, all)).toEqual(fitLogs(logs, all - 1));
    expect(fitLogs(logs, all, all + 1)).toEqual(new Map([[2, [row(2, 4)]]]));
  });

  it('logs with no rows left stop the cut (only their keys remain)', () => {
    const empty = new Map<number, RequestLog>([
      [1, []],
      [2, []],
    ]);
    expect(fitLogs(empty, 0)).toEqual(new Map());
  });
});

describe('request log budget, what it measures', () => {
  /** Fresh rows that note each time the budget serializes them (a row is measured once, then remembered). */
  const watch = (seen: string[]) => (id: string, at: number) => {
    const r = { ...row(1, at), id };
    Object.defineProperty(r, 'toJSON', {
      value() {
        seen.push(id);
        return { ...r };
      },
    });
    return r as LoggedRequest;
  };

  it('a step of the reducer measures only the rows it changed: every request pays for one row, not the log', () => {
    const cases: [string, (b: LoggedRequest[], w: (id: string, at: number) => LoggedRequest) => LoggedRequest[], string[]][] = [
      ['a new row in front', (b, w) => [w('new', 9), ...b], ['new']],
      ['a redirect moves one to the front', (b, w) => [w('b3+', 9), ...b.filter((r) => r.id !== 'b3')], ['b3+', 'b3']],
      ['an answer replaces one', (b, w) => b.map((r) => (r.id === 'b3' ? w('b3*', 3) : r)), ['b3*', 'b3']],
      ['the budget cuts the end', (b) => b.slice(0, 3), ['b4', 'b5']],
    ];
    for (const [what, step, expected] of cases) {
      const seen: string[] = [];
      const w = watch(seen);
      const before = ['b1', 'b2', 'b3', 'b4', 'b5'].map((id, i) => w(id, 5 - i));
      const after = step(before, w);
      const change = bytesChange(before, after);
      expect(seen.sort(), what).toEqual([...expected].sort());
      expect(change, what).toBe(logBytes(after) - logBytes(before));
    }
    const seen: string[] = [];
    const once = watch(seen)('once', 1);
    expect(rowBytes(once)).toBe(rowBytes(once));
    expect(seen).toEqual(['once']);
  });
});
