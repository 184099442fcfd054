import { describe, expect, it } from 'vitest';
import { type StoredState, settingsShape, stateFrom } from './extension-state';
import { popupView } from './popup-view';
import { DEFAULTS, type Settings } from './settings';
import { migrate } from './settings-schema';

// Found by the attack on the house merges (failed before settingsShape checked each item): a cheap
// shape check let through blobs the background's full schema refuses (a hand edit, a crash, a newer
// build that kept schemaVersion 2), and the pages showed a divert the background did not have, or
// crashed on the entry.
const NOW = Date.UTC(2026, 11, 7, 12);
const good: Settings = { ...DEFAULTS, activeNamespace: 'alice', domains: [{ domain: 'okteto.example.com', enabled: true }] };
const stored = (settings: unknown): StoredState =>
  ({ settings, okteto: undefined, oktetos: undefined, pins: {}, shared: {}, workers: {} }) as StoredState;

const HOSTILE: [string, unknown][] = [
  ['a null domain entry', { ...good, domains: [null] }],
  ['a domain that is not text', { ...good, domains: [{ domain: 7, enabled: true }] }],
  ['a wildcard entry beside a good one', { ...good, domains: [...good.domains, { domain: '*', enabled: true }] }],
  ['a namespace that breaks the rule', { ...good, activeNamespace: 'okteto-divert=mallory,evil' }],
  ['paused as text', { ...good, paused: 'no' }],
];

describe('the pages read a settings blob the background refuses as the background does (attack/house)', () => {
  it.each(HOSTILE)('%s: the pages show what the background reads, and the popup renders', (_name, blob) => {
    expect(migrate(blob).value).toBeUndefined();
    const background = stateFrom(stored(blob), [], NOW, (s) => migrate(s).value);
    const pages = stateFrom(stored(blob), [], NOW, settingsShape);
    expect(pages.settings).toEqual(background.settings);
    expect(() =>
      popupView({ settings: pages.settings, pins: {}, origins: [], tab: { id: 1, host: 'movies.okteto.example.com' } }),
    ).not.toThrow();
  });
});
