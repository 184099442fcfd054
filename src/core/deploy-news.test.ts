import { describe, expect, it } from 'vitest';
import { deployNews } from './deploy-news';
import type { OktetoService, OktetoState } from './okteto';

const t = (key: string, ...subs: string[]) => `${key}(${subs.join(',')})`;
const svc = (name: string, status = 'running'): OktetoService => ({ name, kind: 'deployment', status, endpoints: [] });
const state = (alice?: OktetoService[], status = 'Active'): OktetoState => ({
  url: 'https://okteto.example.com',
  namespaces: ['alice', 'bob'],
  statuses: { alice: status, bob: 'Active' },
  details: alice ? { alice: { services: alice, fetchedAt: 1 }, bob: { services: [svc('x')], fetchedAt: 1 } } : undefined,
});

describe('deployNews', () => {
  it('says nothing on the first answer about a namespace, nor for namespaces not in use', () => {
    expect(deployNews(state(), state([svc('catalog')]), ['alice'], t)).toEqual([]);
    expect(deployNews(state([svc('catalog')]), state([svc('catalog'), svc('frontend')]), ['bob'], t)).toEqual([]);
  });

  it('a service appears, changes status, or goes', () => {
    const before = state([svc('catalog'), svc('db', 'deploying'), svc('old')]);
    const after = state([svc('catalog', 'error'), svc('db'), svc('frontend')]);
    expect(deployNews(before, after, ['alice'], t).map((n) => [n.kind, n.service, n.line])).toEqual([
      ['status', 'catalog', 'newsStatus(catalog,alice,error)'],
      ['running', 'db', 'newsRunning(db,alice)'],
      ['running', 'frontend', 'newsRunning(frontend,alice)'],
      ['gone', 'old', 'newsGone(old,alice)'],
    ]);
  });

  it('a namespace that went to sleep', () => {
    expect(deployNews(state([svc('catalog')]), state([svc('catalog')], 'Sleeping'), ['alice'], t)).toEqual([
      { namespace: 'alice', kind: 'asleep', line: 'newsAsleep(alice)' },
    ]);
  });
});
