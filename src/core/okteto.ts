import { isNamespace } from './namespace';
import { fail, ok, type Result } from './result';
import { secureUrl } from './url';

/** The Okteto instance's GraphQL API: namespaces are called spaces there. */
export const SPACES_QUERY = 'query DivertSwitchSpaces { spaces { id owner } }';
export const OKTETO_LIMITS = { timeoutMs: 8000, maxBytes: 1024 * 1024, maxNamespaces: 2000 } as const;

export interface OktetoState {
  url: string;
  namespaces: string[];
  fetchedAt?: number;
  error?: string;
}

/** An Okteto instance URL, reduced to its origin: https, or http on this machine only. */
export function validateInstanceUrl(input: unknown): Result<string> {
  const url = secureUrl(input, 'your Okteto instance URL', 'https://okteto.example.com', {
    defaultScheme: 'https',
    credentials: '; the token goes in its own field',
  });
  return url.error === undefined ? ok(url.value.origin) : url;
}

/**
 * The namespace asked for is missing from the user's Okteto namespaces (deleted, or misspelled):
 * Divert then quietly falls back to the shared namespace, the confusion we exist to remove.
 */
export function missingFromOkteto(okteto: OktetoState | undefined, namespace: string | undefined): boolean {
  return !!okteto && !okteto.error && okteto.namespaces.length > 0 && !!namespace && !okteto.namespaces.includes(namespace);
}

/** Where a user makes a new personal access token on their instance. */
const tokenPage = (instance: string) => `${instance}/#/settings/setup`;

/** The answer to SPACES_QUERY → namespace names, or what went wrong in words a user can act on. */
export function readSpaces(
  instance: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
): Result<string[]> {
  if (status === 401 || status === 403) {
    return fail(
      `${instance} refused the token (HTTP ${status}): it has expired or was revoked. Create a new personal access token at ${tokenPage(instance)} and connect again.`,
    );
  }
  if (body === undefined) return fail(`${instance} answered more than 1 MiB; that is not the Okteto API.`);
  if (status !== 200)
    return fail(`${instance} answered HTTP ${status}. Check the instance URL; if it is right, try again later.`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const what = contentType?.includes('html') ? 'a web page' : 'something that is not JSON';
    return fail(`${instance}/graphql answered ${what}. Check that the URL is your Okteto instance (the address of its web UI).`);
  }
  const j = json as { data?: { spaces?: unknown }; errors?: { message?: unknown }[] };
  if (Array.isArray(j?.errors) && j.errors.length > 0) {
    const message = String(j.errors[0]?.message ?? 'unknown error').slice(0, 200);
    if (/unauthori[sz]ed|not authenticated|token/i.test(message)) {
      return fail(
        `Okteto refused the token (${message}). Create a new personal access token at ${tokenPage(instance)} and connect again.`,
      );
    }
    return fail(`Okteto answered with an error: ${message}`);
  }
  const spaces = j?.data?.spaces;
  if (!Array.isArray(spaces)) return fail(`${instance}/graphql did not answer the namespaces query as Okteto does.`);
  const names = spaces
    .map((s) => (s as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === 'string' && isNamespace(id));
  return ok([...new Set(names)].sort().slice(0, OKTETO_LIMITS.maxNamespaces));
}
