import { describe, expect, it } from 'vitest';
import { endpointAt, endpointOf, missingFromOkteto, namespaceInHost } from './okteto';

const I = 'https://okteto.example.com';

describe('statuses', () => {
  it('flags a namespace being deleted like one that is gone', async () => {
    const okteto = { url: I, namespaces: ['alice', 'bob'], statuses: { alice: 'Deleting', bob: 'Sleeping' } };
    expect(missingFromOkteto(okteto, 'alice')).toBe(true);
    expect(missingFromOkteto(okteto, 'bob')).toBe(false);
    expect(missingFromOkteto(okteto, 'carol')).toBe(true);
    // a failed refresh keeps the last good list
    expect(missingFromOkteto({ ...okteto, error: 'down' }, 'carol')).toBe(true);
  });
});

describe('endpoints', () => {
  it('maps a host to its service and namespace, finds a namespace’s own endpoint, and reads a namespace from a host name', async () => {
    const svc = (name: string, endpoints: string[]) => ({ name, kind: 'deployment' as const, endpoints });
    const okteto = {
      url: I,
      namespaces: ['staging', 'alice', 'alice-2'],
      details: {
        staging: { services: [svc('frontend', ['https://movies-staging.okteto.example.com'])], fetchedAt: 1 },
        alice: { services: [svc('frontend', ['https://movies-alice.okteto.example.com/'])], fetchedAt: 1 },
      },
    };
    expect(endpointAt(okteto, 'movies-staging.okteto.example.com')).toEqual({ namespace: 'staging', service: 'frontend' });
    expect(endpointAt(okteto, 'movies-staging.okteto.example.com.evil.test')).toBeUndefined();
    expect(endpointOf(okteto, 'alice', 'frontend')).toBe('https://movies-alice.okteto.example.com/');
    expect(endpointOf(okteto, 'bob', 'frontend')).toBeUndefined();
    expect(namespaceInHost(okteto, 'movies-alice-2.okteto.example.com')).toBe('alice-2');
    expect(namespaceInHost(okteto, 'movies-alice.okteto.example.com')).toBe('alice');
    expect(namespaceInHost(okteto, 'example.com')).toBeUndefined();
  });
});
