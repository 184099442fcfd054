import { urlHost } from './url';

/**
 * An Okteto instance as the extension keeps it, and what its answers tell about a namespace:
 * pure questions on the state. Its GraphQL queries and their readers are core/okteto-api.ts;
 * connecting (the instance URL, a pasted `okteto context show`) is core/okteto-connect.ts.
 */
export const OKTETO_LIMITS = {
  timeoutMs: 8000,
  maxBytes: 1024 * 1024,
  maxNamespaces: 2000,
  maxResources: 500,
  /** Namespaces whose services are kept (the ones in use); the oldest make room. */
  maxDetails: 20,
  /** While a divert is on, the list and statuses refresh this often without the popup. */
  refreshMinutes: 15,
} as const;

/** A space's status that means the namespace is as good as gone (Sleeping wakes on the user's click). */
export const isGoing = (status: string | undefined) =>
  status === 'Deleting' || status === 'DestroyingAll' || status === 'DeleteFailed';

/** A deployment or statefulset of a namespace, with the hosts of its endpoints. */
export interface OktetoService {
  name: string;
  kind: 'deployment' | 'statefulset';
  status?: string;
  deployedBy?: string;
  /** Endpoint URLs as the API gives them (https://catalog-alice.okteto.example.com). */
  endpoints: string[];
}

/** What one namespace runs, and when that was read. */
export interface SpaceDetail {
  status?: string;
  services: OktetoService[];
  fetchedAt: number;
}

/** A preview environment (a namespace too): its branch and scope, where the instance says them. */
export interface PreviewInfo {
  branch?: string;
  scope?: string;
}

/** Which shapes an instance answers (indexes into SPACES_STEPS and PREVIEWS_STEPS; past the end: none). */
export interface ApiShapes {
  spaces: number;
  previews: number;
  /** Whether it tells what a namespace runs (the space and preview queries). */
  details: boolean;
}

export interface OktetoState {
  url: string;
  /** Namespaces and preview environments: all of them are namespaces a request can be diverted to. */
  namespaces: string[];
  /** The preview environments among `namespaces`. */
  previews?: Record<string, PreviewInfo>;
  /** What this instance was found to answer (absent: the newest shapes, not yet tried). */
  api?: ApiShapes;
  /** The domains the user says this instance owns (its sites' namespaces come from it). */
  domains?: string[];
  /** The domains its endpoints were seen under (a guess at what it owns, core/okteto-instances.ts). */
  owns?: string[];
  /** The last change seen in each namespace in use (core/deploy-news.ts), for the toolbar title. */
  news?: Record<string, { line: string; at: number }>;
  /** Each namespace's status, where the instance says it. */
  statuses?: Record<string, string>;
  /** The services of the namespaces in use (at most OKTETO_LIMITS.maxDetails). */
  details?: Record<string, SpaceDetail>;
  fetchedAt?: number;
  error?: string;
}

/** Namespaces apart from preview environments, and the preview environments (for counts). */
export const countsOf = (s: OktetoState) => {
  const previews = Object.keys(s.previews ?? {}).length;
  return { namespaces: s.namespaces.length - previews, previews };
};

/**
 * The namespace asked for is missing from the user's Okteto namespaces (deleted, or misspelled):
 * Divert then quietly falls back to the shared namespace, the confusion we exist to remove.
 */
export function missingFromOkteto(okteto: OktetoState | undefined, namespace: string | undefined): boolean {
  if (!okteto || okteto.namespaces.length === 0 || !namespace) return false;
  // A namespace being deleted is flagged like one that is gone; the last good list still counts
  // after a failed refresh (it says when it was taken).
  return !okteto.namespaces.includes(namespace) || isGoing(okteto.statuses?.[namespace]);
}

/** Which service of which known namespace answers on `host`, from the endpoints the API listed. */
export function endpointAt(okteto: OktetoState | undefined, host: string): { namespace: string; service: string } | undefined {
  for (const [namespace, d] of Object.entries(okteto?.details ?? {})) {
    for (const s of d.services) if (s.endpoints.some((e) => urlHost(e) === host)) return { namespace, service: s.name };
  }
  return undefined;
}

/** The endpoint of `service` in `namespace`, if the API listed one. */
export function endpointOf(okteto: OktetoState | undefined, namespace: string, service: string): string | undefined {
  return okteto?.details?.[namespace]?.services.find((s) => s.name === service)?.endpoints[0];
}

/**
 * The namespace an Okteto endpoint host names (`<name>-<namespace>.<domain>`), among the known
 * ones, longest first: the namespace whose services to read to recognise the endpoint.
 */
export function namespaceInHost(okteto: OktetoState, host: string): string | undefined {
  const label = host.split('.')[0];
  return [...okteto.namespaces].sort((a, b) => b.length - a.length).find((ns) => label.endsWith(`-${ns}`) || label === ns);
}
