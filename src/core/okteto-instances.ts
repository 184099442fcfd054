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
  const hosts = Object.values(state.details ?? {}).flatMap((d) => d.services.flatMap((s) => s.endpoints.map(urlHost)));
  return [...new Set([...hosts, urlHost(state.url)].map(parentOf).filter((d): d is string => !!d))].sort();
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

/**
 * The domains an instance's own answer lets it claim (its `owns`), from that answer alone: a claim
 * the latest answer no longer supports is dropped. An endpoint URL is whatever a deployer's ingress
 * says, so a parent domain is claimed only
 * - under the instance's own registrable domain (its address's, or a domain the user named for it);
 *   an instance at an address with none (an IP) claims only when all its endpoints agree on one;
 * - and never under a domain another instance lives at (its address's parent) or the user named
 *   for it, unless this instance's own such domain there is the more specific.
 * Anything else claims nothing: the user can name the instance's domains on the options page.
 * `candidates` are endpointDomains(state), already past the domain rule.
 */
export function ownedDomains(state: OktetoState, others: readonly OktetoState[], candidates: readonly string[]): string[] {
  const homeOf = (i: OktetoState) =>
    [urlHost(i.url), ...(i.domains ?? [])].map((h) => (h ? registrableOf(h) : undefined)).filter((h): h is string => !!h);
  let home = homeOf(state);
  if (home.length === 0) {
    const all = new Set(candidates.map(registrableOf));
    home = all.size === 1 ? [...all].filter((h): h is string => !!h) : [];
  }
  const sitesOf = (i: OktetoState) => [parentOf(urlHost(i.url)), ...(i.domains ?? [])].filter((h): h is string => !!h);
  const mine = sitesOf(state);
  const theirs = others.filter((o) => o.url !== state.url).flatMap(sitesOf);
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
  let best: { instance: OktetoState; length: number } | undefined;
  for (const i of instances) {
    for (const d of i.owns ?? []) if (covers(d, host) && d.length > (best?.length ?? 0)) best = { instance: i, length: d.length };
  }
  return best?.instance ?? instances[0];
}

/** The instance that lists `namespace`, the owner of `host` first (Wake goes there). */
export const instanceListing = (instances: readonly OktetoState[], namespace: string, host?: string): OktetoState | undefined => {
  const owner = ownerOf(instances, host);
  return owner?.namespaces.includes(namespace) ? owner : instances.find((i) => i.namespaces.includes(namespace));
};
