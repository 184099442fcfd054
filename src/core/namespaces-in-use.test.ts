import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { namespacesInUse } from './namespaces-in-use';

const settings = settingsWith([
  { domain: 'okteto.example.com', enabled: true },
  { domain: 'api.example.org', enabled: false, namespace: 'carol' },
  { domain: 'shop.example.org', enabled: true, namespace: 'dave' },
]);

describe('namespacesInUse', () => {
  it("chosen: the saved one, every domain's own (on or off) and the pins, once each, asked ones first", () => {
    expect(namespacesInUse(settings, { 4: 'erin', 5: 'alice' }, 'chosen')).toEqual(['alice', 'carol', 'dave', 'erin']);
    expect(namespacesInUse(settings, {}, 'chosen', ['zed', 'dave'])).toEqual(['zed', 'dave', 'alice', 'carol']);
  });

  it("carried: only what requests carry now, each enabled domain's namespace and the pins", () => {
    expect(namespacesInUse(settings, { 4: 'erin' }, 'carried')).toEqual(['alice', 'dave', 'erin']);
    expect(namespacesInUse({ ...settings, activeNamespace: '' }, {}, 'carried')).toEqual(['dave']);
  });

  it('carried: nothing while paused; chosen: the same list paused or not', () => {
    const paused = { ...settings, paused: true };
    expect(namespacesInUse(paused, { 4: 'erin' }, 'carried')).toEqual([]);
    expect(namespacesInUse(paused, { 4: 'erin' }, 'chosen')).toEqual(namespacesInUse(settings, { 4: 'erin' }, 'chosen'));
  });
});
