import { describe, expect, it } from 'vitest';
import { ITEMS, tabServedItem } from './storage-items';

describe('the storage table', () => {
  it('reads what the background wrote, and refuses what does not fit the item', () => {
    expect(ITEMS.pins.valid({ 3: 'alice' })).toBe(true);
    expect(ITEMS.pins.valid({ 3: 'Not A Namespace' })).toBe(false);
    expect(ITEMS.badgePlaces.valid({ 'a.example.com': { x: 1, y: 2, collapsed: false } })).toBe(true);
    expect(ITEMS.badgePlaces.valid({ 'a.example.com': { x: '1', collapsed: false } })).toBe(false);
    expect(ITEMS.okteto.valid({ url: 'https://o.example.com', namespaces: ['a'] })).toBe(true);
    expect(ITEMS.okteto.valid({ url: 'https://o.example.com', namespaces: 'a' })).toBe(false);
    expect(ITEMS.syncState.valid({ enabled: true, shadow: {} })).toBe(true);
    expect(ITEMS.syncState.valid([])).toBe(false);
    expect(ITEMS.settingsAside.valid({ blob: 1, reason: 'r', at: 1 })).toBe(true);
    expect(ITEMS.settingsAside.valid({ blob: 1 })).toBe(false);
    expect(tabServedItem(4)).toMatchObject({ area: 'session', key: 'served:4' });
    expect(tabServedItem(4).valid({ requests: 0, carried: 0 })).toBe(true);
  });

  it('declares every key once', () => {
    const keys = Object.values(ITEMS).map((i) => `${i.area}:${i.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
