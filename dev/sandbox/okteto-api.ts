import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError, graphql } from 'graphql';

type ApiMode = 'ok' | 'html' | 'graphql-error' | 'down';

/**
 * Exactly the subset of the Okteto API the contract names ("Okteto API"), as a real GraphQL schema:
 * a query for a field the real API does not list fails validation here as it would there.
 */
const RESOURCES = `
  type Resource {
    id: String!
    name: String!
    status: String
    deployedBy: String
    endpoints: [Endpoint!]!
  }
  type Endpoint {
    url: String!
  }
`;
const SCHEMA = buildSchema(`
  type Query {
    spaces: [Space!]!
    space(id: String!): Space
    previews(labels: [String]): [Preview!]!
    preview(id: String!): Preview
  }
  type Mutation {
    wakeSpace(space: String!): Space
    wakePreview(preview: String!): Preview
  }
  type Space {
    id: String!
    owner: String
    status: String
    persistent: Boolean
    deployments: [Resource!]!
    statefulsets: [Resource!]!
  }
  type Preview {
    id: String!
    scope: String
    branch: String
    previewLabels: [String!]
    sleeping: Boolean
    persistent: Boolean
    endpoints: [Endpoint!]!
    deployments: [Resource!]!
    statefulsets: [Resource!]!
  }
  ${RESOURCES}
`);

/**
 * An older instance (the contract's older shapes): Space has only id and sleeping, previews take
 * no labels and have no branch, and nothing says what a namespace runs.
 */
const OLDER_SCHEMA = buildSchema(`
  type Query {
    spaces: [Space!]!
    space(id: String!): Space
    previews: [Preview!]!
  }
  type Mutation {
    wakeSpace(space: String!): Space
    wakePreview(preview: String!): Preview
  }
  type Space {
    id: String!
    sleeping: Boolean
  }
  type Preview {
    id: String!
    scope: String
    sleeping: Boolean
  }
`);

export interface StandInResource {
  name: string;
  status?: string;
  deployedBy?: string;
  endpoints?: string[];
}
export interface StandInSpace {
  id: string;
  owner?: string;
  status: string;
  persistent?: boolean;
  deployments: StandInResource[];
  statefulsets: StandInResource[];
  /** A preview environment (listed by `previews`, not `spaces`), built from this branch. */
  preview?: { branch: string; scope?: 'personal' | 'global'; labels?: string[] };
}

const resource = (space: string) => (r: StandInResource) => ({
  id: `${space}/${r.name}`,
  name: r.name,
  status: r.status ?? 'running',
  deployedBy: r.deployedBy ?? 'okteto',
  endpoints: (r.endpoints ?? []).map((url) => ({ url })),
});

/**
 * The Okteto instance stand-in, for one token, answered by graphql-js over the contract's schema.
 * Tests change `spaces` (statuses, what runs where), `token` and `mode` to make it answer in each
 * way a real one can; every call and every woken space is recorded. Loopback only.
 */
export async function startOktetoApi(options: {
  token: string;
  namespaces?: string[];
  spaces?: StandInSpace[];
  /** `older`: an older instance's schema (OLDER_SCHEMA). */
  version?: 'current' | 'older';
}) {
  const schema = options.version === 'older' ? OLDER_SCHEMA : SCHEMA;
  const api = {
    token: options.token,
    spaces:
      options.spaces ??
      (options.namespaces ?? []).map((id): StandInSpace => ({ id, status: 'Active', deployments: [], statefulsets: [] })),
    mode: 'ok' as ApiMode,
    calls: [] as { auth?: string; body: string }[],
    woken: [] as string[],
    /** The namespace names, as tests set them (each an Active space with nothing deployed). */
    set namespaces(ids: string[]) {
      api.spaces = ids.map(
        (id) => api.spaces.find((s) => s.id === id) ?? { id, status: 'Active', deployments: [], statefulsets: [] },
      );
    },
    get namespaces() {
      return api.spaces.map((s) => s.id);
    },
  };
  const view = (s: StandInSpace) => ({
    id: s.id,
    owner: s.owner ?? 'someone',
    status: s.status,
    sleeping: s.status === 'Sleeping',
    persistent: s.persistent ?? false,
    scope: s.preview?.scope ?? 'personal',
    branch: s.preview?.branch,
    previewLabels: s.preview?.labels ?? [],
    endpoints: s.deployments.flatMap((d) => d.endpoints ?? []).map((url) => ({ url })),
    deployments: s.deployments.map(resource(s.id)),
    statefulsets: s.statefulsets.map(resource(s.id)),
  });
  const spaces = () => api.spaces.filter((s) => !s.preview);
  const previews = () => api.spaces.filter((s) => s.preview);
  const waking = (list: () => StandInSpace[], id: string) => {
    const s = list().find((x) => x.id === id);
    if (!s) throw new GraphQLError(`"${id}" not found`);
    api.woken.push(id);
    s.status = 'Active';
    return view(s);
  };
  const root = {
    spaces: () => spaces().map(view),
    space: ({ id }: { id: string }) => {
      const s = spaces().find((x) => x.id === id);
      return s ? view(s) : null;
    },
    // `labels`: only previews carrying every one of them (none given: all).
    previews: ({ labels }: { labels?: string[] | null }) =>
      previews()
        .filter((s) => (labels ?? []).every((l) => s.preview?.labels?.includes(l)))
        .map(view),
    preview: ({ id }: { id: string }) => {
      const s = previews().find((x) => x.id === id);
      return s ? view(s) : null;
    },
    wakeSpace: ({ space }: { space: string }) => waking(spaces, space),
    wakePreview: ({ preview }: { preview: string }) => waking(previews, preview),
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      api.calls.push({ auth: req.headers.authorization, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method !== 'POST' || req.url !== '/graphql') return res.writeHead(404).end();
      if (api.mode === 'down') return res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      if (api.mode === 'html')
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Okteto</title>');
      if (req.headers.authorization !== `Bearer ${api.token}`) return json(401, { errors: [{ message: 'not-authorized' }] });
      if (api.mode === 'graphql-error') return json(200, { errors: [{ message: 'spaces: internal error' }], data: null });
      let request: { query?: unknown; variables?: unknown };
      try {
        request = JSON.parse(body);
      } catch {
        return json(400, { errors: [{ message: 'body is not JSON' }] });
      }
      const result = await graphql({
        schema,
        source: String(request.query ?? ''),
        rootValue: root,
        variableValues: (request.variables ?? undefined) as Record<string, unknown> | undefined,
      });
      // As graphql-js servers do: a query that does not validate is a 400, with its errors.
      json(result.data === undefined && result.errors ? 400 : 200, result);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    api,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // A browser may keep a connection open (keep-alive, or a request still arriving): closing must
    // not wait for it (found as a 90 s afterAll time-out in trust.spec).
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
