import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { abbreviate, divertFor } from './tab-state';

const all = ['*://*/*'];

describe('divertFor', () => {
  const s = settingsWith([
    'okteto.example.com',
    { domain: 'b.okteto.example.com', namespace: 'bob' },
    { domain: 'off.example.com', enabled: false },
  ]);

  it('follows the entry, its override, and a tab pin above both', () => {
    expect(divertFor(s, {}, all, 1, 'a.okteto.example.com')).toEqual({
      domain: 'okteto.example.com',
      namespace: 'alice',
      pinned: false,
    });
    expect(divertFor(s, {}, all, 1, 'x.b.okteto.example.com')).toEqual({
      domain: 'b.okteto.example.com',
      namespace: 'bob',
      pinned: false,
    });
    expect(divertFor(s, { 1: 'carol' }, all, 1, 'b.okteto.example.com')).toEqual({
      domain: 'b.okteto.example.com',
      namespace: 'carol',
      pinned: true,
    });
    expect(divertFor(s, { 2: 'carol' }, all, 1, 'b.okteto.example.com')?.namespace).toBe('bob');
  });

  it('is nothing when off, paused, without access or without a namespace', () => {
    expect(divertFor(s, {}, all, 1, 'off.example.com')).toBeUndefined();
    expect(divertFor(s, {}, all, 1, 'elsewhere.example.org')).toBeUndefined();
    expect(divertFor({ ...s, paused: true }, {}, all, 1, 'okteto.example.com')).toBeUndefined();
    expect(divertFor(s, {}, [], 1, 'okteto.example.com')).toBeUndefined();
    expect(divertFor({ ...s, activeNamespace: '' }, {}, all, 1, 'okteto.example.com')).toBeUndefined();
  });
});

describe('abbreviate', () => {
  it('fits a namespace in a badge', () => {
    expect(abbreviate('bob')).toBe('bob');
    expect(abbreviate('alic')).toBe('alic');
    expect(abbreviate('alice')).toBe('ali…');
  });
});
