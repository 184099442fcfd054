import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../core/compare';
import { diffAnswers, sameAnswer } from './diff';

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
        { op: 'added', path: 'movies[2]', ours: 'c' },
        { op: 'changed', path: 'meta.v', ours: 2, theirs: 1 },
        { op: 'removed', path: 'meta.old', theirs: true },
      ],
      namesNamespace: ['namespace'],
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

  it('a body over the limit is not compared', () => {
    expect(diffAnswers({ ...answer('alice', undefined), tooLarge: true }, answer('staging', '{}')).body).toEqual({
      kind: 'missing',
      why: 'too-large',
    });
  });
});
