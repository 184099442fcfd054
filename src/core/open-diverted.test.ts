import { describe, expect, it } from 'vitest';
import { openDivertedMenu } from './open-diverted';
import { DEFAULTS, type Settings } from './settings';

const settings = (s: Partial<Settings>): Settings => ({ ...DEFAULTS, ...s });
const granted = ['*://*.okteto.example.com/*', '*://*.other.dev/*'];

describe('"Open diverted to" menu', () => {
  it('is offered on links to enabled, granted domains only, with presets first, then recent namespaces', () => {
    const menu = openDivertedMenu(
      settings({
        domains: [
          { domain: 'okteto.example.com', enabled: true },
          { domain: 'other.dev', enabled: false },
          { domain: 'nogrant.dev', enabled: true },
        ],
        presets: [{ namespace: 'staging', label: 'Shared staging' }, { namespace: 'alice' }],
        recent: ['bob', 'alice'],
      }),
      granted,
    );
    expect(menu).toEqual({
      patterns: ['*://okteto.example.com/*', '*://*.okteto.example.com/*'],
      choices: [
        { namespace: 'staging', title: 'staging (Shared staging)' },
        { namespace: 'alice', title: 'alice' },
        { namespace: 'bob', title: 'bob' },
      ],
      previews: [],
    });
  });

  it('is offered on preview links of a connected instance that owns a diverted domain, and on no other', () => {
    const on = settings({ domains: [{ domain: 'okteto.example.com', enabled: true }] });
    const dev = { url: 'https://okteto.dev.example.com', namespaces: [] };
    const shop = { url: 'http://127.0.0.1:8443', namespaces: [], domains: ['shop.example.org'] };
    // No namespace to offer, but a preview link: the menu is there for it alone.
    expect(openDivertedMenu(on, granted, [dev])).toEqual({
      patterns: ['*://okteto.example.com/*', '*://*.okteto.example.com/*'],
      choices: [],
      previews: ['https://okteto.dev.example.com/*'],
    });
    // The shop instance owns no domain the user diverts: its links get nothing.
    expect(openDivertedMenu(on, granted, [dev, shop])?.previews).toEqual(['https://okteto.dev.example.com/*']);
    expect(openDivertedMenu(on, [], [dev])).toBeUndefined();
    expect(openDivertedMenu(settings({ ...on, paused: true }), granted, [dev])).toBeUndefined();
  });

  it('is not offered while paused, without a diverted domain, or without a namespace to offer', () => {
    const on = { domains: [{ domain: 'okteto.example.com', enabled: true }], recent: ['alice'] };
    expect(openDivertedMenu(settings({ ...on, paused: true }), granted)).toBeUndefined();
    expect(openDivertedMenu(settings({ ...on, recent: [] }), granted)).toBeUndefined();
    expect(openDivertedMenu(settings(on), [])).toBeUndefined();
  });

  it('offers at most 15 namespaces', () => {
    const recent = Array.from({ length: 10 }, (_, i) => `r${i}`);
    const presets = Array.from({ length: 10 }, (_, i) => ({ namespace: `p${i}` }));
    const menu = openDivertedMenu(
      settings({ domains: [{ domain: 'okteto.example.com', enabled: true }], presets, recent }),
      granted,
    );
    expect(menu?.choices).toHaveLength(15);
  });
});
