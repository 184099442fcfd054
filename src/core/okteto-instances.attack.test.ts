import { describe, expect, it } from 'vitest';
import type { OktetoState } from './okteto';
import { ownedDomains, ownerOf } from './okteto-instances';

// ATTACK (issue 33 item 5), fails on main now: an instance at an IP address has no "site" of its
// own (sitesOf reads only its address's parent and the domains the user named), so what it
// claims from its endpoints is not protected: a second IP instance whose deployer names a more
// specific ingress under it takes the site (ownerOf picks the longest claim).
describe('attack: instance claims', () => {
  it('an IP instance cannot take a site another instance already claims, by claiming something more specific', () => {
    const a: OktetoState = { url: 'http://10.0.0.1:8080', namespaces: ['alice'], owns: ['apps.example.com'] };
    const b: OktetoState = { url: 'http://10.0.0.2:8080', namespaces: ['mallory'] };
    // Every endpoint of b's answer agrees on example.com: b's "home" is taken from them.
    const claimed = ownedDomains(b, [a, b], ['shop.apps.example.com']);
    expect(claimed).toEqual([]);
    expect(ownerOf([a, { ...b, owns: claimed }], 'movies-alice.shop.apps.example.com')?.url).toBe(a.url);
  });
});
