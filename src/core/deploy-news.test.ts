import { describe, expect, it } from 'vitest';
import { deployNews, NEWS_NOTIFICATIONS_MAX, newsToSay } from './deploy-news';
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

  // Issue 33 (6): what an instance says runs is its to say; how much the user is told is ours.
  it('a flood of 500 changes is one line, and never more than 3 lines a refresh', () => {
    const many = Array.from({ length: 500 }, (_, i) => svc(`svc-${i}`));
    const flood = newsToSay(deployNews(state([svc('catalog')]), state(many), ['alice'], t), t);
    expect(flood).toEqual([{ namespace: 'alice', kind: 'many', line: 'newsMany(501,alice)' }]);
    // Five namespaces each with a change: three lines at most.
    const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const wide = (services: OktetoService[]): OktetoState => ({
      url: 'https://okteto.example.com',
      namespaces: names,
      details: Object.fromEntries(names.map((n) => [n, { services, fetchedAt: 1 }])),
    });
    const said = newsToSay(deployNews(wide([svc('a')]), wide([svc('a', 'error')]), names, t), t);
    expect(said).toHaveLength(NEWS_NOTIFICATIONS_MAX);
    expect(said.map((n) => n.line)).toEqual(['newsStatus(a,n1,error)', 'newsStatus(a,n2,error)', 'newsStatus(a,n3,error)']);
    // Three changes or fewer: each its own line.
    const few = deployNews(state([svc('a')]), state([svc('a'), svc('b'), svc('c'), svc('d')]), ['alice'], t);
    expect(few).toHaveLength(NEWS_NOTIFICATIONS_MAX);
    expect(newsToSay(few, t)).toEqual(few);
  });

  it('names are said as names: a long one is cut, a status is one short word', () => {
    const long = `a${'.b'.repeat(120)}`;
    const news = deployNews(state([svc('web')]), state([svc('web', 'visitevilexamplecomtologinagain'), svc(long)]), ['alice'], t);
    expect(news.map((n) => n.line)).toEqual(['newsStatus(web,alice,?)', `newsRunning(${long.slice(0, 62)}…,alice)`]);
    for (const n of news) expect(n.line.length).toBeLessThan(100);
  });

  it('a name of 63 characters is said whole', () => {
    const name = 'a'.repeat(63);
    expect(deployNews(state([svc('web')]), state([svc('web'), svc(name)]), ['alice'], t)[0].line).toBe(
      `newsRunning(${name},alice)`,
    );
  });

  it('only a status that says so exactly counts as running', () => {
    const news = deployNews(
      state([svc('a'), svc('b'), svc('c')]),
      state([svc('a', 'inactive'), svc('b', 'readying'), svc('c', 'Deployed')]),
      ['alice'],
      t,
    );
    expect(news.map((n) => [n.service, n.kind])).toEqual([
      ['a', 'status'],
      ['b', 'status'],
      ['c', 'running'],
    ]);
  });

  it('asleep is news only once, and only when the namespace was known awake', () => {
    const asleep = state([svc('catalog')], 'Sleeping');
    expect(deployNews(asleep, asleep, ['alice'], t)).toEqual([]);
    const { statuses: _, ...unknown } = state([svc('catalog')]);
    expect(deployNews(unknown, asleep, ['alice'], t)).toEqual([]);
    expect(deployNews(undefined, asleep, ['alice'], t)).toEqual([]);
  });

  it('an answer without statuses or details says nothing, and never throws', () => {
    const { statuses: _s, details: _d, ...bare } = state([svc('catalog')]);
    expect(deployNews(state([svc('catalog')]), bare, ['alice'], t)).toEqual([]);
    expect(deployNews(bare, state([svc('catalog')], 'Sleeping'), ['alice'], t)).toEqual([]);
    expect(deployNews(undefined, bare, ['alice'], t)).toEqual([]);
  });
});
