import { describe, expect, it } from 'vitest';
import type { OktetoState } from './okteto';
import { endpointDomains, instanceListing, instancesOf, ownerOf } from './okteto-instances';

const dev: OktetoState = { url: 'https://okteto.dev.example.com', namespaces: ['alice', 'shared'], owns: ['dev.example.com'] };
const shop: OktetoState = { url: 'https://okteto.acme.example.net', namespaces: ['ci', 'shared'], owns: ['acme.example.net'] };

describe('several instances', () => {
  it('a site belongs to the instance the user named, else to the one whose sites live there, else the first', () => {
    expect(ownerOf([dev, shop], 'movies-alice.dev.example.com')).toBe(dev);
    expect(ownerOf([dev, shop], 'shop-ci.acme.example.net')).toBe(shop);
    expect(ownerOf([dev, shop], 'elsewhere.example.org')).toBe(dev);
    expect(ownerOf([dev, { ...shop, domains: ['dev.example.com'] }], 'movies-alice.dev.example.com')?.url).toBe(shop.url);
    expect(ownerOf([shop], 'movies-alice.dev.example.com')).toBe(shop);
    expect(ownerOf([], 'x.example.com')).toBeUndefined();
  });

  it('where an instance’s sites may live: its endpoints’ and its own parent domains (no IPs)', () => {
    const state: OktetoState = {
      url: 'http://127.0.0.1:8080',
      namespaces: ['alice'],
      details: {
        alice: {
          fetchedAt: 1,
          services: [
            { name: 'web', kind: 'deployment', endpoints: ['https://web-alice.apps.example.com', 'https://10.0.0.1/x'] },
          ],
        },
      },
    };
    expect(endpointDomains(state)).toEqual(['apps.example.com']);
    expect(endpointDomains(dev)).toEqual(['dev.example.com']);
  });

  it('Wake goes to the instance that lists the namespace, the site’s own first', () => {
    expect(instanceListing([dev, shop], 'ci')).toBe(shop);
    expect(instanceListing([dev, shop], 'shared', 'shop-ci.acme.example.net')).toBe(shop);
    expect(instanceListing([dev, shop], 'nobody')).toBeUndefined();
  });

  it('versions before 0.3 kept one instance: it is the list until moved', () => {
    expect(instancesOf(undefined, dev)).toEqual([dev]);
    expect(instancesOf([shop], dev)).toEqual([shop]);
    expect(instancesOf(undefined, undefined)).toEqual([]);
  });
});
