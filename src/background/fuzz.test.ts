import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Seeded fuzzing through the background: every input answered, refusals change nothing.

describe('fuzz through the background (seeded)', () => {
  it('preset imports: each accepted into valid settings or refused, with stored settings byte-identical', async () => {
    const fc = (await import('fast-check')).default;
    const { presetFiles, SEED } = await import('../../test/fixtures/fuzz-presets');
    const { validateSettings } = await import('../core/settings-schema');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'mine.example.org', enabled: true });
    const files = fc.sample(presetFiles, { seed: SEED + 1, numRuns: 2000 });
    // Each file is imported into the same settings: kept one after another, the team domains of every
    // accepted file piled up (900 and more), each import slower than the last (100 s on a loaded machine).
    const { settings: start } = await env.current.fake.storage.local.get('settings');
    let refused = 0;
    for (const text of files) {
      const before = JSON.stringify(await env.current.fake.storage.local.get('settings'));
      const reply = (await bg.send({ type: 'importPresets', text })) as { ok: boolean; error?: string };
      const after = await env.current.fake.storage.local.get('settings');
      if (!reply.ok) {
        refused++;
        expect(reply.error?.length).toBeGreaterThan(10);
        expect(JSON.stringify(after)).toBe(before);
      } else {
        expect(validateSettings(after.settings).error).toBeUndefined();
        await env.current.fake.storage.local.set({ settings: start });
        await bg.settle();
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(files.length);
  }, 60_000);

  it('every message: a reply, never a throw; refused ones change nothing', async () => {
    const fc = (await import('fast-check')).default;
    const { validateSettings } = await import('../core/settings-schema');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: true });
    // Every command but those that go to the network (subscribe, refreshSubscription, connectOkteto, refreshOkteto).
    const types = [
      'enableForHost',
      'setDomainEnabled',
      'addDomain',
      'removeDomain',
      'replaceDomain',
      'setNamespace',
      'setDomainNamespace',
      'pinTab',
      'setPaused',
      'setShowPageBadge',
      'addPreset',
      'renamePreset',
      'removePreset',
      'movePreset',
      'importPresets',
      'unsubscribe',
      'forgetOkteto',
      'setSync',
      'setDomainSource',
      'planForHost',
      'nope',
    ];
    const value = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom(
        'okteto.example.com',
        'alice',
        'Bad Name',
        'com',
        '',
        '*',
        -1,
        1.5,
        7,
        true,
        null,
        '__proto__',
        'x'.repeat(5000),
      ),
    );
    const message = fc.oneof(
      fc.record(
        {
          type: fc.constantFrom(...types),
          host: value,
          domain: value,
          enabled: value,
          namespace: value,
          tabId: value,
          paused: value,
          show: value,
          label: value,
          index: value,
          text: value,
          from: value,
          to: value,
          url: value,
          namespaceFrom: value,
        },
        { requiredKeys: ['type'] },
      ),
      fc.anything({ maxDepth: 3 }),
    );
    let refused = 0;
    const samples = fc.sample(message, { seed: 777, numRuns: 3000 });
    for (const msg of samples) {
      const before = JSON.stringify(await env.current.fake.storage.local.get('settings'));
      const reply = (await bg.send(msg)) as { ok: boolean; error?: string };
      expect(typeof reply.ok).toBe('boolean');
      const after = await env.current.fake.storage.local.get('settings');
      if (!reply.ok) {
        refused++;
        expect(typeof reply.error).toBe('string');
        expect(JSON.stringify(after)).toBe(before);
      }
      expect(validateSettings(after.settings).error).toBeUndefined();
      const rules = await env.current.dynamic.get();
      expect(rules.every((r) => r.condition.requestDomains.length > 0)).toBe(true);
    }
    expect(refused).toBeGreaterThan(samples.length / 2);
  }, 60_000);
});
