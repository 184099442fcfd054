import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktetoApi } from '../../dev/sandbox/okteto-api';
import {
  PREVIEW_QUERY,
  PREVIEWS_STEPS,
  readPreviews,
  readSpace,
  readSpaces,
  readWake,
  SPACE_QUERY,
  SPACES_QUERY,
  SPACES_STEPS,
  unsupported,
  WAKE_MUTATION,
  WAKE_PREVIEW_MUTATION,
} from '../../src/core/okteto-api';
import { inEnglish } from '../fixtures/words';

/** A query to a stand-in, as the extension posts it; its answer as the extension's readers take it. */
async function postTo(url: string, token: string, query: string, variables?: object) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

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

  const post = (query: string, variables?: object) => postTo(okteto.url, TOKEN, query, variables);

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
    expect(inEnglish(readSpace(okteto.url, 'nobody', gone.status, gone.type, gone.body, 5).error)).toContain(
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
    expect(inEnglish(readSpaces(okteto.url, r.status, r.type, r.body).error)).toMatch(
      /does not offer what Divert Switch asks of it \(Cannot query field "createdAt"/,
    );
  });

  it('previews: by labels, with their branch and status; the preview query and its wake', async () => {
    okteto.api.spaces.push({
      id: 'pr-7',
      status: 'Sleeping',
      deployments: [{ name: 'frontend', endpoints: ['https://movies-pr-7.okteto.example.com'] }],
      statefulsets: [],
      preview: { branch: 'feature/login', labels: ['movies'] },
    });
    const r = await post(PREVIEWS_STEPS[0], { labels: [] });
    expect(readPreviews(okteto.url, r.status, r.type, r.body).value).toEqual({
      namespaces: ['pr-7'],
      statuses: { 'pr-7': 'Sleeping' },
      previews: { 'pr-7': { branch: 'feature/login', scope: 'personal' } },
    });
    const other = await post(PREVIEWS_STEPS[0], { labels: ['another-team'] });
    expect(readPreviews(okteto.url, other.status, other.type, other.body).value?.namespaces).toEqual([]);
    const d = await post(PREVIEW_QUERY, { id: 'pr-7' });
    expect(readSpace(okteto.url, 'pr-7', d.status, d.type, d.body, 5, 'preview').value?.services.map((x) => x.name)).toEqual([
      'frontend',
    ]);
    const w = await post(WAKE_PREVIEW_MUTATION, { preview: 'pr-7' });
    expect(readWake(okteto.url, w.status, w.type, w.body, 'wakePreview')).toEqual({ value: true });
    // A preview is not a space: the spaces query does not list it.
    const sp = await post(SPACES_QUERY);
    expect(readSpaces(okteto.url, sp.status, sp.type, sp.body).value?.namespaces).not.toContain('pr-7');
  });
});

describe('an older instance (the contract’s older shapes)', () => {
  let older: Awaited<ReturnType<typeof startOktetoApi>>;
  const TOKEN = 'okteto-pat-older-0123456789';
  beforeAll(async () => {
    older = await startOktetoApi({
      token: TOKEN,
      version: 'older',
      spaces: [
        { id: 'alice', status: 'Sleeping', deployments: [], statefulsets: [] },
        { id: 'staging', status: 'Active', deployments: [], statefulsets: [] },
        { id: 'pr-3', status: 'Active', deployments: [], statefulsets: [], preview: { branch: 'fix' } },
      ],
    });
  });
  afterAll(() => older.close());
  const post = (query: string, variables?: object) => postTo(older.url, TOKEN, query, variables);

  it('refuses each newer shape as not known, and answers the oldest', async () => {
    for (const q of [SPACES_STEPS[0], SPACES_STEPS[1], PREVIEWS_STEPS[0], SPACE_QUERY])
      expect(unsupported((await post(q, { labels: [], id: 'alice' })).body), q).toBe(true);
    const spaces = await post(SPACES_STEPS[2]);
    expect(unsupported(spaces.body)).toBe(false);
    expect(readSpaces(older.url, spaces.status, spaces.type, spaces.body).value).toEqual({
      namespaces: ['alice', 'staging'],
      statuses: { alice: 'Sleeping', staging: 'Active' },
    });
    const previews = await post(PREVIEWS_STEPS[1]);
    expect(readPreviews(older.url, previews.status, previews.type, previews.body).value?.previews).toEqual({
      'pr-3': { scope: 'personal' },
    });
  });
});
