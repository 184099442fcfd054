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
  kind: 'running' | 'gone' | 'status' | 'asleep';
  service?: string;
  status?: string;
  /** One sentence, for the notification and the toolbar title. */
  line: string;
}

/** How long a news line stays in the toolbar title of tabs diverted to its namespace. */
export const NEWS_MINUTES = 30;

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
      if (runs(s)) out.push({ namespace, kind: 'running', service: s.name, line: t('newsRunning', s.name, namespace) });
      else
        out.push({
          namespace,
          kind: 'status',
          service: s.name,
          status: s.status,
          line: t('newsStatus', s.name, namespace, s.status ?? ''),
        });
    }
    for (const gone of old.keys()) out.push({ namespace, kind: 'gone', service: gone, line: t('newsGone', gone, namespace) });
  }
  return out;
}
