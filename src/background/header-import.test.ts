import { describe, expect, it, vi } from 'vitest';
import { boot, env } from '../../test/fakes/background';
import { BAD_HEADER_EXPORTS, exportText } from '../../test/fixtures/bad-header-exports';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Imports from ModHeader and Requestly through the background: the command, its rules, its refusals.

const stored = async () => JSON.stringify(await env.current.fake.storage.local.get('settings'));

describe('importHeaderRules', () => {
  it('refuses every bad or hostile export and leaves stored settings byte-identical', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'mine' });
    await bg.send({ type: 'addDomain', domain: 'okteto.example.com', enabled: false });
    const before = await stored();
    for (const [what, text, words] of BAD_HEADER_EXPORTS) {
      const reply = (await bg.send({ type: 'importHeaderRules', text })) as { ok: boolean; error?: string };
      expect(reply.ok, what).toBe(false);
      expect(reply.error, what).toContain(words);
      expect(await stored(), what).toBe(before);
    }
    expect((await env.current.dynamic.get()).length).toBe(0);
  }, 60_000);

  it('imports a Requestly export as your own presets and a domain that diverts at once; again, nothing changes', async () => {
    const bg = await boot();
    const reply = await bg.send({ type: 'importHeaderRules', text: exportText('requestly-v3') });
    expect(reply).toEqual({
      ok: true,
      value: {
        tool: 'Requestly',
        presets: { added: ['alice', 'dave'], kept: [] },
        domains: { added: ['okteto.example.com'], kept: [] },
        activeNamespace: 'alice',
      },
    });
    const settings = await bg.settings();
    expect(settings.presets).toEqual([
      { namespace: 'alice', label: 'Okteto divert' },
      { namespace: 'dave', label: "Dave's catalog" },
    ]);
    const rules = await env.current.dynamic.get();
    expect(rules).toHaveLength(1);
    expect(rules[0].condition.requestDomains).toEqual(['okteto.example.com']);
    expect(JSON.stringify(rules[0].action)).toContain('okteto-divert=alice');
    expect(await stored()).not.toContain('rq-secret');

    const before = await stored();
    const again = (await bg.send({ type: 'importHeaderRules', text: exportText('requestly-v3') })) as {
      ok: boolean;
      value: unknown;
    };
    expect(again.value).toMatchObject({
      presets: { added: [], kept: ['alice', 'dave'] },
      domains: { added: [], kept: ['okteto.example.com'] },
    });
    expect(await stored()).toBe(before);
  }, 60_000);

  it('a hostile export only ever reaches the settings through the same checks (seeded)', async () => {
    const fc = (await import('fast-check')).default;
    const { headerExports, SECRET, SEED } = await import('../../test/fixtures/fuzz-header-exports');
    const { validateSettings } = await import('../core/settings-schema');
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'mine' });
    let refused = 0;
    const files = fc.sample(headerExports, { seed: SEED + 1, numRuns: 300 });
    for (const text of files) {
      const before = await stored();
      const reply = (await bg.send({ type: 'importHeaderRules', text })) as { ok: boolean; error?: string };
      const after = await stored();
      expect(after).not.toContain(SECRET);
      if (!reply.ok) {
        refused++;
        expect(after).toBe(before);
      } else expect(validateSettings(JSON.parse(after).settings).error).toBeUndefined();
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(files.length);
  }, 120_000);
});
