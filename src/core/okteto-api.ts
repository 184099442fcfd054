import { isNamespace } from './namespace';
import type { OktetoService, OktetoState, PreviewInfo, SpaceDetail } from './okteto';
import { OKTETO_LIMITS } from './okteto';
import { fail, ok, type Result } from './result';

/**
 * The Okteto instance's GraphQL API (contract: "Okteto API"): namespaces are called spaces there.
 * The same queries the okteto CLI sends; nothing outside them (a field may not exist on an instance).
 */
export const SPACES_QUERY = 'query { spaces { id owner status persistent } }';
export const SPACE_QUERY =
  'query ($id: String!) { space(id: $id) { id status deployments { id name status deployedBy endpoints { url } } statefulsets { id name status deployedBy endpoints { url } } } }';
export const WAKE_MUTATION = 'mutation ($space: String!) { wakeSpace(space: $space) { id } }';

/**
 * Self-hosted instances run older versions. Each list is the shapes the okteto CLI itself has sent,
 * newest first: a refresh steps down one when the instance says it does not know a field or an
 * argument (remembered per instance, in OktetoState.api, so the next refresh does not fail first).
 */
export const SPACES_STEPS = [
  SPACES_QUERY,
  'query { spaces { id status persistent } }',
  // Older instances: Space has no status, persistent or owner (the CLI's deprecatedListNamespaces).
  'query { spaces { id sleeping } }',
] as const;
/** Preview environments (pkg/okteto/preview.go): by labels, and without them on servers that reject `labels`. */
export const PREVIEWS_STEPS = [
  'query ($labels: [String]) { previews(labels: $labels) { id scope branch previewLabels sleeping persistent } }',
  'query { previews { id scope sleeping } }',
] as const;
export const PREVIEW_QUERY =
  'query ($id: String!) { preview(id: $id) { id endpoints { url } deployments { id name status deployedBy endpoints { url } } statefulsets { id name status deployedBy endpoints { url } } } }';
export const WAKE_PREVIEW_MUTATION = 'mutation ($preview: String!) { wakePreview(preview: $preview) { id } }';
/** A space's status as the API names it. */
const STATUSES: readonly string[] = ['Active', 'Sleeping', 'Inactive', 'Deleting', 'DestroyingAll', 'DeleteFailed'];

/** An older instance: it says which namespaces sleep, not their other statuses or what runs in them. */
export const isOlderInstance = (s: OktetoState): boolean =>
  !!s.api && (s.api.spaces >= SPACES_STEPS.length - 1 || !s.api.details);

/** The spaces query's answer: names (sorted, valid, once each) and their statuses. */
export interface Spaces {
  namespaces: string[];
  statuses: Record<string, string>;
}

/** Where a user makes a new personal access token on their instance. */
const tokenPage = (instance: string) => `${instance}/#/settings/setup`;

type Read<T> = Result<T>;

/**
 * Any answer of the instance's GraphQL endpoint → its `data`, or what went wrong in words a user
 * can act on. GraphQL errors are reported, a field the instance does not know included (a 400
 * with errors, as graphql-js servers answer a query that does not validate).
 */
function readGraphql(
  instance: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
): Read<Record<string, unknown>> {
  if (status === 401 || status === 403) {
    return fail('oktetoTokenRefusedHttp', instance, String(status), tokenPage(instance));
  }
  if (body === undefined) return fail('oktetoTooLarge', instance);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (status !== 200) return fail('oktetoHttpStatus', instance, String(status));
    return fail(contentType?.includes('html') ? 'oktetoAnsweredPage' : 'oktetoAnsweredNotJson', instance);
  }
  const j = json as { data?: unknown; errors?: { message?: unknown }[] };
  if (Array.isArray(j?.errors) && j.errors.length > 0) {
    const message = String(j.errors[0]?.message ?? 'unknown error').slice(0, 200);
    if (/unauthori[sz]ed|not authenticated|token/i.test(message)) {
      return fail('oktetoTokenRefused', message, tokenPage(instance));
    }
    if (/Cannot query field|Unknown argument|Unknown type/i.test(message)) {
      return fail('oktetoUnsupportedField', instance, message);
    }
    return fail('oktetoError', message);
  }
  if (status !== 200) return fail('oktetoHttpStatus', instance, String(status));
  if (typeof j?.data !== 'object' || j.data === null) return fail('oktetoNotOkteto', instance);
  return ok(j.data as Record<string, unknown>);
}

const text = (x: unknown, max = 200): string | undefined => (typeof x === 'string' && x.length <= max ? x : undefined);
const statusOf = (x: unknown): string | undefined => {
  const s = text(x, 40);
  return s && (STATUSES.includes(s) || /^[A-Za-z]{1,40}$/.test(s)) ? s : undefined;
};

/**
 * The instance does not know a field, argument or type the query named (a GraphQL validation
 * error): the caller steps down to an older shape instead of failing.
 */
export function unsupported(body: string | undefined): boolean {
  if (body === undefined || body.length > 64 * 1024) return false;
  try {
    const errors = (JSON.parse(body) as { errors?: { message?: unknown }[] })?.errors;
    return Array.isArray(errors) && errors.some((e) => UNSUPPORTED.test(String(e?.message ?? '')));
  } catch {
    return false;
  }
}
const UNSUPPORTED = /Cannot query field|Unknown argument|Unknown type/i;

/** The answer to SPACES_QUERY → namespace names (sorted, valid ones, once each) and their statuses. */
export function readSpaces(
  instance: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
): Result<Spaces> {
  const data = readGraphql(instance, status, contentType, body);
  if (data.error !== undefined) return data;
  const spaces = data.value.spaces;
  if (!Array.isArray(spaces)) return fail('oktetoNotOktetoSpaces', instance);
  return ok(spaceList(spaces));
}

/** A list of spaces or previews → names (sorted, valid ones, once each, bounded) and their statuses. */
function spaceList(list: unknown[]): Spaces {
  const statuses: Record<string, string> = {};
  const names = new Set<string>();
  for (const s of list.slice(0, 10 * OKTETO_LIMITS.maxNamespaces)) {
    const id = (s as { id?: unknown })?.id;
    if (typeof id !== 'string' || !isNamespace(id)) continue;
    names.add(id);
    // Older instances say only whether a space sleeps.
    const sleeping = (s as { sleeping?: unknown }).sleeping;
    const st =
      statusOf((s as { status?: unknown }).status) ??
      (typeof sleeping === 'boolean' ? (sleeping ? 'Sleeping' : 'Active') : undefined);
    if (st) statuses[id] = st;
  }
  const namespaces = [...names].sort().slice(0, OKTETO_LIMITS.maxNamespaces);
  return { namespaces, statuses: Object.fromEntries(namespaces.filter((n) => n in statuses).map((n) => [n, statuses[n]])) };
}

/** The answer to the previews query (either shape) → their names, statuses, branches and scopes. */
export function readPreviews(
  instance: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
): Result<Spaces & { previews: Record<string, PreviewInfo> }> {
  const data = readGraphql(instance, status, contentType, body);
  if (data.error !== undefined) return data;
  const list = data.value.previews;
  if (!Array.isArray(list)) return fail('oktetoNotOktetoPreviews', instance);
  const spaces = spaceList(list);
  const previews: Record<string, PreviewInfo> = {};
  const listed = new Set(spaces.namespaces);
  for (const p of list.slice(0, 10 * OKTETO_LIMITS.maxNamespaces)) {
    const id = (p as { id?: unknown })?.id;
    if (typeof id !== 'string' || !listed.has(id) || id in previews) continue;
    const info: PreviewInfo = {};
    const branch = text((p as { branch?: unknown }).branch, 200);
    const scope = text((p as { scope?: unknown }).scope, 40);
    if (branch && /^[\x21-\x7e]+$/.test(branch)) info.branch = branch;
    if (scope && /^[a-z]+$/i.test(scope)) info.scope = scope;
    previews[id] = info;
  }
  return ok({ ...spaces, previews });
}

/** The answer to SPACE_QUERY (or PREVIEW_QUERY: `key` preview) → what the namespace runs (at most OKTETO_LIMITS.maxResources). */
export function readSpace(
  instance: string,
  namespace: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
  now: number,
  key: 'space' | 'preview' = 'space',
): Result<SpaceDetail> {
  const data = readGraphql(instance, status, contentType, body);
  if (data.error !== undefined) return data;
  const space = data.value[key] as Record<string, unknown> | null | undefined;
  if (space === null) return fail('oktetoNoSuchNamespace', namespace);
  if (typeof space !== 'object' || space === undefined) return fail('oktetoNotOktetoSpace', instance);
  const services: OktetoService[] = [];
  for (const [field, kind] of [
    ['deployments', 'deployment'],
    ['statefulsets', 'statefulset'],
  ] as const) {
    const list = space[field];
    if (!Array.isArray(list)) continue;
    for (const r of list) {
      if (services.length >= OKTETO_LIMITS.maxResources) break;
      const name = text((r as { name?: unknown })?.name, 253);
      if (!name || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) continue;
      const rr = r as { status?: unknown; deployedBy?: unknown; endpoints?: unknown };
      const endpoints = (Array.isArray(rr.endpoints) ? rr.endpoints : [])
        .map((e) => text((e as { url?: unknown })?.url, 2000))
        .filter((u): u is string => !!u && /^https?:\/\/[^\s]+$/.test(u))
        .slice(0, 20);
      services.push({ name, kind, status: statusOf(rr.status), deployedBy: text(rr.deployedBy, 200), endpoints });
    }
  }
  services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ok({ status: statusOf(space.status), services, fetchedAt: now });
}

/** The answer to WAKE_MUTATION: accepted, or why not. */
export function readWake(
  instance: string,
  status: number,
  contentType: string | null,
  body: string | undefined,
  key: 'wakeSpace' | 'wakePreview' = 'wakeSpace',
): Result<true> {
  const data = readGraphql(instance, status, contentType, body);
  if (data.error !== undefined) return data;
  return data.value[key] ? ok(true) : fail('oktetoDidNotWake', instance);
}
