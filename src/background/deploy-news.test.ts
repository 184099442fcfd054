import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Issue 33 item 6: drives background/deploy-news.ts itself (core/deploy-news.test.ts alone stays
// green when its newsToSay call is dropped): 100 services appear in the namespace in use, and what
// it keeps for the toolbar (and says in notifications) is the one summary line.
describe('deploy news through the background', () => {
  it('a flood of 100 new services in the namespace in use is said as one line', async () => {
    let count = 1;
    vi.stubGlobal('fetch', async () => {
      const deployments = Array.from({ length: count }, (_, i) => ({ id: `alice/svc-${i}`, name: `svc-${i}`, endpoints: [] }));
      const data = { spaces: [{ id: 'alice' }], previews: [], space: { id: 'alice', deployments, statefulsets: [] } };
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const bg = await boot();
      await bg.send({ type: 'setNamespace', namespace: 'alice' });
      await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
      await bg.send({ type: 'connectOkteto', url: 'https://okteto.example.com', token: 'okteto-token-1' });
      await bg.send({ type: 'refreshOkteto' });
      // "Tell me when my namespace changes" on, with its permission: each line a notification.
      const created: string[] = [];
      const fake = env.current.fake as unknown as Record<string, unknown>;
      fake.notifications = {
        create: async (id: string, options: { message: string }) => {
          created.push(options.message);
          return id;
        },
        onClicked: { addListener: () => {} },
      };
      env.current.optional.push('notifications');
      expect(await bg.send({ type: 'setNotifyChanges', notify: true })).toMatchObject({ ok: true });
      count = 100;
      expect(await bg.send({ type: 'refreshOkteto' })).toMatchObject({ ok: true });
      await bg.settle();
      // 99 new services: one notification, never one each.
      expect(created).toHaveLength(1);
      expect(created[0]).toMatch(/^99 services changed in alice/);
      const [state] = (await env.current.fake.storage.local.get('oktetoInstances')).oktetoInstances as {
        news?: Record<string, { line: string }>;
      }[];
      expect(state.news?.alice?.line).toMatch(/^99 services changed in alice/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
