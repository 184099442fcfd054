import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import { readSpace, readSpaces, readWake, SPACE_QUERY, SPACES_QUERY, WAKE_MUTATION } from '../../src/core/okteto';

// The extension's queries against the stand-in's real GraphQL schema (graphql-js, exactly the
// contract's subset), read by the extension's own parsers.
describe('the Okteto API queries the extension sends', () => {
  let okteto: Awaited<ReturnType<typeof startOktetoApi>>;
  const TOKEN = 'okteto-pat-unit-0123456789';
  beforeAll(async () => {
    okteto = await startOktetoApi({
      token: TOKEN,
      spaces: [
        {
          id: 'staging',
          status: 'Active',
          deployments: [{ name: 'frontend', endpoints: ['https://movies-staging.okteto.example.com'] }, { name: 'catalog' }],
          statefulsets: [{ name: 'db' }],
        },
        {
          id: 'alice',
          status: 'Sleeping',
          deployments: [{ name: 'catalog', endpoints: ['https://catalog-alice.okteto.example.com'] }],
          statefulsets: [],
        },
      ],
    });
  });
  afterAll(() => okteto.close());

  const post = async (query: string, variables?: object) => {
    const res = await fetch(`${okteto.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('spaces: names and statuses', async () => {
    const r = await post(SPACES_QUERY);
    expect(readSpaces(okteto.url, r.status, r.type, r.body)).toEqual({
      value: { namespaces: ['alice', 'staging'], statuses: { alice: 'Sleeping', staging: 'Active' } },
    });
  });

  it('space: its deployments and statefulsets with their endpoints', async () => {
    const r = await post(SPACE_QUERY, { id: 'staging' });
    const d = readSpace(okteto.url, 'staging', r.status, r.type, r.body, 5);
    expect(d.value).toEqual({
      status: 'Active',
      fetchedAt: 5,
      services: [
        { name: 'catalog', kind: 'deployment', status: 'running', deployedBy: 'okteto', endpoints: [] },
        { name: 'db', kind: 'statefulset', status: 'running', deployedBy: 'okteto', endpoints: [] },
        {
          name: 'frontend',
          kind: 'deployment',
          status: 'running',
          deployedBy: 'okteto',
          endpoints: ['https://movies-staging.okteto.example.com'],
        },
      ],
    });
    const gone = await post(SPACE_QUERY, { id: 'nobody' });
    expect(readSpace(okteto.url, 'nobody', gone.status, gone.type, gone.body, 5).error).toContain(
      'not among your Okteto namespaces',
    );
  });

  it('wakeSpace: the mutation wakes it', async () => {
    const r = await post(WAKE_MUTATION, { space: 'alice' });
    expect(readWake(okteto.url, r.status, r.type, r.body)).toEqual({ value: true });
    expect(okteto.api.woken).toEqual(['alice']);
    const after = await post(SPACES_QUERY);
    expect(readSpaces(okteto.url, after.status, after.type, after.body).value?.statuses.alice).toBe('Active');
  });

  it('a field outside the contract fails as it would on a real instance, with a clear message', async () => {
    const r = await post('query { spaces { id owner status persistent createdAt } }');
    expect(r.status).toBe(400);
    expect(readSpaces(okteto.url, r.status, r.type, r.body).error).toMatch(
      /does not offer what Divert Switch asks of it \(Cannot query field "createdAt"/,
    );
  });
});
