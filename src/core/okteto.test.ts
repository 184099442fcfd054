import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { readPreviews, readSpaces, unsupported, validateInstanceUrl } from './okteto';

const I = 'https://okteto.example.com';

describe('validateInstanceUrl', () => {
  it.each([
    ['https://okteto.example.com/', I],
    ['okteto.example.com', I],
    ['https://okteto.example.com/#/spaces', I],
    ['http://localhost:8080', 'http://localhost:8080'],
  ])('%s → %s', (input, origin) => expect(validateInstanceUrl(input).value).toBe(origin));
  it.each([
    ['', 'Enter your Okteto instance URL'],
    ['http://okteto.example.com', 'https'],
    ['https://u:p@okteto.example.com', 'token goes in its own field'],
    ['::::', 'not a URL'],
  ])('refuses %j', (input, why) => expect(inEnglish(validateInstanceUrl(input).error)).toContain(why));
});

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

describe('statuses, services and the pasted context', () => {
  it('flags a namespace being deleted like one that is gone', async () => {
    const { missingFromOkteto } = await import('./okteto');
    const okteto = { url: I, namespaces: ['alice', 'bob'], statuses: { alice: 'Deleting', bob: 'Sleeping' } };
    expect(missingFromOkteto(okteto, 'alice')).toBe(true);
    expect(missingFromOkteto(okteto, 'bob')).toBe(false);
    expect(missingFromOkteto(okteto, 'carol')).toBe(true);
    // a failed refresh keeps the last good list
    expect(missingFromOkteto({ ...okteto, error: 'down' }, 'carol')).toBe(true);
  });

  it('reads what `okteto context show --include-token` prints (okteto/okteto cmd/context/show.go)', async () => {
    const { readContextShow } = await import('./okteto');
    const printed = JSON.stringify(
      {
        name: 'https://okteto.example.com',
        id: '0a1b2c',
        username: 'alice',
        token: 'okteto-pat-0123456789abcdef',
        namespace: 'alice',
        builder: 'tcp://buildkit.okteto.example.com:443',
        registry: 'registry.okteto.example.com',
        personalNamespace: 'alice',
        isOkteto: true,
      },
      null,
      '  ',
    );
    expect(readContextShow(printed)).toEqual({
      value: { url: 'https://okteto.example.com', token: 'okteto-pat-0123456789abcdef' },
    });
    const { token: _t, ...withoutToken } = JSON.parse(printed);
    expect(inEnglish(readContextShow(JSON.stringify(withoutToken)).error)).toContain('--include-token');
    expect(
      inEnglish(readContextShow(JSON.stringify({ ...withoutToken, name: 'minikube', isOkteto: false, token: 'x' })).error),
    ).toContain('Kubernetes context');
    expect(inEnglish(readContextShow('okteto-pat-123').error)).toContain('not the JSON');
    expect(inEnglish(readContextShow(JSON.stringify({ name: 'http://okteto.example.com', token: 'abcdefgh1' })).error)).toContain(
      'https',
    );
  });

  it('bounds what a namespace lists, and keeps only sound names and URLs', async () => {
    const { readSpace } = await import('./okteto');
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

describe('endpoints', () => {
  it('maps a host to its service and namespace, finds a namespace’s own endpoint, and reads a namespace from a host name', async () => {
    const { endpointAt, endpointOf, namespaceInHost } = await import('./okteto');
    const svc = (name: string, endpoints: string[]) => ({ name, kind: 'deployment' as const, endpoints });
    const okteto = {
      url: I,
      namespaces: ['staging', 'alice', 'alice-2'],
      details: {
        staging: { services: [svc('frontend', ['https://movies-staging.okteto.example.com'])], fetchedAt: 1 },
        alice: { services: [svc('frontend', ['https://movies-alice.okteto.example.com/'])], fetchedAt: 1 },
      },
    };
    expect(endpointAt(okteto, 'movies-staging.okteto.example.com')).toEqual({ namespace: 'staging', service: 'frontend' });
    expect(endpointAt(okteto, 'movies-staging.okteto.example.com.evil.test')).toBeUndefined();
    expect(endpointOf(okteto, 'alice', 'frontend')).toBe('https://movies-alice.okteto.example.com/');
    expect(endpointOf(okteto, 'bob', 'frontend')).toBeUndefined();
    expect(namespaceInHost(okteto, 'movies-alice-2.okteto.example.com')).toBe('alice-2');
    expect(namespaceInHost(okteto, 'movies-alice.okteto.example.com')).toBe('alice');
    expect(namespaceInHost(okteto, 'example.com')).toBeUndefined();
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
