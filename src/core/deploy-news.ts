import type { OktetoService, OktetoState } from './okteto';
import type { Words } from './words';

/**
 * "Follow my deploy": what changed in a namespace in use between two refreshes of the Okteto API,
 * after `okteto deploy` or `okteto up`. Pure: the two answers in, the news out. Nothing is news on
 * the first answer about a namespace (no flood when a divert starts).
 */
export interface DeployNews {
  namespace: string;
  /** `running`: a service (new, or after deploying or an error) runs now; the tab may reload to see it. */
  kind: 'running' | 'gone' | 'status' | 'asleep' | 'many';
  service?: string;
  status?: string;
  /** One sentence, for the notification and the toolbar title. */
  line: string;
}

/** How long a news line stays in the toolbar title of tabs diverted to its namespace. */
export const NEWS_MINUTES = 30;

/** Notifications one refresh may show: an instance that lists 500 changes must not bury the screen. */
export const NEWS_NOTIFICATIONS_MAX = 3;

/**
 * A service name (checked by core/okteto.ts: DNS-label shaped, at most 253 characters) is said as a
 * name: cut to a Kubernetes name's 63 characters. A status is said only as one short word.
 */
const nameOf = (name: string) => (name.length > 63 ? `${name.slice(0, 62)}…` : name);
const statusWord = (status: string | undefined) => (status && /^[A-Za-z]{1,20}$/.test(status) ? status : '?');

/**
 * What one refresh says: each change on its own while there are at most NEWS_NOTIFICATIONS_MAX of
 * them; past that, one line per namespace ("12 services changed in alice", or its one change), and
 * never more than NEWS_NOTIFICATIONS_MAX lines. The toolbar titles say the same lines.
 */
export function newsToSay(news: DeployNews[], t: Words): DeployNews[] {
  if (news.length <= NEWS_NOTIFICATIONS_MAX) return news;
  const byNamespace = new Map<string, DeployNews[]>();
  for (const n of news) byNamespace.set(n.namespace, [...(byNamespace.get(n.namespace) ?? []), n]);
  return [...byNamespace.entries()]
    .slice(0, NEWS_NOTIFICATIONS_MAX)
    .map(([namespace, all]) =>
      all.length === 1 ? all[0] : { namespace, kind: 'many', line: t('newsMany', String(all.length), namespace) },
    );
}

const runs = (s: OktetoService) => !s.status || /^(running|active|deployed|ready)$/i.test(s.status);

export function deployNews(before: OktetoState | undefined, after: OktetoState, inUse: string[], t: Words): DeployNews[] {
  const out: DeployNews[] = [];
  for (const namespace of inUse) {
    const was = before?.details?.[namespace];
    const now = after.details?.[namespace];
    const wasAsleep = before?.statuses?.[namespace] === 'Sleeping';
    if (before?.statuses?.[namespace] !== undefined && !wasAsleep && after.statuses?.[namespace] === 'Sleeping') {
      out.push({ namespace, kind: 'asleep', line: t('newsAsleep', namespace) });
      continue;
    }
    if (!was || !now) continue;
    const old = new Map(was.services.map((s) => [s.name, s]));
    for (const s of now.services) {
      const prior = old.get(s.name);
      old.delete(s.name);
      if (prior && (prior.status ?? '') === (s.status ?? '')) continue;
      const name = nameOf(s.name);
      if (runs(s)) out.push({ namespace, kind: 'running', service: s.name, line: t('newsRunning', name, namespace) });
      else
        out.push({
          namespace,
          kind: 'status',
          service: s.name,
          status: s.status,
          line: t('newsStatus', name, namespace, statusWord(s.status)),
        });
    }
    for (const gone of old.keys())
      out.push({ namespace, kind: 'gone', service: gone, line: t('newsGone', nameOf(gone), namespace) });
  }
  return out;
}
