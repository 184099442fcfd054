import { type ApiShapes, OKTETO_LIMITS, type PreviewInfo, type SpaceDetail } from '../core/okteto';
import {
  PREVIEW_QUERY,
  PREVIEWS_STEPS,
  readPreviews,
  readSpace,
  readSpaces,
  readWake,
  SPACE_QUERY,
  SPACES_STEPS,
  type Spaces,
  unsupported,
  WAKE_MUTATION,
  WAKE_PREVIEW_MUTATION,
} from '../core/okteto-api';
import { fail, ok, problem, type Result } from '../core/result';
import { fetchBounded } from '../platform/fetch';

/**
 * The instance's GraphQL API, as the okteto CLI asks it. POST <instance>/graphql with the user's
 * token: the only place the token goes (okteto.ts gives it only to the origin it was stored for).
 */
type Raw = { status: number; contentType: string | null; body: string | undefined };
type Read<T> = (status: number, contentType: string | null, body: string | undefined) => Result<T>;

async function post(instance: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Result<Raw>> {
  const res = await fetchBounded(`${instance}/graphql`, {
    method: 'POST',
    body: JSON.stringify(variables ? { query, variables } : { query }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    timeoutMs: OKTETO_LIMITS.timeoutMs,
    maxBytes: OKTETO_LIMITS.maxBytes,
  });
  if ('error' in res) {
    return res.kind === 'timeout'
      ? fail('oktetoTimeout', instance, String(OKTETO_LIMITS.timeoutMs / 1000))
      : fail('oktetoUnreachable', instance, res.error);
  }
  return ok({ status: res.status, contentType: res.headers.get('content-type'), body: res.text });
}

async function ask<T>(
  instance: string,
  token: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  read: Read<T>,
) {
  const raw = await post(instance, token, query, variables);
  return raw.error !== undefined ? raw : read(raw.value.status, raw.value.contentType, raw.value.body);
}

/**
 * The first of `steps` (from `from` on) the instance answers: one it does not know a field of is
 * followed by the next. `step` is where it answered (steps.length: none of them).
 */
async function stepDown<T>(
  instance: string,
  token: string,
  steps: readonly string[],
  from: number,
  variables: Record<string, unknown> | undefined,
  read: Read<T>,
): Promise<{ result: Result<T>; step: number }> {
  for (let step = from; step < steps.length; step++) {
    const raw = await post(instance, token, steps[step] as string, step === 0 ? variables : undefined);
    if (raw.error !== undefined) return { result: raw, step };
    if (unsupported(raw.value.body)) continue;
    return { result: read(raw.value.status, raw.value.contentType, raw.value.body), step };
  }
  return {
    result: fail('oktetoTooOld', instance),
    step: steps.length,
  };
}

const NEWEST: ApiShapes = { spaces: 0, previews: 0, details: true };

export type Listed = Spaces & { previews: Record<string, PreviewInfo>; api: ApiShapes };

/** Namespaces and preview environments, each list in the newest shape this instance answers. */
export async function fetchListed(instance: string, token: string, known: ApiShapes = NEWEST): Promise<Result<Listed>> {
  const spaces = await stepDown(instance, token, SPACES_STEPS, known.spaces, undefined, (st, ct, body) =>
    readSpaces(instance, st, ct, body),
  );
  if (spaces.result.error !== undefined) return spaces.result;
  // An instance without previews at all is no failure: it lists none.
  const previews =
    known.previews >= PREVIEWS_STEPS.length
      ? { result: ok({ namespaces: [], statuses: {}, previews: {} }), step: known.previews }
      : await stepDown(instance, token, PREVIEWS_STEPS, known.previews, { labels: [] }, (st, ct, body) =>
          readPreviews(instance, st, ct, body),
        );
  const p = previews.result.value ?? { namespaces: [], statuses: {}, previews: {} };
  const namespaces = [...new Set([...spaces.result.value.namespaces, ...p.namespaces])]
    .sort()
    .slice(0, OKTETO_LIMITS.maxNamespaces);
  return ok({
    namespaces,
    statuses: { ...p.statuses, ...spaces.result.value.statuses },
    previews: p.previews,
    api: { spaces: spaces.step, previews: previews.step, details: known.details },
  });
}

/** What a namespace or preview runs; `unknown`: the instance cannot say (an older one). */
export async function fetchDetail(
  instance: string,
  token: string,
  namespace: string,
  preview: boolean,
): Promise<Result<SpaceDetail> & { unknown?: true }> {
  const raw = await post(instance, token, preview ? PREVIEW_QUERY : SPACE_QUERY, { id: namespace });
  if (raw.error !== undefined) return raw;
  if (unsupported(raw.value.body)) return { error: problem('oktetoNoDetail', instance), unknown: true };
  return readSpace(
    instance,
    namespace,
    raw.value.status,
    raw.value.contentType,
    raw.value.body,
    Date.now(),
    preview ? 'preview' : 'space',
  );
}

/** The one mutation: wake a sleeping namespace or preview environment. */
export const wake = (instance: string, token: string, namespace: string, preview: boolean) =>
  preview
    ? ask(instance, token, WAKE_PREVIEW_MUTATION, { preview: namespace }, (st, ct, body) =>
        readWake(instance, st, ct, body, 'wakePreview'),
      )
    : ask(instance, token, WAKE_MUTATION, { space: namespace }, (st, ct, body) => readWake(instance, st, ct, body));
