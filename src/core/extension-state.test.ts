import { describe, expect, it } from 'vitest';
import v1 from '../../test/fixtures/settings/v1.json';
import { type SettingsCheck, type StoredState, settingsShape, stateFrom } from './extension-state';
import type { OktetoState } from './okteto';
import { DEFAULTS, type Settings } from './settings';
import { migrate } from './settings-schema';

const NOW = Date.UTC(2026, 11, 7, 12);
const dev: OktetoState = { url: 'https://okteto.dev.example.com', namespaces: ['alice'] };
const shop: OktetoState = { url: 'https://okteto.shop.example.net', namespaces: ['ci'] };
const settings: Settings = { ...DEFAULTS, activeNamespace: 'alice', domains: [{ domain: 'okteto.example.com', enabled: true }] };
const stored = (over: Partial<StoredState> = {}): StoredState => ({
  settings,
  okteto: undefined,
  oktetos: undefined,
  pins: {},
  shared: {},
  workers: {},
  ...over,
});

// Both readers: the background's (the full schema) and the pages' (the shape, no schema library).
const CHECKS: [string, SettingsCheck][] = [
  ['background', (s) => migrate(s).value],
  ['pages', settingsShape],
];

describe.each(CHECKS)('stateFrom, read as the %s reads it', (_who, check) => {
  it('migrates settings of an older schema, as the background writes them at its next command', () => {
    const state = stateFrom(stored({ settings: v1 }), [], NOW, check);
    expect(state.settings).toEqual(migrate(v1).value);
    expect(state.settings).toMatchObject({ schemaVersion: 2, subscriptions: [], activeNamespace: 'alice' });
  });

  it('reads the defaults when nothing usable is stored: nothing, garbage, a newer schema', () => {
    for (const blob of [undefined, 'garbage', [settings], { ...settings, schemaVersion: 99 }, { ...settings, domains: 'x' }]) {
      expect(stateFrom(stored({ settings: blob }), [], NOW, check).settings).toEqual(DEFAULTS);
    }
  });

  it('a time box that has ended reads as paused in force, and as stored it is left as it was', () => {
    const ended = stateFrom(stored({ settings: { ...settings, divertUntil: NOW - 1 } }), [], NOW, check);
    expect(ended.settings.paused).toBe(true);
    expect(ended.stored.paused).toBe(false);
    const endsAtNow = stateFrom(stored({ settings: { ...settings, divertUntil: NOW } }), [], NOW, check);
    expect(endsAtNow.settings.paused).toBe(true);
    const running = stateFrom(stored({ settings: { ...settings, divertUntil: NOW + 60_000 } }), [], NOW, check);
    expect(running.settings.paused).toBe(false);
    expect(running.settings).toEqual(running.stored);
  });

  it('the one instance versions before 0.3 kept is the list until it is moved; a list wins over it', () => {
    expect(stateFrom(stored({ okteto: dev }), [], NOW, check).oktetos).toEqual([dev]);
    expect(stateFrom(stored({ okteto: dev, oktetos: [shop] }), [], NOW, check).oktetos).toEqual([shop]);
    expect(stateFrom(stored({ oktetos: [] }), [], NOW, check).oktetos).toEqual([]);
    expect(stateFrom(stored(), [], NOW, check).oktetos).toEqual([]);
  });

  it('passes pins, share records, workers and the granted origins through', () => {
    const more = stored({
      pins: { 7: 'bob' },
      shared: { 7: { namespace: 'bob', url: 'https://movies.okteto.example.com/' } },
      workers: { 'movies.okteto.example.com': { carries: 'bob', follows: true } },
    });
    const state = stateFrom(more, ['*://*.okteto.example.com/*'], NOW, check);
    expect(state).toMatchObject({ pins: more.pins, shared: more.shared, workers: more.workers });
    expect(state.origins).toEqual(['*://*.okteto.example.com/*']);
  });
});
