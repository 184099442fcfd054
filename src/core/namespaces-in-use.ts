import type { TabPins } from './rules';
import { namespaceFor, type Settings } from './settings';

/**
 * Which namespaces count as in use: `chosen`, every one the user chose here (the saved one, each
 * domain's own, the tab pins), diverting now or not: whose Okteto facts are worth reading;
 * `carried`, only those requests carry now (each enabled domain's, the tab pins; none while
 * paused): whose deploys are news.
 */
export type InUse = 'chosen' | 'carried';

/** The namespaces in use, once each: `asked` (what a caller wants to know about) first. */
export function namespacesInUse(settings: Settings, pins: TabPins, scope: InUse, asked: readonly string[] = []): string[] {
  const own =
    scope === 'chosen'
      ? [settings.activeNamespace, ...settings.domains.map((d) => d.namespace)]
      : settings.paused
        ? []
        : settings.domains.filter((d) => d.enabled).map((d) => namespaceFor(settings, d));
  const pinned = scope === 'carried' && settings.paused ? [] : Object.values(pins);
  return [...new Set([...asked, ...own, ...pinned].filter((n): n is string => !!n))];
}
