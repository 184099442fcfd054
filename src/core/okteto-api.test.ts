import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { readPreviews, readSpace, readSpaces, unsupported } from './okteto-api';

const I = 'https://okteto.example.com';

describe('readSpaces', () => {
  const ok = (body: unknown) => readSpaces(I, 200, 'application/json', JSON.stringify(body));
  it('reads namespaces, sorted, valid ones only, once each', () => {
    expect(
      ok({
        data: {
          spaces: [{ id: 'bob', owner: 'b' }, { id: 'alice', owner: 'a' }, { id: 'Bad Name' }, { id: 3 }, { id: 'alice' }],
        },
      }),
    ).toEqual({
      value: { namespaces: ['alice', 'bob'], statuses: {} },
    });
  });
  it.each([
    [401, 'application/json', '{}', 'expired or was revoked'],
    [403, 'text/plain', 'no', `${I}/#/settings/setup`],
    [500, 'text/plain', 'oops', 'HTTP 500'],
    [502, 'text/html', '<html>', 'HTTP 502'],
    [200, 'text/html', '<html><body>login</body></html>', 'answered a web page'],
    [200, 'application/json', 'not json', 'not JSON'],
    [200, 'application/json', '{"errors":[{"message":"boom"}]}', 'Okteto answered with an error: boom'],
    [200, 'application/json', '{"errors":[{"message":"unauthorized"}]}', 'personal access token'],
    [200, 'application/json', '{"data":{"other":[]}}', 'did not answer the namespaces query'],
  ])('maps %d %s %j to a message', (status, type, body, words) => {
    expect(inEnglish(readSpaces(I, status, type, body).error)).toContain(words);
  });
  it('refuses a body past the limit', () => {
    expect(inEnglish(readSpaces(I, 200, 'application/json', undefined).error)).toContain('1 MiB');
  });
});

describe('readSpace (what a namespace runs)', () => {
  it('bounds what a namespace lists, and keeps only sound names and URLs', async () => {
    const many = Array.from({ length: 600 }, (_, i) => ({
      name: `svc-${i}`,
      endpoints: [{ url: `https://svc-${i}.example.com` }],
    }));
    const body = JSON.stringify({
      data: {
        space: {
          id: 'a',
          status: 'Active',
          deployments: [{ name: 'Bad Name' }, { name: 'x', endpoints: [{ url: 'javascript:alert(1)' }] }, ...many],
          statefulsets: [],
        },
      },
    });
    const d = readSpace(I, 'a', 200, 'application/json', body, 1).value;
    expect(d?.services).toHaveLength(500);
    expect(d?.services.find((s) => s.name === 'x')?.endpoints).toEqual([]);
    expect(d?.services.some((s) => s.name === 'Bad Name')).toBe(false);
  });
});

describe('readPreviews (what an instance may send)', () => {
  const read = (previews: unknown) => readPreviews(I, 200, 'application/json', JSON.stringify({ data: { previews } }));
  it('keeps valid ids once each; a branch only as plain printable text, a scope only as a word', () => {
    const r = read([
      { id: 'pr-1', branch: 'feature/login', scope: 'global', sleeping: false },
      { id: 'pr-2', branch: '<img src=x onerror=alert(1)> x', scope: 'ev il' },
      { id: 'pr-3', branch: 'b'.repeat(10_000), sleeping: true },
      { id: 'Not A Namespace', branch: 'x' },
      { id: 'pr-1', branch: 'again' },
    ]);
    expect(r.value).toEqual({
      namespaces: ['pr-1', 'pr-2', 'pr-3'],
      statuses: { 'pr-1': 'Active', 'pr-3': 'Sleeping' },
      previews: { 'pr-1': { branch: 'feature/login', scope: 'global' }, 'pr-2': {}, 'pr-3': {} },
    });
  });
  it('bounds a flood of previews, and refuses what is not a list', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => ({ id: `pr-${i}`, branch: 'b' }));
    expect(read(many).value?.namespaces.length).toBeLessThanOrEqual(2000);
    expect(inEnglish(read({ nope: true }).error)).toContain('did not answer the previews query');
  });
  it('tells a field the instance does not know from other errors', () => {
    expect(unsupported(JSON.stringify({ errors: [{ message: 'Unknown argument "labels" on field "Query.previews".' }] }))).toBe(
      true,
    );
    expect(unsupported(JSON.stringify({ errors: [{ message: 'not-authorized' }] }))).toBe(false);
    expect(unsupported('<html>')).toBe(false);
    expect(unsupported(undefined)).toBe(false);
  });
});
