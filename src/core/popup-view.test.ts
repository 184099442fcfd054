import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { originPatterns } from './permissions';
import { divertOnCommand, namespaceCommand, popupView } from './popup-view';
import { planForHost } from './reducer';

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

describe('namespaceCommand: where a typed namespace goes', () => {
  const site = { domain: 'okteto.example.com', enabled: true };
  it('"This tab only" ticked: this tab alone', () => {
    expect(namespaceCommand('bob', { tabId: 3, entry: site, pinOn: true }).value).toEqual({
      type: 'pinTab',
      tabId: 3,
      namespace: 'bob',
    });
  });
  it('a site with a namespace of its own: that entry, for this tab', () => {
    expect(namespaceCommand('bob', { tabId: 3, entry: { ...site, namespace: 'carol' }, pinOn: false }).value).toEqual({
      type: 'setDomainNamespace',
      domain: 'okteto.example.com',
      namespace: 'bob',
      actingTab: 3,
    });
  });
  it('otherwise the saved namespace, also with the box ticked but no tab to pin', () => {
    const saved = { type: 'setNamespace', namespace: 'bob', actingTab: 3 };
    expect(namespaceCommand('bob', { tabId: 3, entry: site, pinOn: false }).value).toEqual(saved);
    expect(namespaceCommand('bob', { tabId: 3, pinOn: false }).value).toEqual(saved);
    expect(namespaceCommand('bob', { pinOn: true }).value).toEqual({
      type: 'setNamespace',
      namespace: 'bob',
      actingTab: undefined,
    });
  });
  it('a name that breaks the namespace rule goes nowhere, with the rule said', () => {
    for (const bad of ['', 'Bob', '-bob', 'a'.repeat(64), 'bob smith']) {
      const r = namespaceCommand(bad, { tabId: 3, entry: site, pinOn: true });
      expect(r.value).toBeUndefined();
      expect(inEnglish(r.error)).toMatch(/lowercase|empty|63/i);
    }
  });
});

describe('divertOnCommand: what "Divert this site" switched on sends', () => {
  it('asks access for the entry it acts on and enables the host', () => {
    const on = divertOnCommand({ target: 'okteto.example.com', namespace: 'alice' }, HOST, 3, undefined, undefined);
    expect(on.value).toEqual({
      access: 'okteto.example.com',
      command: { type: 'enableForHost', host: HOST, actingTab: 3 },
    });
  });
  it("on an Okteto endpoint with no namespace chosen: the endpoint's namespace in the same command", () => {
    const at = { namespace: 'alice' };
    expect(divertOnCommand({ target: 'okteto.example.com', namespace: '' }, HOST, 3, undefined, at).value?.command).toEqual({
      type: 'enableForHost',
      host: HOST,
      actingTab: 3,
      namespace: 'alice',
    });
    // A namespace already chosen stays: the endpoint does not override it.
    expect(
      divertOnCommand({ target: 'okteto.example.com', namespace: 'bob' }, HOST, 3, undefined, at).value?.command,
    ).not.toHaveProperty('namespace');
  });
  it('before the plan is back, or for a host no entry can cover: nothing sent, and why', () => {
    expect(inEnglish(divertOnCommand({ namespace: '' }, HOST, 3, undefined, undefined).error)).toMatch(/still reading/);
    const plan = planForHost('localhost');
    expect(inEnglish(divertOnCommand({ namespace: '' }, 'localhost', 3, plan, undefined).error)).toBe(inEnglish(plan.error));
  });
});
