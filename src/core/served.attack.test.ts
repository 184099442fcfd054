import { describe, expect, it } from 'vitest';
import { EMPTY, knownNamespaces, reduceServed, type ServedEvent, servedLine, type TabServed } from './served';

// ATTACK (issue 33 item 9), fails on main now: "known" includes every name an instance lists,
// and anyone who can deploy a global preview picks such a name (the same actor issue 33 item 1
// stopped trusting for share links). The served-by guard's own example then shows as served.
describe('attack: served-by names', () => {
  it('a global preview nobody here chose is "another namespace", not named, when a server says it served', () => {
    const lure = 'log-in-again-at-evil-example-com';
    const settings = { activeNamespace: 'alice', domains: [], presets: [], recent: ['alice'] };
    const instance = { namespaces: ['alice', lure], previews: { [lure]: { scope: 'global' } } };
    const known = knownNamespaces(settings, [instance]);
    const events: ServedEvent[] = [
      { type: 'navigate', host: 'movies-alice.okteto.example.com', requested: 'alice' },
      { type: 'header', value: lure, known },
    ];
    const state = events.reduce<TabServed>(reduceServed, EMPTY);
    expect(state.served).toBeUndefined();
    expect(servedLine(state, (k, ...a) => `${k}(${a.join(',')})`)).not.toContain(lure);
  });
});
