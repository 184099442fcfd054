import { covers } from './host';
import type { OktetoState } from './okteto';
import { publicSuffixOf } from './public-suffix';
import { urlHost } from './url';

/**
 * Several Okteto instances (a dev and a staging cluster, two customers): each site's namespaces,
 * statuses and facts come from the instance that owns it.
 */

/** A host's parent domain, for a name that has one below a public suffix (no IPs, no single labels). */
export function parentOf(host: string | undefined): string | undefined {
  if (!host || /^[\d.]+$|^\[|:/.test(host)) return undefined;
  const parts = host.split('.');
  return parts.length > 2 ? parts.slice(1).join('.') : undefined;
}

/**
 * Where an instance's sites may live: the parent domains of the endpoints it listed (Okteto names
 * them <name>-<namespace>.<its domain>) and of its own address. Raw: the background keeps only the
 * ones the domain rule accepts (never a public suffix) as the instance's `owns`.
 */
export function endpointDomains(state: OktetoState): string[] {
  return [...new Set([...endpointHosts(state), urlHost(state.url)].map(parentOf).filter((d): d is string => !!d))].sort();
}

/** The host names (no IPs) of the endpoints an instance listed, once each. */
export function endpointHosts(state: OktetoState): string[] {
  const hosts = Object.values(state.details ?? {}).flatMap((d) => d.services.flatMap((s) => s.endpoints.map(urlHost)));
  return [...new Set(hosts.filter((h): h is string => !!h && !!parentOf(h)))].sort();
}

/** The registrable domain of a host name (example.com for a.b.example.com); undefined for IPs and bare suffixes. */
function registrableOf(host: string): string | undefined {
  if (/^[\d.]+$|^\[|:/.test(host)) return undefined;
  const suffix = publicSuffixOf(host);
  if (host === suffix || !host.endsWith(`.${suffix}`)) return undefined;
  const label = host
    .slice(0, -suffix.length - 1)
    .split('.')
    .at(-1);
  return `${label}.${suffix}`;
}

/** The registrable domains an instance lives at or was named for; none for an IP with no domain named. */
const homeOf = (i: OktetoState) =>
  [urlHost(i.url), ...(i.domains ?? [])].map((h) => (h ? registrableOf(h) : undefined)).filter((h): h is string => !!h);

const homeless = (i: OktetoState) => homeOf(i).length === 0;

/** Where an instance's own sites are: its address's parent and the domains named for it. */
const sitesOf = (i: OktetoState) => [parentOf(urlHost(i.url)), ...(i.domains ?? [])].filter((h): h is string => !!h);

/**
 * The domains an instance's own answer lets it claim (its `owns`), from that answer alone: a claim
 * the latest answer no longer supports is dropped. An endpoint URL is whatever a deployer's ingress
 * says, so a parent domain is claimed only
 * - under the instance's own registrable domain (its address's, or a domain the user named for it),
 * - and never under a domain another instance lives at (its address's parent) or the user named
 *   for it, unless this instance's own such domain there is the more specific.
 * An instance at an address with no registrable domain (an IP) and no domain named for it has no
 * home to measure a parent against: it claims only its endpoints' exact hosts (`hosts`), and none
 * that another instance owns (lives at, was named for, or claimed), so a more specific claim of
 * its own never takes another instance's site (attacker review of #33: an IP instance listing
 * `x.movies-alice.apps.example.com` took movies-alice's site from the instance serving it).
 * Anything else claims nothing: the user can name the instance's domains on the options page.
 * `candidates` are endpointDomains(state) and `hosts` endpointHosts(state), already past the domain rule.
 */
export function ownedDomains(
  state: OktetoState,
  others: readonly OktetoState[],
  candidates: readonly string[],
  hosts: readonly string[] = [],
): string[] {
  const home = homeOf(state);
  const rivals = others.filter((o) => o.url !== state.url);
  if (home.length === 0) {
    const owned = rivals.flatMap((o) => [...sitesOf(o), ...(o.owns ?? [])]);
    return hosts.filter((h) => !owned.some((d) => covers(d, h)));
  }
  const mine = sitesOf(state);
  const theirs = rivals.flatMap(sitesOf);
  return candidates.filter((d) => {
    const registrable = registrableOf(d);
    if (!registrable || !home.includes(registrable)) return false;
    // Under another instance's site, unless this one's own site there is the more specific.
    return !theirs.some((t) => covers(t, d) && !mine.some((m) => covers(m, d) && m.length > t.length));
  });
}

/**
 * The instance that owns `host`: the one the user named for its domain, else the one whose
 * endpoints (or whose own address) live under it, else the first. Undefined with no instance.
 */
export function ownerOf(instances: readonly OktetoState[], host: string | undefined): OktetoState | undefined {
  if (!host || instances.length < 2) return instances[0];
  const said = instances.find((i) => (i.domains ?? []).some((d) => covers(d, host)));
  if (said) return said;
  // The most specific claim wins: an instance at okteto.example.com does not take staging.example.com's sites.
  // An instance with no home (an IP, no domain named) claims exact hosts, checked against the others
  // when it answered: one that answered before them loses a host another instance covers now.
  const homed = instances.filter((i) => !homeless(i));
  const coveredByHomed = homed.some((i) => [...(i.owns ?? []), ...sitesOf(i)].some((d) => covers(d, host)));
  let best: { instance: OktetoState; length: number } | undefined;
  for (const i of coveredByHomed ? homed : instances) {
    for (const d of i.owns ?? []) if (covers(d, host) && d.length > (best?.length ?? 0)) best = { instance: i, length: d.length };
  }
  return best?.instance ?? instances[0];
}

/** The instance that lists `namespace`, the owner of `host` first (Wake goes there). */
export const instanceListing = (instances: readonly OktetoState[], namespace: string, host?: string): OktetoState | undefined => {
  const owner = ownerOf(instances, host);
  return owner?.namespaces.includes(namespace) ? owner : instances.find((i) => i.namespaces.includes(namespace));
};
