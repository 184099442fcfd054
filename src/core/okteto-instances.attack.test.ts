import { describe, expect, it } from 'vitest';
import type { OktetoState } from './okteto';
import { ownedDomains, ownerOf } from './okteto-instances';

// Attacker review of #33 (attack/trust-c). FAILS on wip/trust-c 2f1667c: an IP instance checks
// the other instances' `owns` when it answers, so a claim made before another instance's first
// answer (just connected, or its answer slower) stays, and as the more specific claim it takes
// that instance's site until the IP instance answers again.
describe('IP-instance claims race the other instances’ answers (attack/trust-c)', () => {
  it('an IP instance that answered first does not take a site another instance claims once it answers', () => {
    const evil: OktetoState = { url: 'http://10.0.0.9:8080', namespaces: ['mallory'] };
    const movies: OktetoState = { url: 'https://okteto.corp.example.com', namespaces: ['alice'] };
    const site = 'movies-alice.apps.example.com';
    // 1. The IP instance answers first: its deployer's ingress lists alice's host; nobody claims it yet.
    const evilOwns = ownedDomains(evil, [movies, evil], ['apps.example.com'], [site]);
    // 2. movies answers: apps.example.com is under its own registrable domain, nobody's site.
    const moviesOwns = ownedDomains(movies, [movies, { ...evil, owns: evilOwns }], ['apps.example.com'], [site]);
    expect(moviesOwns).toEqual(['apps.example.com']);
    // 3. Whose site is it now? The instance serving it, not the IP instance's earlier claim.
    const now = [
      { ...movies, owns: moviesOwns },
      { ...evil, owns: evilOwns },
    ];
    expect(ownerOf(now, site)?.url).toBe(movies.url);
  });
});
