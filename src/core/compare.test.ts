import { describe, expect, it } from 'vitest';
import { compareChoice } from './compare';
import { DEFAULTS, type Settings } from './settings';

const settings = (s: Partial<Settings>): Settings => ({ ...DEFAULTS, ...s });
// A tab diverted to alice whose servers named other namespaces in their served-by headers.
const log = [
  { expected: 'alice', served: 'mallory' },
  { expected: 'alice', served: 'pr-666' },
  { expected: 'alice', served: 'staging' },
];

describe('compareChoice: what the panel compares a tab with', () => {
  it('never defaults to, nor offers, a name only a server said (served-by values)', () => {
    const only = compareChoice(settings({ activeNamespace: 'alice', recent: ['alice'] }), [], log);
    expect(only).toEqual({ targets: [], against: undefined }); // "Compare without divert" only
    // A server's name picked by hand (a stale pick, a forged one) is not taken either.
    expect(compareChoice(settings({ activeNamespace: 'alice' }), [], log, 'mallory').against).toBeUndefined();
  });

  it('offers the user’s own namespaces first (saved, domains’, presets, recent), then the instance’s, never the tab’s own', () => {
    const s = settings({
      activeNamespace: 'alice',
      domains: [{ domain: 'okteto.example.com', enabled: true, namespace: 'bob' }],
      presets: [{ namespace: 'staging', label: 'Shared' }],
      recent: ['carol', 'alice'],
    });
    const choice = compareChoice(s, ['dave', 'staging'], log);
    expect(choice.targets).toEqual(['bob', 'staging', 'carol', 'dave']);
    expect(choice.against).toBe('bob');
    expect(compareChoice(s, ['dave'], log, 'dave').against).toBe('dave');
  });
});
