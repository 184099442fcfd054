import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../core/compare';
import { diffAnswers, sameAnswer, TEXT_LIMITS } from './diff';
import { JSON_LIMITS } from './json-diff';

const answer = (namespace: string, body: string | undefined, headers: [string, string][] = []): CompareAnswer => ({
  namespace,
  status: 200,
  headers: [['content-type', 'application/json'], ['date', namespace], ...headers],
  body,
});

describe('diffAnswers', () => {
  it('JSON: paths added, removed and changed; a field naming each side’s namespace is set apart', () => {
    const ours = answer('alice', JSON.stringify({ namespace: 'alice', movies: ['a', 'b', 'c'], meta: { v: 2 } }), [
      ['x-okteto-namespace', 'alice'],
    ]);
    const theirs = answer('staging', JSON.stringify({ namespace: 'staging', movies: ['a', 'b'], meta: { v: 1, old: true } }), [
      ['x-okteto-namespace', 'staging'],
    ]);
    const d = diffAnswers(ours, theirs, 'x-okteto-namespace');
    expect(d.headers).toEqual([]); // date is incidental, the served-by header is shown apart
    expect(d.body).toEqual({
      kind: 'json',
      changes: [
        { op: 'added', path: 'movies[2]', ours: '"c"' },
        { op: 'changed', path: 'meta.v', ours: '2', theirs: '1' },
        { op: 'removed', path: 'meta.old', theirs: 'true' },
      ],
      more: 0,
      namesNamespace: ['namespace'],
      depthCut: false,
    });
    expect(sameAnswer(d)).toBe(false);
  });

  it('only the namespaces’ own names differ: the same answer', () => {
    const d = diffAnswers(answer('alice', '{"namespace":"alice"}'), answer('staging', '{"namespace":"staging"}'));
    expect(sameAnswer(d)).toBe(true);
  });

  it('text: a line diff, bounded; status and headers that differ', () => {
    const many = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const ours = { ...answer('alice', `hello\n${many}\n`, [['x-feature', 'on']]), status: 500 };
    const d = diffAnswers(ours, answer('staging', 'hello\nbye\n'));
    expect(d.status).toEqual([500, 200]);
    expect(d.headers).toEqual([['x-feature', 'on', undefined]]);
    expect(d.body.kind).toBe('text');
    if (d.body.kind !== 'text') return;
    expect(d.body.lines[0]).toEqual({ op: '-', text: 'bye' });
    expect(d.body.lines).toHaveLength(200);
    expect(d.body.more).toBe(301);
  });

  it('text: a few lines changed among many are paired up, not cut', () => {
    const many = (changed: number) =>
      Array.from({ length: 3000 }, (_, i) => (i === changed ? 'changed' : `line ${i}`)).join('\n');
    const d = diffAnswers(answer('alice', many(1500)), answer('staging', many(-1)));
    expect(d.body).toEqual({
      kind: 'text',
      lines: [
        { op: '-', text: 'line 1500' },
        { op: '+', text: 'changed' },
      ],
      more: 0,
    });
  });

  it('a body over the limit is not compared', () => {
    expect(diffAnswers({ ...answer('alice', undefined), tooLarge: true }, answer('staging', '{}')).body).toEqual({
      kind: 'missing',
      why: 'too-large',
    });
  });
});

/** `kib` KiB of lines that all name `who`, so two such bodies share no line. */
const lines = (who: string, kib: number) => {
  let s = '';
  for (let i = 0; s.length < kib * 1024 - 64; i++) s += `${who} line ${i}\n`;
  return s;
};
/** `levels` arrays nested in one another, with `leaf` at the bottom: `[[[…"leaf"…]]]`. */
const nested = (levels: number, leaf: string) => `${'['.repeat(levels)}${JSON.stringify(leaf)}${']'.repeat(levels)}`;

// Hostile answers: a server writes both bodies. Each case asserts the bound that held (the edit
// search given up, the depth cap, the kept changes), never the clock.
describe('diffAnswers bounds what a server can make it do', () => {
  it('64 KiB of all-different lines: the edit search gives up at its bound, shown as cut', () => {
    const d = diffAnswers(answer('alice', lines('alice', 64)), answer('staging', lines('staging', 64)));
    if (d.body.kind !== 'text') throw new Error(`expected a text diff, got ${d.body.kind}`);
    expect(d.body.cut).toBe(true);
    expect(d.body.lines).toHaveLength(TEXT_LIMITS.lines);
    expect(d.body.lines[0]).toEqual({ op: '-', text: 'staging line 0' });
    // Every line of both sides is accounted for: shown or counted.
    const total = lines('alice', 64).split('\n').length - 1 + lines('staging', 64).split('\n').length - 1;
    expect(d.body.lines.length + d.body.more).toBe(total);
  });

  it('a cut diff keeps what both sides share at the start and the end out of it', () => {
    const body = (mid: string) => `head 1\nhead 2\n${mid}tail 1\ntail 2\n`;
    const d = diffAnswers(answer('alice', body(lines('alice', 16))), answer('staging', body(lines('staging', 16))));
    if (d.body.kind !== 'text') throw new Error(`expected a text diff, got ${d.body.kind}`);
    expect(d.body.cut).toBe(true);
    expect(d.body.lines[0]).toEqual({ op: '-', text: 'staging line 0' });
    expect(d.body.lines.some((l) => l.text.startsWith('head') || l.text.startsWith('tail'))).toBe(false);
  });

  it('5,000 nested arrays: no RangeError, compared down to the depth cap and said so', () => {
    const d = diffAnswers(answer('alice', nested(5000, 'alice-only')), answer('staging', nested(5000, 'staging-only')));
    expect(d.body).toMatchObject({ kind: 'json', changes: [], more: 0, depthCut: true });
    expect(sameAnswer(d)).toBe(false);
  });

  it('a difference just above the depth cap is found; one just below it is not looked for', () => {
    const at = diffAnswers(answer('alice', nested(JSON_LIMITS.depth, 'a')), answer('staging', nested(JSON_LIMITS.depth, 'b')));
    expect(at.body).toMatchObject({ kind: 'json', depthCut: false, changes: [{ op: 'changed', ours: '"a"', theirs: '"b"' }] });
    if (at.body.kind === 'json') expect(at.body.changes[0].path).toBe('[0]'.repeat(JSON_LIMITS.depth));
    const below = diffAnswers(
      answer('alice', nested(JSON_LIMITS.depth + 1, 'a')),
      answer('staging', nested(JSON_LIMITS.depth + 1, 'b')),
    );
    expect(below.body).toMatchObject({ kind: 'json', depthCut: true, changes: [] });
  });

  it('a deep value added whole is shown as a clipped preview, not stringified to the bottom', () => {
    const ours = answer('alice', `{"deep":${nested(5000, 'x')}}`);
    const d = diffAnswers(ours, answer('staging', '{}'));
    if (d.body.kind !== 'json') throw new Error(`expected a JSON diff, got ${d.body.kind}`);
    expect(d.body.changes).toHaveLength(1);
    expect(d.body.changes[0]).toMatchObject({ op: 'added', path: 'deep' });
    expect(d.body.changes[0].ours).toBe(`${'['.repeat(JSON_LIMITS.chars)}…`);
  });

  it('huge arrays: at most the kept changes, the rest counted', () => {
    const array = (who: string) => JSON.stringify(Array.from({ length: 6_000 }, (_, i) => `${who}${i}`));
    const d = diffAnswers(answer('alice', array('a')), answer('staging', array('s')));
    expect(d.body).toMatchObject({ kind: 'json', more: 6_000 - JSON_LIMITS.changes });
    if (d.body.kind === 'json') expect(d.body.changes).toHaveLength(JSON_LIMITS.changes);
  });

  it('huge keys and values are clipped in every path and value shown', () => {
    const key = 'k'.repeat(30_000);
    const ours = JSON.stringify({ [key]: { a: 'x'.repeat(20_000), b: 1 } });
    const theirs = JSON.stringify({ [key]: { a: 'y'.repeat(20_000), b: 2 } });
    const d = diffAnswers(answer('alice', ours), answer('staging', theirs));
    if (d.body.kind !== 'json') throw new Error(`expected a JSON diff, got ${d.body.kind}`);
    expect(d.body.changes).toHaveLength(2);
    for (const c of d.body.changes) {
      expect(c.path.length).toBeLessThanOrEqual(JSON_LIMITS.chars + 1);
      expect((c.ours ?? '').length).toBeLessThanOrEqual(JSON_LIMITS.chars + 3);
      expect((c.theirs ?? '').length).toBeLessThanOrEqual(JSON_LIMITS.chars + 3);
    }
  });

  it('a key named like an Object method is a key, not a method', () => {
    const d = diffAnswers(answer('alice', '{"constructor":1,"__proto__":2}'), answer('staging', '{}'));
    expect(d.body).toMatchObject({ kind: 'json', changes: [{ path: 'constructor' }, { path: '__proto__' }] });
  });

  it('a body longer than the compare ever fetches is not compared', () => {
    const big = 'x'.repeat(TEXT_LIMITS.chars + 1);
    expect(diffAnswers(answer('alice', big), answer('staging', 'y')).body).toEqual({ kind: 'missing', why: 'too-large' });
  });
});

// Issue 33 item 3: an array against an object with the same index keys is not "the same answer",
// at the top as in nested pairs.
describe('an array is not an object', () => {
  it('a top-level array against an object with keys "0", "1" differs', () => {
    const d = diffAnswers(answer('alice', '[1,2]'), answer('staging', '{"0":1,"1":2}'));
    expect(sameAnswer(d)).toBe(false);
    expect(d.body.kind).not.toBe('same');
  });
});
