import { covers } from './host';
import type { OktetoState } from './okteto';
import { urlHost } from './url';

/**
 * Several Okteto instances (a dev and a staging cluster, two customers): each site's namespaces,
 * statuses and facts come from the instance that owns it.
 */

/** The instances a profile knows: the list, or the one instance versions before 0.3 kept. */
export const instancesOf = (list: OktetoState[] | undefined, legacy?: OktetoState): OktetoState[] =>
  list ?? (legacy ? [legacy] : []);

/** A host's parent domain, for a name that has one below a public suffix (no IPs, no single labels). */
function parentOf(host: string | undefined): string | undefined {
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

/**
 * The instance that owns `host`: the one the user named for its domain, else the one whose
 * endpoints (or whose own address) live under it, else the first. Undefined with no instance.
 */
export function ownerOf(instances: readonly OktetoState[], host: string | undefined): OktetoState | undefined {
  if (!host || instances.length < 2) return instances[0];
  const said = instances.find((i) => (i.domains ?? []).some((d) => covers(d, host)));
  if (said) return said;
  return instances.find((i) => (i.owns ?? []).some((d) => covers(d, host))) ?? instances[0];
}

/** The instance that lists `namespace`, the owner of `host` first (Wake goes there). */
export const instanceListing = (instances: readonly OktetoState[], namespace: string, host?: string): OktetoState | undefined => {
  const owner = ownerOf(instances, host);
  return owner?.namespaces.includes(namespace) ? owner : instances.find((i) => i.namespaces.includes(namespace));
};
