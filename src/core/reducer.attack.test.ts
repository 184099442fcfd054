import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { reduce } from './reducer';

// Found by the attack on the house merges (failed before the fix). The popup sends an endpoint's
// namespace with enableForHost only when it saw no namespace saved (divertOnCommand:
// view.namespace === ''), but the reducer applied it whatever was saved when the command landed: a
// namespace chosen since the popup read its state (in another window, or brought by sync) was
// replaced by the endpoint's. The question changed; the answer must not apply.
describe('enableForHost with an endpoint namespace (attack/house)', () => {
  it('fills only an empty saved namespace: one chosen since the popup read the state is kept', () => {
    const s = { ...settingsWith(['example.org']), activeNamespace: 'bob', recent: ['bob'] };
    const r = reduce(s, { type: 'enableForHost', host: 'movies-alice.okteto.example.com', namespace: 'alice' });
    expect(r.error).toBeUndefined();
    expect(r.value?.settings.activeNamespace).toBe('bob');
    expect(r.value?.settings.domains.map((d) => d.domain)).toContain('okteto.example.com');
  });

  it('an empty saved namespace takes the endpoint namespace in the same step', () => {
    const s = { ...settingsWith([]), activeNamespace: '' };
    const r = reduce(s, { type: 'enableForHost', host: 'movies-alice.okteto.example.com', namespace: 'alice' });
    expect(r.value?.settings.activeNamespace).toBe('alice');
  });
});
