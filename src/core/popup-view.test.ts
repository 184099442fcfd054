import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { originPatterns } from './permissions';
import { popupView } from './popup-view';

const HOST = 'movies-staging.okteto.example.com';
const granted = originPatterns('okteto.example.com');
const tab = { id: 3, host: HOST };

describe('popupView', () => {
  it('a diverted tab: live, its namespace, and the sentence that says so', () => {
    const v = popupView({ settings: settingsWith(['okteto.example.com']), pins: {}, origins: granted, tab });
    expect(v).toMatchObject({ live: true, namespace: 'alice', where: '*.okteto.example.com', diverted: true, granted: true });
    expect(v.status).toEqual({ key: 'statusOn', args: ['*.okteto.example.com', 'alice'] });
  });

  it('a tab pin wins for its tab only, as the rules apply it', () => {
    const settings = settingsWith(['okteto.example.com']);
    const v = popupView({ settings, pins: { 3: 'bob' }, origins: granted, tab });
    expect(v).toMatchObject({ live: true, namespace: 'bob', pinned: 'bob' });
    expect(v.status).toEqual({ key: 'statusOnPinned', args: ['*.okteto.example.com', 'bob'] });
    expect(popupView({ settings, pins: { 3: 'bob' }, origins: granted, tab: { id: 4, host: HOST } }).namespace).toBe('alice');
  });

  it('is not live when paused, switched off, without access or without a namespace, and says which', () => {
    const on = settingsWith(['okteto.example.com']);
    const status = (v: ReturnType<typeof popupView>) => [v.live, v.status.key];
    expect(status(popupView({ settings: { ...on, paused: true }, pins: {}, origins: granted, tab }))).toEqual([
      false,
      'statusPaused',
    ]);
    const off = settingsWith([{ domain: 'okteto.example.com', enabled: false }]);
    expect(status(popupView({ settings: off, pins: {}, origins: granted, tab }))).toEqual([false, 'statusOff']);
    expect(status(popupView({ settings: on, pins: {}, origins: [], tab }))).toEqual([false, 'statusNoAccess']);
    const none = settingsWith(['okteto.example.com'], { activeNamespace: '' });
    expect(status(popupView({ settings: none, pins: {}, origins: granted, tab }))).toEqual([false, 'statusNoNamespace']);
    expect(status(popupView({ settings: on, pins: {}, origins: granted, tab: {} }))).toEqual([false, 'statusNoTab']);
  });

  it('a per-domain namespace applies, and the exact-host entry is shown as the host', () => {
    const settings = settingsWith([{ domain: HOST, namespace: 'carol' }]);
    const v = popupView({ settings, pins: {}, origins: originPatterns(HOST), tab });
    expect(v).toMatchObject({ live: true, namespace: 'carol', where: HOST });
  });

  it('a host with no entry: the target is what the plan would add', () => {
    const v = popupView({
      settings: settingsWith([]),
      pins: {},
      origins: [],
      tab,
      plan: { suggested: 'okteto.example.com' },
    });
    expect(v).toMatchObject({ target: 'okteto.example.com', diverted: false, live: false, granted: false });
  });

  it('warns only while live when the namespace is missing from Okteto', () => {
    const okteto = { url: 'https://okteto.example.com', namespaces: ['staging'] };
    const settings = settingsWith(['okteto.example.com']);
    expect(popupView({ settings, pins: {}, origins: granted, okteto, tab }).missing).toBe(true);
    expect(popupView({ settings: { ...settings, paused: true }, pins: {}, origins: granted, okteto, tab }).missing).toBe(false);
  });
});
